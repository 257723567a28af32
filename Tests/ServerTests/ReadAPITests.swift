import Commerce
import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

@Suite("Read API, health, metrics and dashboard")
struct ReadAPITests {
    @Test("The API needs a valid bearer token")
    func authRequired() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            #expect(try await client.get("/api/v1/orders").0 == .unauthorized)
            var wrong = HTTPFields()
            wrong[.authorization] = "Bearer sw_not-a-token"
            #expect(try await client.get("/api/v1/orders", headers: wrong).0 == .unauthorized)
            #expect(try await client.get("/api/v1/orders", headers: app.bearer).0 == .ok)
        }
    }

    @Test("Orders, demand and sales come back as JSON in shop-local days")
    func ordersAndDemand() async throws {
        let app = try await TestApp(timeZone: "America/New_York")
        // 03:30 UTC on 10 March is 22:30 on 9 March in New York (UTC−5 until 07:00 UTC that day).
        let late = SampleOrders.order(id: 1, name: "#1", createdAt: "2024-03-10T03:30:00Z", lines: [(9001, 3, 1000)])
        let next = SampleOrders.order(id: 2, name: "#2", createdAt: "2024-03-10T15:00:00Z", lines: [(9001, 1, 1000), (9002, 2, 500)])
        try await app.run { client async throws in
            for order in [late, next] {
                #expect(try await client.deliver(topic: "orders/create", body: ShopifyJSON.encode(.order(order))).0 == .ok)
            }
            let (status, body, _) = try await client.get("/api/v1/orders?limit=10", headers: app.bearer)
            #expect(status == .ok)
            let orders = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let items = try #require(orders["items"] as? [[String: Any]])
            #expect(items.map { $0["name"] as? String } == ["#2", "#1"])  // newest first

            let (_, demandText, _) = try await client.get("/api/v1/demand?variant_id=9001", headers: app.bearer)
            let demand = try #require(try JSONSerialization.jsonObject(with: Data(demandText.utf8)) as? [String: Any])
            let rows = try #require(demand["rows"] as? [[String: Any]])
            let byDay = Dictionary(uniqueKeysWithValues: rows.map { ($0["day"] as! String, $0["units"] as! Int) })
            #expect(byDay == ["2024-03-09": 3, "2024-03-10": 1])

            let (_, salesText, _) = try await client.get("/api/v1/sales", headers: app.bearer)
            let sales = try #require(try JSONSerialization.jsonObject(with: Data(salesText.utf8)) as? [[String: Any]])
            // 9 March: 3 × $10 = 3000 cents; 10 March: $10 + 2 × $5 = 2000 cents.
            #expect(sales.map { $0["revenue_minor"] as? Int } == [3000, 2000])

            // Both orders are online and the shop names no fulfilment location: location 0.
            let (_, byLocationText, _) = try await client.get("/api/v1/sales/locations", headers: app.bearer)
            let byLocation = try #require(try JSONSerialization.jsonObject(with: Data(byLocationText.utf8)) as? [[String: Any]])
            #expect(byLocation.count == 1)
            #expect(byLocation.first?["location_id"] as? Int == 0)
            #expect(byLocation.first?["orders"] as? Int == 2)
            #expect(byLocation.first?["revenue_minor"] as? Int == 5000)
        }
    }

    @Test("Bad query parameters are 400 and name the parameter")
    func badParameters() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/orders?limit=abc", headers: app.bearer)
            #expect(status == .badRequest)
            #expect(body.contains("limit"))
            let (dayStatus, dayBody, _) = try await client.get("/api/v1/demand?from=2024-13-01", headers: app.bearer)
            #expect(dayStatus == .badRequest)
            #expect(dayBody.contains("from"))
            #expect(try await client.get("/api/v1/orders/12345", headers: app.bearer).0 == .notFound)
        }
    }

    @Test("Health, readiness and metrics answer")
    func health() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            #expect(try await client.get("/healthz").0 == .ok)
            #expect(try await client.get("/readyz").0 == .ok)
            let (status, _, headers) = try await client.get("/metrics")
            #expect(status == .ok)
            #expect(headers[.contentType]?.hasPrefix("text/plain") == true)
        }
    }

    @Test("The dashboard signs in with the token, then shows sales over time")
    func dashboard() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            #expect(try await client.deliver(topic: "orders/create", body: ShopifyJSON.encode(.order(SampleOrders.order()))).0 == .ok)
            #expect(try await client.get("/dashboard/\(TestApp.domain)").0 == .unauthorized)
            let (status, _, headers) = try await client.get("/dashboard/\(TestApp.domain)?token=\(app.token)")
            #expect(status == .seeOther)
            let cookie = try #require(headers[.setCookie]?.split(separator: ";").first.map(String.init))
            var withCookie = HTTPFields()
            withCookie[.cookie] = cookie
            let (pageStatus, page, _) = try await client.get("/dashboard/\(TestApp.domain)", headers: withCookie)
            #expect(pageStatus == .ok)
            #expect(page.contains("Test Shop"))
            #expect(page.contains("<svg"))
            #expect(page.contains("$25"))  // the one order's revenue
            #expect(page.contains("Online Store"))  // its location: online, no fulfilment location set
        }
    }
}
