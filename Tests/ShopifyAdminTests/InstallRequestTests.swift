import Crypto
import Foundation
import ShopifyAdmin
import Testing
import TestSupport

@Suite("OAuth install query HMAC")
struct InstallRequestTests {
    /// The `oauth_query_hmac` vectors of `shopify/hmac_vectors.json`, as loose JSON (their shapes differ).
    private func vectors() throws -> [String: [String: Any]]? {
        guard let data = SharedData.data("shopify/hmac_vectors.json") else { return nil }
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let list = try #require(root["oauth_query_hmac"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as! String, $0) })
    }

    /// Parameters from a vector's `params` object (array values become repeated `name[]`… entries as sent).
    private func parameters(_ vector: [String: Any]) -> [InstallRequest.Parameter] {
        let params = vector["params"] as! [String: Any]
        return params.keys.sorted().flatMap { name -> [InstallRequest.Parameter] in
            if let list = params[name] as? [String] { return list.map { InstallRequest.Parameter(name, $0) } }
            return [InstallRequest.Parameter(name, params[name] as! String)]
        }
    }

    @Test("Shopify's documented example: signed message and hex HMAC, verified at its timestamp")
    func docsExample() throws {
        guard let vectors = try vectors() else { return }
        let vector = try #require(vectors["python-docs-example"])
        var request = InstallRequest(parameters: parameters(vector))
        #expect(request.signedMessage == vector["signed_message"] as? String)
        #expect(request.expectedHMAC(secret: "hush") == vector["expected_hmac_hex"] as? String)
        request.parameters.append(.init("hmac", vector["expected_hmac_hex"] as! String))
        let shop = try request.verify(secret: "hush", now: Date(timeIntervalSince1970: 1_337_178_173))
        #expect(shop.value == "some-shop.myshopify.com")
        #expect(!request.hasValidHMAC(secret: "hush2"))
    }

    @Test("ids[] array rule and the &, =, % escaping rule")
    func arrayAndEscaping() throws {
        guard let vectors = try vectors() else { return }
        for id in ["python-array-param", "python-escaping"] {
            let vector = try #require(vectors[id])
            let request = InstallRequest(parameters: parameters(vector))
            #expect(request.signedMessage == vector["signed_message"] as? String, "\(id)")
            #expect(request.expectedHMAC(secret: vector["secret"] as! String) == vector["expected_hmac_hex"] as? String, "\(id)")
        }
        // The array keeps the order it was sent in: ids[]=2&ids[]=1 → ids=["2", "1"].
        let vector = try #require(vectors["python-array-param"])
        let sent = InstallRequest(query: "shop=some-shop.myshopify.com&ids%5B%5D=2&ids%5B%5D=1&hmac=" + (vector["expected_hmac_hex"] as! String))
        #expect(sent.hasValidHMAC(secret: "hush"))
    }

    @Test("go-shopify query strings: legacy signature dropped, state included, tampered timestamp rejected")
    func queryStrings() throws {
        guard let vectors = try vectors() else { return }
        let now = Date(timeIntervalSince1970: 1_337_178_173)
        for id in ["go-shopify-docs-example", "go-shopify-docs-example-with-state"] {
            let vector = try #require(vectors[id])
            let request = InstallRequest(query: vector["query_string"] as! String)
            #expect(request.signedMessage == vector["signed_message"] as? String, "\(id)")
            #expect(throws: Never.self) { try request.verify(secret: "hush", now: now) }
        }
        let tampered = InstallRequest(query: try #require(vectors["go-shopify-tampered-timestamp"])["query_string"] as! String)
        #expect(!tampered.hasValidHMAC(secret: "hush"))
        #expect(throws: OAuthError.invalidHMAC) { try tampered.verify(secret: "hush", now: now) }
    }

    @Test("The PHP vector signs its parameters unsorted, so a verifier following Shopify's sorted rule rejects it")
    func phpUnsortedRejected() throws {
        guard let vectors = try vectors() else { return }
        let vector = try #require(vectors["php-unsorted-callback"])
        let pairs = (vector["params_in_order"] as! [[String]]).map { InstallRequest.Parameter($0[0], $0[1]) }
        let request = InstallRequest(parameters: pairs + [.init("hmac", vector["expected_hmac_hex"] as! String)])
        #expect(request.signedMessage == "code=real_code&shop=test-shop.myshopify.io&state=1234")
        #expect(!request.hasValidHMAC(secret: vector["secret"] as! String))
        // The README's note gives the sorted message's HMAC.
        #expect(request.expectedHMAC(secret: vector["secret"] as! String) == "0c9ded73155836612084bf27682edf1df74df66dc7d40c9682ebd06e68378ca3")
    }

    /// Signs `message` by hand (the sorted pairs written out in the test).
    private func sign(_ message: String, _ secret: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    @Test("Timestamp within ±24 h of the injected clock; the shop must be a myshopify domain")
    func timestampAndShop() throws {
        let message = "shop=a-shop.myshopify.com&timestamp=1700000000"
        let request = InstallRequest(query: "shop=a-shop.myshopify.com&timestamp=1700000000&hmac=" + sign(message, "s3cret"))
        #expect(throws: Never.self) { try request.verify(secret: "s3cret", now: Date(timeIntervalSince1970: 1_700_000_000 + 86_400)) }
        #expect(throws: Never.self) { try request.verify(secret: "s3cret", now: Date(timeIntervalSince1970: 1_700_000_000 - 86_400)) }
        #expect(throws: OAuthError.staleTimestamp(seconds: 86_401, allowed: 86_400)) {
            try request.verify(secret: "s3cret", now: Date(timeIntervalSince1970: 1_700_000_000 + 86_401))
        }
        let evil = InstallRequest(query: "shop=evil.example.com&timestamp=1700000000&hmac=" + sign("shop=evil.example.com&timestamp=1700000000", "s3cret"))
        #expect {
            try evil.verify(secret: "s3cret", now: Date(timeIntervalSince1970: 1_700_000_000))
        } throws: { error in
            "\(error)".hasPrefix("shop: ")
        }
        #expect(throws: OAuthError.missingParameter(name: "hmac")) {
            try InstallRequest(query: "shop=a-shop.myshopify.com&timestamp=1700000000").verify(secret: "s3cret", now: Date())
        }
    }

    @Test("Shop domains", arguments: [
        ("a-shop.myshopify.com", true), ("A-Shop.MyShopify.com", true), ("0shop.myshopify.com", true),
        ("evil.com", false), ("a-shop.myshopify.com.evil.com", false), ("-shop.myshopify.com", false),
        ("a.b.myshopify.com", false), (".myshopify.com", false), ("a-shop.myshopify.com/admin", false), ("a_shop.myshopify.com", false),
    ])
    func shopDomains(raw: String, valid: Bool) {
        let domain = try? ShopDomain(raw)
        #expect((domain != nil) == valid, "\(raw)")
        if let domain { #expect(domain.value == raw.lowercased()) }
    }
}
