import AsyncHTTPClient
import FakeShopify
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import ShopifyAdmin
import Storage
import Testing

/// The app install against the fake Shopify's OAuth endpoints: the signed install link, the consent redirect,
/// the callback with a one-time code, the token exchange, and every refusal.
@Suite("OAuth install")
struct OAuthInstallTests {
    static let appURL = URL(string: "https://storewise.example.com")!

    final class Harness: Sendable {
        let fake: FakeShopify
        let store: SQLiteStore
        let directory: URL
        let cipher: TokenCipher
        let setup: ShopifyAppSetup
        let configuration: AppConfiguration

        init() async throws {
            fake = try await FakeShopify.start()
            (store, directory) = try SQLiteStore.temporary()
            cipher = try TokenCipher(keyData: Data(repeating: 42, count: 32))
            let flow = OAuthFlow(clientID: fake.configuration.clientID, clientSecret: fake.configuration.clientSecret,
                                 scopes: ["read_orders", "write_orders"], redirectURL: ShopifyAppSetup.redirectURL(appURL: OAuthInstallTests.appURL),
                                 originOverride: fake.baseURL, httpClient: .shared)
            setup = ShopifyAppSetup(store: store, flow: flow, cipher: cipher, appURL: OAuthInstallTests.appURL, adminBaseURL: fake.baseURL,
                                    httpClient: .shared, registerWebhooks: { client, url in
                                        try await client.registerWebhooks(callbackURL: url.absoluteString).count
                                    })
            configuration = AppConfiguration(port: 0, databasePath: directory.appendingPathComponent("storewise.sqlite").path, dataDirectory: directory)
        }

        func run(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
            var dependencies = AppDependencies(store: store, configuration: configuration)
            dependencies.shopifyApp = setup
            let router = buildRouter(dependencies, configuration: configuration)
            try await Application(router: router).test(.router, body)
        }

        func close() async {
            await fake.stop()
            try? FileManager.default.removeItem(at: directory)
        }

        /// `/path?query` of an absolute URL, as the router sees it.
        static func local(_ url: String) throws -> String {
            let components = try #require(URLComponents(string: url))
            return components.path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        }

        /// Install → consent (at the fake) → the callback URL the fake redirects to.
        func callbackURL(_ client: any TestClientProtocol) async throws -> String {
            let install = fake.installURL(appURL: OAuthInstallTests.appURL.appendingPathComponent("shopify/install"))
            let (status, body, headers) = try await client.get(try Self.local(install.absoluteString))
            #expect(status == .found, "\(body)")
            let authorize = try #require(headers[.location])
            let consent = try await fake.get(try #require(URL(string: authorize)))
            #expect(consent.status == 302)
            return try Self.local(try #require(consent.header("Location")))
        }
    }

    @Test("Install round trip: redirect to consent with state, callback stores a sealed token that opens to the fake's, shop, webhooks, audit row")
    func roundTrip() async throws {
        let h = try await Harness()
        defer { Task { await h.close() } }
        try await h.run { client in
            let install = h.fake.installURL(appURL: Self.appURL.appendingPathComponent("shopify/install"))
            let (_, _, headers) = try await client.get(try Harness.local(install.absoluteString))
            let location = try #require(headers[.location])
            let authorize = try #require(URLComponents(string: location))
            #expect(authorize.path == "/admin/oauth/authorize")
            let items = Dictionary((authorize.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
            #expect(items["client_id"] == h.fake.configuration.clientID && items["scope"] == "read_orders,write_orders")
            #expect(items["redirect_uri"] == "https://storewise.example.com/shopify/callback")
            #expect(items["state"]?.count == 64 && items["grant_options[]"] == "")

            let consent = try await h.fake.get(try #require(authorize.url))
            let callback = try Harness.local(try #require(consent.header("Location")))
            let (status, body, done) = try await client.get(callback)
            #expect(status == .found, "\(body)")
            let domain = h.fake.configuration.shopDomain
            #expect(done[.location]?.hasPrefix("/dashboard/\(domain)?token=sw_") == true)

            let shop = try #require(try await h.store.shop(domain: domain))
            #expect(shop.webhookSecret == h.fake.configuration.clientSecret)
            let credential = try #require(try await h.store.credential(shopID: shop.id))
            #expect(!credential.sealedToken.contains(Data(h.fake.configuration.accessToken.utf8)))
            #expect(try h.cipher.open(credential.sealedToken) == h.fake.configuration.accessToken)
            #expect(credential.scopes == "read_orders,write_orders")
            let subscriptions = await h.fake.webhookSubscriptions
            #expect(!subscriptions.isEmpty)
            #expect(subscriptions.allSatisfy { $0.uri == "https://storewise.example.com/webhooks/shopify" })
            let audit = try await h.store.auditEntries(shopID: shop.id, after: 0, limit: 10, proposalID: nil)
            #expect(audit.map(\.entry.action) == ["shop.installed"])
            #expect(audit.first?.entry.outcome?.hasPrefix("ok; \(subscriptions.count) webhook subscriptions") == true)

            // The same callback again: the state was used up (and the code too); nothing more is written.
            let (replay, replayBody, _) = try await client.get(callback)
            #expect(replay == .badRequest && replayBody.contains("state"))
            #expect(try await h.store.auditEntries(shopID: shop.id, after: 0, limit: 10, proposalID: nil).count == 1)
        }
    }

    @Test("Tampered hmac → 401; a state issued for another shop, a missing state, a foreign shop domain, an old timestamp → 400; nothing written")
    func refusals() async throws {
        let h = try await Harness()
        defer { Task { await h.close() } }
        let secret = h.fake.configuration.clientSecret
        @Sendable func signed(_ path: String, _ parameters: [(String, String)]) -> String {
            let all = parameters + [("hmac", FakeShopify.queryHMAC(parameters, secret: secret))]
            var components = URLComponents()
            components.queryItems = all.map { URLQueryItem(name: $0.0, value: $0.1) }
            return path + "?" + (components.percentEncodedQuery ?? "")
        }
        let now = String(Int(Date().timeIntervalSince1970))
        try await h.run { client in
            let callback = try await h.callbackURL(client)
            // One changed character in the code: the signature no longer matches.
            let tampered = callback.replacingOccurrences(of: "code=", with: "code=0")
            let (forged, forgedBody, _) = try await client.get(tampered)
            #expect(forged == .unauthorized && forgedBody.contains("hmac"))
            let (unsignedInstall, _, _) = try await client.get("/shopify/install?shop=\(h.fake.configuration.shopDomain)&timestamp=\(now)")
            #expect(unsignedInstall == .unauthorized)

            // A correctly signed callback for another shop that reuses this shop's state.
            let state = try #require(URLComponents(string: callback)?.queryItems?.first { $0.name == "state" }?.value)
            let other = signed("/shopify/callback", [("code", "abc"), ("shop", "other-shop.myshopify.com"), ("state", state), ("timestamp", now)])
            let (wrongShop, wrongShopBody, _) = try await client.get(other)
            #expect(wrongShop == .badRequest && wrongShopBody.contains("state"))
            let noState = signed("/shopify/callback", [("code", "abc"), ("shop", h.fake.configuration.shopDomain), ("timestamp", now)])
            #expect(try await client.get(noState).0 == .badRequest)
            let evil = signed("/shopify/install", [("shop", "evil.example.com"), ("timestamp", now)])
            let (evilStatus, evilBody, _) = try await client.get(evil)
            #expect(evilStatus == .badRequest && evilBody.contains("shop"))
            let old = signed("/shopify/install", [("shop", h.fake.configuration.shopDomain), ("timestamp", String(Int(Date().timeIntervalSince1970) - 2 * 86_400))])
            let (oldStatus, oldBody, _) = try await client.get(old)
            #expect(oldStatus == .badRequest && oldBody.contains("timestamp"))

            #expect(try await h.store.shops().isEmpty)
            #expect(await h.fake.webhookSubscriptions.isEmpty)
            // A state is single use even when it is presented for the wrong shop: the genuine callback is refused now too.
            #expect(try await client.get(callback).0 == .badRequest)
            #expect(try await h.store.shops().isEmpty)
        }
    }
}
