import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Testing

/// `/api/v1/recommendations` on the ``RecommendationFixture`` shop (its tables give every
/// expected count below): serving routes, their errors, merchant rules and runs.
@Suite("Recommendation API")
struct RecommendationAPITests {
    typealias F = RecommendationFixture

    func headers(_ app: TestApp, requestID: String? = nil) -> HTTPFields {
        var fields = app.bearer
        if let requestID { fields[HTTPField.Name("X-Request-Id")!] = requestID }
        return fields
    }

    @Test("A product page gets its bought-together products with price, stock and reason; sold-out and itself never")
    func productPage() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let (status, body, fields) = try await client.get("/api/v1/recommendations/products/910", headers: headers(app, requestID: "theme-42"))
            #expect(status == .ok)
            #expect(fields[.contentType] == "application/json; charset=utf-8")
            #expect(fields[HTTPField.Name("X-Request-Id")!] == "theme-42")
            let object = try F.json(body)
            #expect(object["request_id"] as? String == "theme-42")
            #expect(object["model_version"] as? String == "r1")
            #expect(object["surface"] as? String == "product")
            let ids = try F.ids(body)
            // Neighbours 920 (3 orders) and 930 (2) first; 940 sold out and 910 itself never; the rest is in-stock fill.
            #expect(Array(ids.prefix(2)) == [F.filters, F.blend])
            #expect(!ids.contains(F.mug) && !ids.contains(F.dripper))
            #expect(Set(ids).isSubset(of: [F.filters, F.blend, F.kettle, F.towel, F.grinder]))
            let filters = try #require(try F.products(body).first)
            #expect(filters["title"] as? String == "Paper Filters")
            #expect(filters["handle"] as? String == "paper-filters")
            #expect(filters["product_type"] as? String == "Filters")
            #expect(filters["vendor"] as? String == "Harbour Goods")
            #expect(filters["price"] as? String == "6.00")
            #expect(filters["currency"] as? String == "USD")
            #expect(filters["available"] as? Int == 40)
            #expect(filters["position"] as? Int == 1)  // positions count from 1 (Ranker)
            #expect(filters["signal"] as? String == "bought_together" || filters["signal"] as? String == "also_bought")
            // 3 orders with both, and 3 customers (Ada, Bob, Cy) who bought both: the evidence is 3 either way.
            #expect(filters["evidence"] as? Int == 3)
            #expect((filters["reason"] as? String)?.contains("Pour-over Dripper") == true)
            #expect((filters["score"] as? Double).map { $0 > 0 } == true)
            let blend = try F.products(body)[1]
            #expect(blend["price"] as? String == "12.50" && blend["evidence"] as? Int == 2)
        }
    }

    @Test("limit cuts the list; without X-Request-Id the engine makes an id and the header carries it")
    func limitAndRequestID() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let (status, body, fields) = try await client.get("/api/v1/recommendations/products/910?limit=1", headers: app.bearer)
            #expect(status == .ok)
            #expect(try F.ids(body) == [F.filters])
            let id = try #require(try F.json(body)["request_id"] as? String)
            #expect(!id.isEmpty && fields[HTTPField.Name("X-Request-Id")!] == id)
        }
    }

    @Test("A cart gets add-ons for its items, never the items themselves nor sold-out products")
    func cart() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/recommendations/cart?items=910,920&limit=8", headers: app.bearer)
            #expect(status == .ok)
            #expect(try F.json(body)["surface"] as? String == "cart")
            let ids = try F.ids(body)
            // 930 goes with both (2 orders with 910, 2 with 920: 102 and 105).
            #expect(ids.first == F.blend)
            #expect(!ids.contains(F.dripper) && !ids.contains(F.filters) && !ids.contains(F.mug))
        }
    }

    @Test("A customer's picks come for a known customer; one who never ordered gets best sellers; unknown is 404")
    func customer() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/recommendations/customers/7003?limit=8", headers: app.bearer)
            #expect(status == .ok)
            #expect(try F.json(body)["surface"] as? String == "customer")
            let ids = try F.ids(body)
            #expect(!ids.isEmpty && !ids.contains(F.mug))
            let (newStatus, newBody, _) = try await client.get("/api/v1/recommendations/customers/7009", headers: app.bearer)
            #expect(newStatus == .ok)
            // Best sellers in stock: 910 (5 orders) first; 940 (3) is sold out.
            #expect(try F.ids(newBody).first == F.dripper)
            let (missing, message, _) = try await client.get("/api/v1/recommendations/customers/424242", headers: app.bearer)
            #expect(missing == .notFound)
            #expect(message.contains("424242"))
        }
    }

    @Test("exclude_purchased with customer_id leaves out what the customer bought")
    func excludePurchased() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            // Bob bought 910, 920, 930 and 960.
            let (status, body, _) = try await client.get(
                "/api/v1/recommendations/products/910?customer_id=7002&exclude_purchased=true", headers: app.bearer)
            #expect(status == .ok)
            let ids = try F.ids(body)
            #expect(!ids.contains(F.filters) && !ids.contains(F.blend) && !ids.contains(F.towel))
            let (_, kept, _) = try await client.get(
                "/api/v1/recommendations/products/910?customer_id=7002&exclude_purchased=false", headers: app.bearer)
            #expect(try F.ids(kept).prefix(2) == [F.filters, F.blend])
        }
    }

    @Test("Bad ids, limits and lists are 400 naming the parameter; unknown products 404; no token 401")
    func errors() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            #expect(try await client.get("/api/v1/recommendations/products/910").0 == .unauthorized)
            let tooMany = (1...51).map { String(1000 + $0) }.joined(separator: ",")
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/api/v1/recommendations/products/abc", .badRequest, "id"),
                ("/api/v1/recommendations/products/-3", .badRequest, "id"),
                ("/api/v1/recommendations/products/910?limit=0", .badRequest, "limit"),
                ("/api/v1/recommendations/products/910?limit=51", .badRequest, "limit"),
                ("/api/v1/recommendations/products/910?limit=x", .badRequest, "limit"),
                ("/api/v1/recommendations/products/910?customer_id=ada", .badRequest, "customer_id"),
                ("/api/v1/recommendations/products/910?exclude_purchased=maybe", .badRequest, "exclude_purchased"),
                ("/api/v1/recommendations/products/999999", .notFound, "999999"),
                ("/api/v1/recommendations/cart", .badRequest, "items"),
                ("/api/v1/recommendations/cart?items=910,x", .badRequest, "items"),
                ("/api/v1/recommendations/cart?items=\(tooMany)", .badRequest, "items"),
                ("/api/v1/recommendations/cart?items=910&viewed=0", .badRequest, "viewed"),
                ("/api/v1/recommendations/cart?items=910,999999", .notFound, "999999"),
                ("/api/v1/recommendations/customers/x", .badRequest, "id"),
                ("/api/v1/recommendations/customers/7001?viewed=999999", .notFound, "999999"),
                ("/api/v1/recommendations/runs?limit=0", .badRequest, "limit"),
            ]
            for (uri, expected, parameter) in cases {
                let (status, body, _) = try await client.get(uri, headers: app.bearer)
                #expect(status == expected, "\(uri): \(status) \(body)")
                #expect(body.contains(parameter), "\(uri) does not name \(parameter): \(body)")
                #expect(try F.json(body)["error"] != nil, "\(uri): \(body)")
            }
            var long = app.bearer
            long[HTTPField.Name("X-Request-Id")!] = String(repeating: "x", count: 129)
            let (status, body, _) = try await client.get("/api/v1/recommendations/products/910", headers: long)
            #expect(status == .badRequest && body.contains("X-Request-Id"))
        }
    }

    @Test("A pin puts the target first, a block removes it, a rule on every page applies everywhere; DELETE undoes")
    func rules() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            var json = app.bearer
            json[.contentType] = "application/json"
            let (pinStatus, pinBody, _) = try await client.send(
                "/api/v1/recommendations/rules", .put, headers: json,
                body: #"{"product_id": 910, "target_id": 960, "action": "pin", "position": 0, "note": "summer"}"#)
            #expect(pinStatus == .ok, "\(pinBody)")
            let pin = try F.json(pinBody)
            #expect(pin["product_id"] as? Int == 910 && pin["target_id"] as? Int == 960 && pin["action"] as? String == "pin")
            #expect(pin["note"] as? String == "summer" && pin["created_at"] is String)
            let (_, blockBody, _) = try await client.send(
                "/api/v1/recommendations/rules", .put, headers: json, body: #"{"product_id": 910, "target_id": 920, "action": "block"}"#)
            #expect(try F.json(blockBody)["action"] as? String == "block")
            let (_, body, _) = try await client.get("/api/v1/recommendations/products/910", headers: app.bearer)
            let first = try #require(try F.products(body).first)
            #expect(first["product_id"] as? Int == 960 && first["signal"] as? String == "pinned")
            #expect(!(try F.ids(body)).contains(F.filters))

            // A block on every page (product_id 0) reaches the cart too.
            _ = try await client.send("/api/v1/recommendations/rules", .put, headers: json,
                                      body: #"{"product_id": 0, "target_id": 930, "action": "block"}"#)
            let (_, cart, _) = try await client.get("/api/v1/recommendations/cart?items=920", headers: app.bearer)
            #expect(!(try F.ids(cart)).contains(F.blend))

            let (_, list, _) = try await client.get("/api/v1/recommendations/rules", headers: app.bearer)
            let items = try #require(try F.json(list)["items"] as? [[String: Any]])
            #expect(items.count == 3)
            #expect(Set(items.compactMap { $0["target_id"] as? Int }) == [920, 930, 960])

            let (deleted, _, _) = try await client.send("/api/v1/recommendations/rules?product_id=910&target_id=920", .delete, headers: app.bearer)
            #expect(deleted == .noContent)
            let (again, _, _) = try await client.send("/api/v1/recommendations/rules?product_id=910&target_id=920", .delete, headers: app.bearer)
            #expect(again == .notFound)
            let (_, after, _) = try await client.get("/api/v1/recommendations/products/910", headers: app.bearer)
            #expect(try F.ids(after).contains(F.filters))
        }
    }

    @Test("A pinned sold-out product is still never served")
    func pinnedSoldOut() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            var json = app.bearer
            json[.contentType] = "application/json"
            let (status, _, _) = try await client.send("/api/v1/recommendations/rules", .put, headers: json,
                                                       body: #"{"product_id": 910, "target_id": 940, "action": "pin"}"#)
            #expect(status == .ok)
            let (_, body, _) = try await client.get("/api/v1/recommendations/products/910", headers: app.bearer)
            #expect(!(try F.ids(body)).contains(F.mug))
        }
    }

    @Test("A bad rule is 400 naming the field; DELETE needs both ids")
    func ruleErrors() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            var json = app.bearer
            json[.contentType] = "application/json"
            let cases: [(String, String)] = [
                (#"{"product_id": 910, "target_id": 960, "action": "feature"}"#, "action"),
                (#"{"product_id": 910, "action": "pin"}"#, "target_id"),
                (#"{"product_id": 910, "target_id": 910, "action": "pin"}"#, "target_id"),
                (#"{"product_id": -1, "target_id": 960, "action": "pin"}"#, "product_id"),
                (#"{"product_id": 910, "target_id": 960, "action": "pin", "position": -2}"#, "position"),
                (#"{"product_id": 910, "target_id": "960", "action": "pin"}"#, "target_id"),
                ("[1]", "JSON object"),
            ]
            for (body, field) in cases {
                let (status, text, _) = try await client.send("/api/v1/recommendations/rules", .put, headers: json, body: body)
                #expect(status == .badRequest, "\(body): \(status) \(text)")
                #expect(text.contains(field), "\(body) does not name \(field): \(text)")
            }
            let (unknown, text, _) = try await client.send("/api/v1/recommendations/rules", .put, headers: json,
                                                           body: #"{"product_id": 910, "target_id": 999999, "action": "pin"}"#)
            #expect(unknown == .notFound && text.contains("999999"))
            #expect(try await client.send("/api/v1/recommendations/rules?product_id=910", .delete, headers: app.bearer).0 == .badRequest)
            #expect(try await client.send("/api/v1/recommendations/rules?target_id=960", .delete, headers: app.bearer).0 == .badRequest)
        }
    }

    @Test("Runs list the full build: version r1 over the 8 orders")
    func runs() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/recommendations/runs?limit=5", headers: app.bearer)
            #expect(status == .ok)
            let object = try F.json(body)
            #expect(object["limit"] as? Int == 5)
            let run = try #require((object["items"] as? [[String: Any]])?.first)
            #expect(run["version"] as? String == "r1" && run["kind"] as? String == "full")
            #expect(run["orders"] as? Int == 8)
            #expect(run["created_at"] is String && run["duration_ms"] is Int)
        }
    }
}
