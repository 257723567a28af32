import Commerce
import Forecasting
import Foundation
import HTTPTypes
import HummingbirdTesting
import Pipeline
import Server
import Storage
import Testing
import TestSupport

/// Forecast routes and the forecast dashboard page through `app.test(.router)`.
@Suite("Forecast API and dashboard")
struct ForecastAPITests {
    /// Mean = the history's mean, 80 % interval = mean ± 1.
    static let flat = ForecastMethod(name: "Flat", version: "test-1") { history, horizon, levels in
        let mean = [Double](repeating: history.reduce(0, +) / Double(history.count), count: horizon)
        return Forecast(mean: mean, intervals: levels.map { PredictionInterval(level: $0, lower: mean.map { $0 - 1 }, upper: mean.map { $0 + 1 }) })
    }

    /// A UTC shop: variant 11 at POS location 77 sells 2 on 1 March (6 in stock), nothing on the
    /// 2nd, 4 on the 3rd and is out of stock (0) from that evening until restocked to 5 on the
    /// 6th. Variant 12 sells 3 online on the 6th. Then one run (horizon 3, 80 % level).
    func makeApp() async throws -> TestApp {
        let app = try await TestApp(timeZone: "UTC")
        let shopID = app.shop.id
        func event(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) -> IncomingEvent {
            IncomingEvent(shopID: shopID, topic: topic, webhookID: id, body: ShopifyJSON.encode(payload), payload: payload,
                          receivedAt: Date(), source: .webhook)
        }
        func level(_ available: Int, _ at: String) -> IncomingEvent {
            event(.inventoryLevel(InventoryLevel(inventoryItemID: 7011, locationID: 77, available: available, updatedAt: SampleOrders.date(at))),
                  .inventoryLevelsUpdate, "inv-\(at)")
        }
        func sale(_ id: Int64, _ variant: Int64, _ quantity: Int, _ at: String, location: Int64?) -> IncomingEvent {
            let order = SampleOrders.order(id: id, name: "#\(id)", createdAt: at, lines: [(variant, quantity, 1000)], customer: nil,
                                           channel: location == nil ? .web : .pos, locationID: location)
            return event(.order(order), .ordersCreate, "order-\(id)")
        }
        let product = Product(id: 500, title: "House Blend", updatedAt: SampleOrders.date("2024-02-01T00:00:00Z"), variants: [
            Variant(id: 11, productID: 500, title: "250 g", price: SampleOrders.usd(1000), inventoryItemID: 7011),
            Variant(id: 12, productID: 500, title: "1 kg", price: SampleOrders.usd(3000), inventoryItemID: 7012),
        ])
        _ = try await app.store.ingest([
            event(.product(product), .productsCreate, "p500"),
            event(.location(Location(id: 77, name: "Harbour Café", isPOS: true)), .locationsCreate, "loc77"),
            level(6, "2024-03-01T08:00:00Z"), sale(1, 11, 2, "2024-03-01T12:00:00Z", location: 77),
            sale(2, 11, 4, "2024-03-03T12:00:00Z", location: 77), level(0, "2024-03-03T20:00:00Z"),
            level(5, "2024-03-06T10:00:00Z"), sale(3, 12, 3, "2024-03-06T11:00:00Z", location: nil),
        ])
        return app
    }

    func runJob(_ app: TestApp) async throws -> ForecastRun {
        var options = ForecastJob.Options()
        options.horizon = 3
        options.levels = [80]
        return try await ForecastJob(demand: app.store, store: app.store, method: Self.flat, options: options).run(shopID: app.shop.id)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("Before any run the forecast route is 404; both routes need the bearer token")
    func noRunYet() async throws {
        let app = try await makeApp()
        try await app.run { client async throws in
            #expect(try await client.get("/api/v1/forecasts").0 == .unauthorized)
            #expect(try await client.get("/api/v1/forecasts/runs").0 == .unauthorized)
            let (status, body, _) = try await client.get("/api/v1/forecasts", headers: app.bearer)
            #expect(status == .notFound)
            #expect(body.contains("storewise forecast"))
            let (runsStatus, runsBody, _) = try await client.get("/api/v1/forecasts/runs", headers: app.bearer)
            #expect(runsStatus == .ok)
            #expect(try (json(runsBody)["items"] as? [Any])?.isEmpty == true)
        }
    }

    /// History of variant 11 for the last 4 days before the as-of day (3–6 March): units
    /// 4, 0, 0, 0; the 4th and 5th censored and imputed as (2 + 0 + 4) / 3 = 2. The model saw
    /// 2, 0, 4, 2, 2, 0 (mean 10/6) and forecasts 10/6 a day, 80 % band ± 1.
    @Test("A series comes back with its censored history, mean and interval")
    func oneSeries() async throws {
        let app = try await makeApp()
        let run = try await runJob(app)
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/forecasts?variant_id=11&location_id=77&history_days=4", headers: app.bearer)
            #expect(status == .ok)
            let series = try json(body)
            let runObject = try #require(series["run"] as? [String: Any])
            #expect(runObject["id"] as? Int == Int(run.id))
            #expect(runObject["model_name"] as? String == "Flat")
            #expect(runObject["model_version"] as? String == "test-1")
            #expect(runObject["as_of_day"] as? String == "2024-03-06")
            #expect(series["censored_days"] as? Int == 2)
            let history = try #require(series["history"] as? [[String: Any]])
            #expect(history.map { $0["day"] as? String } == ["2024-03-03", "2024-03-04", "2024-03-05", "2024-03-06"])
            #expect(history.map { $0["units"] as? Double } == [4, 0, 0, 0])
            #expect(history.map { $0["demand"] as? Double } == [4, 2, 2, 0])
            #expect(history.map { $0["censored"] as? Bool } == [false, true, true, false])
            let forecast = try #require(series["forecast"] as? [[String: Any]])
            #expect(forecast.map { $0["day"] as? String } == ["2024-03-07", "2024-03-08", "2024-03-09"])
            for day in forecast {
                #expect(abs((day["mean"] as? Double ?? 0) - 10.0 / 6) < 1e-9)
                let interval = try #require((day["intervals"] as? [[String: Any]])?.first)
                #expect(interval["level"] as? Double == 80)
                #expect(abs((interval["lower"] as? Double ?? 0) - 4.0 / 6) < 1e-9)
                #expect(abs((interval["upper"] as? Double ?? 0) - 16.0 / 6) < 1e-9)
            }
            #expect(try await client.get("/api/v1/forecasts?variant_id=11&location_id=0", headers: app.bearer).0 == .notFound)
        }
    }

    /// Variant 12 expects 3 a day × 3 days = 9 units; variant 11 expects 5: 12 ranks first.
    @Test("Without an item the run's series are listed by expected demand; runs are listed")
    func listings() async throws {
        let app = try await makeApp()
        let first = try await runJob(app)
        let second = try await runJob(app)
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/forecasts", headers: app.bearer)
            #expect(status == .ok)
            let page = try json(body)
            #expect((page["run"] as? [String: Any])?["id"] as? Int == Int(second.id))
            let items = try #require(page["items"] as? [[String: Any]])
            #expect(items.map { $0["variant_id"] as? Int } == [12, 11])
            #expect(items.map { ($0["expected_units"] as? Double).map { ($0 * 1e9).rounded() / 1e9 } } == [9, 5])

            let (_, older, _) = try await client.get("/api/v1/forecasts?run_id=\(first.id)&limit=1", headers: app.bearer)
            #expect((try json(older)["run"] as? [String: Any])?["id"] as? Int == Int(first.id))
            #expect((try json(older)["items"] as? [Any])?.count == 1)

            let (_, runsBody, _) = try await client.get("/api/v1/forecasts/runs?limit=5", headers: app.bearer)
            let runs = try #require(try json(runsBody)["items"] as? [[String: Any]])
            #expect(runs.map { $0["id"] as? Int } == [Int(second.id), Int(first.id)])
            #expect(runs.first?["status"] as? String == "completed")
            #expect(runs.first?["series_count"] as? Int == 2)
        }
    }

    @Test("Bad query parameters are 400 and name the parameter", arguments: [
        ("/api/v1/forecasts?variant_id=abc&location_id=77", "variant_id"),
        ("/api/v1/forecasts?variant_id=11&location_id=x", "location_id"),
        ("/api/v1/forecasts?variant_id=11", "location_id"),
        ("/api/v1/forecasts?location_id=77", "variant_id"),
        ("/api/v1/forecasts?variant_id=11&location_id=77&history_days=0", "history_days"),
        ("/api/v1/forecasts?run_id=latest", "run_id"),
        ("/api/v1/forecasts?limit=100000", "limit"),
        ("/api/v1/forecasts/runs?limit=0", "limit"),
    ])
    func badParameters(uri: String, parameter: String) async throws {
        let app = try await makeApp()
        _ = try await runJob(app)
        try await app.run { client async throws in
            let (status, body, _) = try await client.get(uri, headers: app.bearer)
            #expect(status == .badRequest)
            #expect(body.contains(parameter))
            #expect(body.contains("invalid_parameter"))
        }
    }

    @Test("The dashboard links to a forecast page with the ranked items and a chart")
    func dashboardPage() async throws {
        let app = try await makeApp()
        try await app.run { client async throws in
            let (_, _, headers) = try await client.get("/dashboard/\(TestApp.domain)?token=\(app.token)")
            let cookie = try #require(headers[.setCookie]?.split(separator: ";").first.map(String.init))
            var withCookie = HTTPFields()
            withCookie[.cookie] = cookie
            #expect(try await client.get("/dashboard/\(TestApp.domain)/forecasts").0 == .unauthorized)
            let (emptyStatus, empty, _) = try await client.get("/dashboard/\(TestApp.domain)/forecasts", headers: withCookie)
            #expect(emptyStatus == .ok)
            #expect(empty.contains("No forecasts yet"))

            _ = try await runJob(app)
            let (_, overview, _) = try await client.get("/dashboard/\(TestApp.domain)", headers: withCookie)
            #expect(overview.contains("/dashboard/\(TestApp.domain)/forecasts"))
            let (status, page, _) = try await client.get("/dashboard/\(TestApp.domain)/forecasts", headers: withCookie)
            #expect(status == .ok)
            #expect(page.contains("Largest expected demand"))
            #expect(page.contains("House Blend · 1 kg"))  // the top item, charted by default
            #expect(page.contains("<svg"))
            #expect(page.contains("Flat"))

            let (itemStatus, item, _) = try await client.get("/dashboard/\(TestApp.domain)/forecasts?variant_id=11&location_id=77", headers: withCookie)
            #expect(itemStatus == .ok)
            #expect(item.contains("House Blend · 250 g at Harbour Café"))
            // Two out-of-stock days drawn as shaded columns, with their imputed demand.
            #expect(item.components(separatedBy: "class=\"oos\"").count - 1 == 2)
            #expect(item.contains("2024-03-04: out of stock all day, demand censored (imputed 2)"))
            #expect(item.contains("80% interval"))
            #expect(try await client.get("/dashboard/\(TestApp.domain)/forecasts?variant_id=99&location_id=77", headers: withCookie).0 == .notFound)
            #expect(try await client.get("/dashboard/\(TestApp.domain)/forecasts?variant_id=x", headers: withCookie).0 == .badRequest)
        }
    }
}
