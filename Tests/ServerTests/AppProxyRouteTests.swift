import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import ShopifyAdmin
import Testing

/// `/apps/storewise/recommendations` as Shopify's App Proxy forwards it, signed with the app's
/// client secret, on the ``RecommendationFixture`` shop.
@Suite("App Proxy route")
struct AppProxyRouteTests {
    typealias F = RecommendationFixture

    /// The query Shopify would forward: `extra` plus shop, path_prefix, timestamp and (when
    /// given) logged_in_customer_id, signed with `secret`; `signature` overrides it.
    static func uri(_ extra: [(String, String)], customer: Int64? = nil, domain: String = TestApp.domain, secret: String = TestApp.secret,
                    timestamp: Int = Int(Date().timeIntervalSince1970), signature: String? = nil) -> String {
        var parameters = extra + [("shop", domain), ("path_prefix", "/apps/storewise"), ("timestamp", String(timestamp))]
        parameters.append(("logged_in_customer_id", customer.map(String.init) ?? ""))
        let signed = signature ?? AppProxySignature.sign(parameters.map { (name: $0.0, value: $0.1) }, secret: secret)
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let query = (parameters + [("signature", signed)])
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        return "/apps/storewise/recommendations?\(query)"
    }

    @Test("A signed product request gets the product's recommendations; a guest's answer may be cached a minute")
    func product() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let (status, body, fields) = try await client.get(Self.uri([("product_id", "910"), ("limit", "2")]))
            #expect(status == .ok, "\(body)")
            #expect(fields[.cacheControl] == "private, max-age=60")
            #expect(fields[.contentType] == "application/json; charset=utf-8")
            #expect(try F.json(body)["surface"] as? String == "product")
            #expect(try F.ids(body) == [F.filters, F.blend])
        }
    }

    @Test("A cart request; a logged-in customer with no cart gets their picks and no-store")
    func cartAndCustomer() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let (status, body, _) = try await client.get(Self.uri([("cart", "910,920")]))
            #expect(status == .ok, "\(body)")
            #expect(try F.json(body)["surface"] as? String == "cart")
            #expect(try F.ids(body).first == F.blend)
            let (customerStatus, customerBody, fields) = try await client.get(Self.uri([], customer: F.cy))
            #expect(customerStatus == .ok, "\(customerBody)")
            #expect(fields[.cacheControl] == "no-store")
            #expect(try F.json(customerBody)["surface"] as? String == "customer")
            #expect(!(try F.ids(customerBody)).contains(F.mug))
        }
    }

    @Test("A guest with nothing else gets best sellers in stock: 910 (5 orders) first, sold-out 940 never")
    func guest() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let (status, body, fields) = try await client.get(Self.uri([]))
            #expect(status == .ok, "\(body)")
            #expect(fields[.cacheControl] == "private, max-age=60")
            let ids = try F.ids(body)
            #expect(ids.first == F.dripper)
            #expect(!ids.contains(F.mug))
        }
    }

    @Test("Tampered, wrong-secret, missing and stale signatures and an unknown shop are 401; unknown shop and bad signature read alike")
    func refused() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let good = Self.uri([("product_id", "910")])
            let tampered = good.replacingOccurrences(of: "product_id=910", with: "product_id=920")
            let wrongSecret = Self.uri([("product_id", "910")], secret: "not-the-secret")
            let missing = "/apps/storewise/recommendations?product_id=910&shop=\(TestApp.domain)&timestamp=\(Int(Date().timeIntervalSince1970))"
            let unknownShop = Self.uri([("product_id", "910")], domain: "other-shop.myshopify.com")
            let noShop = "/apps/storewise/recommendations?product_id=910"
            var messages: [String: String] = [:]
            for (name, uri) in [("tampered", tampered), ("wrong secret", wrongSecret), ("missing", missing), ("unknown shop", unknownShop),
                                ("no shop", noShop)] {
                let (status, body, _) = try await client.get(uri)
                #expect(status == .unauthorized, "\(name): \(status) \(body)")
                messages[name] = body
            }
            #expect(messages["unknown shop"] == messages["wrong secret"])
            #expect(messages["unknown shop"] == messages["tampered"])
            #expect(try F.json(messages["tampered"] ?? "")["error"] as? String == "unauthorized")
            let stale = Self.uri([("product_id", "910")], timestamp: Int(Date().timeIntervalSince1970) - 16 * 60)
            let (staleStatus, staleBody, _) = try await client.get(stale)
            #expect(staleStatus == .unauthorized && staleBody.contains("too old"))
            #expect(try await client.get(good).0 == .ok)
        }
    }

    @Test("Bad parameters are 400 naming them; an unknown product is 404")
    func parameters() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            for (extra, name) in [([("product_id", "abc")], "product_id"), ([("limit", "99")], "limit"), ([("cart", "910,x")], "cart"),
                                  ([("viewed", "-1")], "viewed")] {
                let (status, body, _) = try await client.get(Self.uri(extra))
                #expect(status == .badRequest, "\(extra): \(body)")
                #expect(body.contains(name))
            }
            let (status, body, _) = try await client.get(Self.uri([("product_id", "999999")]))
            #expect(status == .notFound && body.contains("999999"))
        }
    }
}
