import AsyncHTTPClient
import Foundation
import NIOCore

/// Shopify's authorization-code grant for an offline (shop-wide, non-expiring) Admin API token.
///
/// 1. The install URL (`GET {app}/shopify/install?shop&hmac&timestamp`) is verified (`InstallRequest`), a
///    `state` nonce remembered, and the merchant redirected to `authorizeURL(shop:state:)`.
/// 2. Shopify redirects back to `redirectURL?code&hmac&shop&state&timestamp`; after the checks,
///    `exchange(code:shop:)` trades the code for the token.
///
/// ```swift
/// let flow = OAuthFlow(clientID: id, clientSecret: secret, scopes: ["read_orders"], redirectURL: callback, httpClient: .shared)
/// let url = flow.authorizeURL(shop: try ShopDomain("x.myshopify.com"), state: OAuthFlow.newState())
/// ```
public struct OAuthFlow: Sendable {
    public var clientID: String
    public var clientSecret: String
    public var scopes: [String]
    /// `{shopify.appURL}/shopify/callback`: must be listed in the app's allowed redirection URLs.
    public var redirectURL: URL
    /// Replaces `https://{shop}` for the authorize URL and the token exchange (the local fake Shopify).
    public var originOverride: URL?
    let httpClient: HTTPClient

    public init(clientID: String, clientSecret: String, scopes: [String], redirectURL: URL, originOverride: URL? = nil, httpClient: HTTPClient) {
        self.clientID = clientID; self.clientSecret = clientSecret; self.scopes = scopes; self.redirectURL = redirectURL
        self.originOverride = originOverride; self.httpClient = httpClient
    }

    /// `https://{shop}` or the override.
    public func origin(shop: ShopDomain) -> URL {
        originOverride ?? URL(string: "https://\(shop.value)")!
    }

    /// `{origin}/admin/oauth/authorize?client_id&scope&redirect_uri&state&grant_options[]=` — an empty
    /// `grant_options[]` asks for an offline token (`per-user` would ask for an online one).
    public func authorizeURL(shop: ShopDomain, state: String) -> URL {
        var components = URLComponents(url: origin(shop: shop).appendingPathComponent("admin/oauth/authorize"), resolvingAgainstBaseURL: false)!
        components.queryItems = [
            URLQueryItem(name: "client_id", value: clientID),
            URLQueryItem(name: "scope", value: scopes.joined(separator: ",")),
            URLQueryItem(name: "redirect_uri", value: redirectURL.absoluteString),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "grant_options[]", value: ""),
        ]
        return components.url!
    }

    /// A fresh unguessable `state` nonce (32 random bytes, hex).
    public static func newState() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let word = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
    }

    /// The token Shopify returns for a code.
    public struct Token: Sendable, Hashable, Decodable {
        public var accessToken: String
        /// The granted scopes, comma-separated.
        public var scope: String

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", scope
        }

        public init(accessToken: String, scope: String) {
            self.accessToken = accessToken; self.scope = scope
        }
    }

    /// `POST {origin}/admin/oauth/access_token` with JSON `{client_id, client_secret, code}` → the offline token.
    public func exchange(code: String, shop: ShopDomain, timeout: TimeAmount = .seconds(30)) async throws -> Token {
        let url = origin(shop: shop).appendingPathComponent("admin/oauth/access_token")
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        let body = try JSONEncoder().encode(["client_id": clientID, "client_secret": clientSecret, "code": code])
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: timeout)
        } catch {
            throw OAuthError.tokenExchange(status: 0, reason: "\(url.absoluteString): \(error)")
        }
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let data = Data(bytes.readableBytesView)
        guard response.status.code == 200 else {
            throw OAuthError.tokenExchange(status: Int(response.status.code), reason: String(decoding: data.prefix(300), as: UTF8.self))
        }
        do {
            return try JSONDecoder().decode(Token.self, from: data)
        } catch {
            throw OAuthError.tokenExchange(status: 200, reason: "the response has no access_token and scope: \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
    }
}
