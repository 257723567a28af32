import Foundation
import Testing
import TestSupport
@testable import ShopifyAdmin

@Suite("App Proxy signature")
struct AppProxySignatureTests {
    /// go-shopify's TestSignature, transcribed in ../shared/shopify/hmac_vectors.json.
    static let query = "extra=1&extra=2&shop=shop-name.myshopify.com&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555&signature=a9718877bea71c2484f91608a7eaea1532bdf71f5c56825065fa4ccabe549ef3"
    static let signedAt = Date(timeIntervalSince1970: 1_317_327_555)

    @Test("The shared vector: message and signature")
    func sharedVector() throws {
        guard let data = SharedData.data("shopify/hmac_vectors.json") else { return }
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let vector = try #require((json["app_proxy_signature"] as? [[String: Any]])?.first)
        let query = try #require(vector["query_string"] as? String)
        let parameters = try AppProxyRequest.decode(query).map { (name: $0.name, value: $0.value) }
        #expect(AppProxySignature.message(parameters) == vector["signed_message"] as? String)
        #expect(AppProxySignature.sign(parameters, secret: vector["secret"] as! String) == vector["expected_signature_hex"] as? String)
        let request = try AppProxyRequest(query: query, secret: vector["secret"] as! String,
                                          now: Date(timeIntervalSince1970: 1_317_327_600))
        #expect(request.shopDomain == "shop-name.myshopify.com")
        #expect(request.pathPrefix == "/apps/awesome_reviews")
        #expect(request.values("extra") == ["1", "2"])
        #expect(request.loggedInCustomerID == nil)
    }

    @Test("The vector, written out here, without ../shared")
    func inlineVector() throws {
        let request = try AppProxyRequest(query: Self.query, secret: "hush", now: Self.signedAt)
        #expect(request.timestamp == 1_317_327_555)
        #expect(AppProxyRequest.shopDomain(inQuery: Self.query) == "shop-name.myshopify.com")
    }

    @Test("Tampered, missing, wrong secret and stale requests are refused with the reason")
    func refusals() {
        #expect(throws: AppProxyError.badSignature) {
            try AppProxyRequest(query: Self.query.replacingOccurrences(of: "extra=2", with: "extra=3"), secret: "hush", now: Self.signedAt)
        }
        #expect(throws: AppProxyError.badSignature) {
            try AppProxyRequest(query: Self.query, secret: "hush!", now: Self.signedAt)
        }
        #expect(throws: AppProxyError.missing("signature")) {
            try AppProxyRequest(query: "shop=a.myshopify.com&timestamp=1", secret: "hush", now: Self.signedAt)
        }
        #expect(throws: AppProxyError.badSignature) {
            try AppProxyRequest(query: Self.query.replacingOccurrences(of: "signature=a97", with: "signature=zz7"), secret: "hush", now: Self.signedAt)
        }
        #expect(throws: AppProxyError.stale(timestamp: 1_317_327_555)) {
            try AppProxyRequest(query: Self.query, secret: "hush", now: Self.signedAt.addingTimeInterval(16 * 60))
        }
    }

    @Test("A logged-in customer's id is read after verification")
    func loggedInCustomer() throws {
        let parameters = [(name: "shop", value: "a.myshopify.com"), (name: "logged_in_customer_id", value: "1042"),
                          (name: "path_prefix", value: "/apps/storewise"), (name: "timestamp", value: "1317327555"),
                          (name: "product_id", value: "7")]
        let signature = AppProxySignature.sign(parameters, secret: "s3cret")
        let query = parameters.map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&") + "&signature=\(signature)"
        let request = try AppProxyRequest(query: query, secret: "s3cret", now: Self.signedAt)
        #expect(request.loggedInCustomerID == 1042)
        #expect(request.value("product_id") == "7")
    }
}
