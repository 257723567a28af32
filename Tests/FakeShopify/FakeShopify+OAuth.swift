import Crypto
import Foundation
import Hummingbird
import NIOCore

/// Shopify's OAuth authorization-code grant, as the fake plays it.
extension FakeShopify {
    /// Hex HMAC-SHA256 of the query parameters other than `hmac` (and the legacy `signature`), as
    /// `key=value` pairs sorted by key and joined by `&`, with `%`, `&` (and `=` in keys) escaped —
    /// the install/redirect signature Shopify sends (see ../shared/shopify/hmac_vectors.json).
    public static func queryHMAC(_ parameters: [(String, String)], secret: String) -> String {
        func escape(_ text: String, key: Bool) -> String {
            var escaped = text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "&", with: "%26")
            if key { escaped = escaped.replacingOccurrences(of: "=", with: "%3D") }
            return escaped
        }
        let message = parameters.filter { $0.0 != "hmac" && $0.0 != "signature" }
            .map { "\(escape($0.0, key: true))=\(escape($0.1, key: false))" }
            .sorted()
            .joined(separator: "&")
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }

    /// The signed install URL Shopify opens when a merchant installs the app: `appURL?hmac&host&shop&timestamp`.
    public func installURL(appURL: URL, now: Date = Date()) -> URL {
        let host = Data("admin.shopify.com/store/\(configuration.shopDomain.split(separator: ".").first ?? "")".utf8).base64EncodedString()
        var parameters = [("host", host), ("shop", configuration.shopDomain), ("timestamp", String(Int(now.timeIntervalSince1970)))]
        parameters.append(("hmac", Self.queryHMAC(parameters, secret: configuration.clientSecret)))
        var components = URLComponents(url: appURL, resolvingAgainstBaseURL: false)!
        components.queryItems = (components.queryItems ?? []) + parameters.sorted { $0.0 < $1.0 }.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.url!
    }

    /// `GET /admin/oauth/authorize?client_id&scope&redirect_uri&state`: the merchant "approves" at once,
    /// and the fake redirects with a one-time code and a signed query.
    static func authorize(request: Request, state: FakeShopState, configuration: FakeShopifyConfiguration) async -> Response {
        let query = request.uri.queryParameters
        guard let clientID = query.get("client_id"), clientID == configuration.clientID,
              let redirect = query.get("redirect_uri"), var components = URLComponents(string: redirect) else {
            return Response(status: .badRequest, headers: [.contentType: "text/plain"],
                            body: .init(byteBuffer: ByteBuffer(string: "Oauth error invalid_request: The client_id or redirect_uri is missing or wrong")))
        }
        let code = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        await state.issueCode(code, scope: query.get("scope") ?? "")
        let host = Data("admin.shopify.com/store/\(configuration.shopDomain.split(separator: ".").first ?? "")".utf8).base64EncodedString()
        var parameters = [("code", code), ("host", host), ("shop", configuration.shopDomain),
                          ("timestamp", String(Int(Date().timeIntervalSince1970)))]
        if let nonce = query.get("state") { parameters.append(("state", nonce)) }
        parameters.append(("hmac", queryHMAC(parameters, secret: configuration.clientSecret)))
        components.queryItems = (components.queryItems ?? []) + parameters.sorted { $0.0 < $1.0 }.map { URLQueryItem(name: $0.0, value: $0.1) }
        return Response(status: .found, headers: [.location: components.url?.absoluteString ?? redirect])
    }

    /// `POST /admin/oauth/access_token` (JSON or form body `client_id, client_secret, code`): a code works once.
    static func accessToken(body: Data, contentType: String?, state: FakeShopState, configuration: FakeShopifyConfiguration) async -> Response {
        var fields: [String: String] = [:]
        if contentType?.contains("json") == true, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            for (key, value) in object { fields[key] = value as? String }
        } else {
            let text = String(decoding: body, as: UTF8.self)
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
        }
        func error(_ description: String) -> Response {
            Response(status: .badRequest, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: #"{"error":"invalid_request","error_description":"\#(description)"}"#)))
        }
        guard fields["client_id"] == configuration.clientID, fields["client_secret"] == configuration.clientSecret else {
            return error("The client id or client secret is invalid")
        }
        guard let code = fields["code"], let scope = await state.redeemCode(code) else {
            return error("The authorization code was not found or was already used")
        }
        let json = FakeJSON.object([("access_token", .string(configuration.accessToken)), ("scope", .string(scope))])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: json.data())))
    }
}

extension FakeShopState {
    func issueCode(_ code: String, scope: String) { oauthCodes[code] = scope }
    func redeemCode(_ code: String) -> String? { oauthCodes.removeValue(forKey: code) }
}
