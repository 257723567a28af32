import Commerce
import Forecasting
import Foundation
import Pipeline
import Simulation
import Storage
import Synchronization
import Testing
import TestSupport

/// The forecasting job on real SQLite files: a hand-made shop whose numbers are worked out by
/// hand, and the simulator's shop through the webhook path.
@Suite struct ForecastJobTests {
    /// What a test forecaster saw: each history and the thread it ran on.
    final class Calls: Sendable {
        let histories = Mutex<[[Double]]>([])
        let threads = Mutex<Set<String>>([])
    }

    /// Mean = the history's mean, 80 % interval = mean ± 1; histories shorter than 3 days fail.
    static func flatMethod(_ calls: Calls) -> ForecastMethod {
        ForecastMethod(name: "Flat", version: "test-1") { history, horizon, levels in
            calls.histories.withLock { $0.append(history) }
            let onWorker = WorkerThreads.isWorkerThread
            calls.threads.withLock { _ = $0.insert(onWorker ? "worker" : "elsewhere: \(Thread.current.name ?? "unnamed")") }
            guard history.count >= 3 else { throw ForecastError.seriesTooShort(model: "Flat", needed: 3, got: history.count) }
            let mean = [Double](repeating: history.reduce(0, +) / Double(history.count), count: horizon)
            return Forecast(mean: mean, intervals: levels.map { PredictionInterval(level: $0, lower: mean.map { $0 - 1 }, upper: mean.map { $0 + 1 }) })
        }
    }

    static func at(_ text: String) -> Date { SampleOrders.date(text) }

    /// A UTC shop selling at POS location 77. Variant 11: 6 in stock on 1 March, 2 sold that day,
    /// nothing on the 2nd (a real zero: 6 carried), 4 sold on the 3rd and out of stock (0) that
    /// evening, no rows on the 4th and 5th (censored: 0 carried), restocked to 5 on the 6th.
    /// Variant 12: one sale on the 6th. Variant 13: stock only, never sold.
    func handMadeShop() async throws -> (SQLiteStore, Int64, URL) {
        let (store, directory) = try SQLiteStore.temporary()
        let shop = try await store.createShop(Shop(domain: "hand.myshopify.com", name: "Hand", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        let price = SampleOrders.usd(1000)
        let product = Product(id: 500, title: "Beans", updatedAt: Self.at("2024-02-01T00:00:00Z"), variants: [11, 12, 13].map {
            Variant(id: $0, productID: 500, title: "V\($0)", price: price, inventoryItemID: 7000 + $0)
        })
        func event(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) -> IncomingEvent {
            IncomingEvent(shopID: shop.id, topic: topic, webhookID: id, body: ShopifyJSON.encode(payload), payload: payload,
                          receivedAt: Date(), source: .webhook)
        }
        func level(_ item: Int64, _ available: Int, _ at: String) -> IncomingEvent {
            event(.inventoryLevel(InventoryLevel(inventoryItemID: item, locationID: 77, available: available, updatedAt: Self.at(at))),
                  .inventoryLevelsUpdate, "inv-\(item)-\(at)")
        }
        func sale(_ id: Int64, _ variant: Int64, _ quantity: Int, _ at: String) -> IncomingEvent {
            let order = SampleOrders.order(id: id, name: "#\(id)", createdAt: at, lines: [(variant, quantity, 1000)], customer: nil,
                                           channel: .pos, locationID: 77)
            return event(.order(order), .ordersCreate, "order-\(id)")
        }
        let outcomes = try await store.ingest([
            event(.product(product), .productsCreate, "p500"),
            level(7011, 6, "2024-03-01T08:00:00Z"), sale(1, 11, 2, "2024-03-01T12:00:00Z"),
            sale(2, 11, 4, "2024-03-03T12:00:00Z"), level(7011, 0, "2024-03-03T20:00:00Z"),
            level(7011, 5, "2024-03-06T10:00:00Z"), sale(3, 12, 1, "2024-03-06T11:00:00Z"),
            level(7013, 3, "2024-03-02T10:00:00Z"),
        ])
        #expect(outcomes.allSatisfy { if case .stored = $0 { true } else { false } })
        return (store, shop.id, directory)
    }

    /// Variant 11's history, 1–6 March: observed 2, 0, 4, 0, 0, 0 with the 4th and 5th censored.
    /// Neither has an in-stock day of its weekday before it, so each gets the mean of the
    /// in-stock days before it, (2 + 0 + 4) / 3 = 2: the model sees 2, 0, 4, 2, 2, 0, mean 10/6.
    /// Over a 3-day horizon it expects 3 × 10/6 = 5 units; the 80 % band is mean ± 1.
    @Test func censoredDaysAreImputedAndFailuresRecorded() async throws {
        let (store, shopID, directory) = try await handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        let calls = Calls()
        var options = ForecastJob.Options()
        options.horizon = 3
        options.levels = [80]
        options.threads = 2
        let done = Mutex<[Int]>([])
        let run = try await ForecastJob(demand: store, store: store, method: Self.flatMethod(calls), options: options)
            .run(shopID: shopID) { count, total in done.withLock { $0.append(count * 100 + total) } }

        #expect(run.asOfDay == "2024-03-06")
        #expect(run.modelName == "Flat")
        #expect(run.modelVersion == "test-1")
        #expect(run.status == .completed)
        #expect(run.seriesCount == 2)  // variant 13 never sold
        #expect(run.failedCount == 1)  // variant 12: one day of history
        #expect(run.horizon == 3 && run.levels == [80])
        #expect(run.metrics["series_without_sales"] == 1)
        #expect(run.metrics["censored_days"] == 2)
        #expect(try await store.latestForecastRun(shopID: shopID) == run)

        #expect(calls.histories.withLock { $0.sorted { $0.count > $1.count } } == [[2, 0, 4, 2, 2, 0], [1]])
        // The models ran on the job's worker threads, not on the async pool.
        #expect(calls.threads.withLock { $0 } == ["worker"])
        // Progress counts the variant × locations read (three), sold or not.
        #expect(done.withLock { $0.sorted() } == [103, 203, 303])

        let eleven = try #require(try await store.forecastSeries(shopID: shopID, runID: run.id, variantID: 11, locationID: 77))
        #expect(eleven.historyStartDay == "2024-03-01")
        #expect(eleven.historyDays == 6 && eleven.censoredDays == 2)
        #expect(eleven.days.map(\.day) == ["2024-03-07", "2024-03-08", "2024-03-09"])
        #expect(abs(eleven.expectedUnits - 5) < 1e-12)
        for day in eleven.days {
            #expect(abs(day.mean - 10.0 / 6) < 1e-12)
            #expect(abs(day.lower[0] - 4.0 / 6) < 1e-12)
            #expect(abs(day.upper[0] - 16.0 / 6) < 1e-12)
        }
        let failed = try await store.failedForecastSeries(shopID: shopID, runID: run.id, limit: 10)
        #expect(failed.map(\.variantID) == [12])
        #expect(failed.first?.error == "Flat needs at least 3 observations, got 1")
    }

    /// The standard method is the automatic forecaster. On a constant series every candidate
    /// (TSB, SBA, ADIDA, IMAPA, SES, moving average, each × a flat weekly profile) forecasts
    /// the constant, so the median ensemble does too, and its 95 % interval holds it.
    @Test func standardMethodIsTheAutomaticForecaster() throws {
        #expect(ForecastMethod.standard.name == "AutoForecaster(7,median)")
        let forecast = try ForecastMethod.standard.forecast([Double](repeating: 3, count: 120), 9, [95])
        for h in 0..<9 { #expect(abs(forecast.mean[h] - 3) < 1e-9) }
        let interval = try #require(forecast.interval(level: 95))
        #expect(interval.lower.allSatisfy { $0 <= 3 } && interval.upper.allSatisfy { $0 >= 3 })
    }

    @Test func aRunWhereEverySeriesFailsIsStoredAsFailed() async throws {
        let (store, shopID, directory) = try await handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = ForecastMethod(name: "Broken", version: "0") { _, _, _ in
            throw ForecastError.invalidParameter(name: "alpha", reason: "must be in (0, 1)")
        }
        let run = try await ForecastJob(demand: store, store: store, method: broken).run(shopID: shopID)
        #expect(run.status == .failed)
        #expect(run.failedCount == 2 && run.seriesCount == 2)
        #expect(try await store.latestForecastRun(shopID: shopID) == nil)
        #expect(try await store.forecastRuns(shopID: shopID, limit: 5).map(\.id) == [run.id])
    }

    @Test func aShopWithoutDemandIsAnError() async throws {
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = try await store.createShop(Shop(domain: "empty.myshopify.com", name: "E", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        await #expect(throws: ForecastJobError.noDemand(shopID: shop.id)) {
            try await ForecastJob(demand: store, store: store).run(shopID: shop.id)
        }
        var options = ForecastJob.Options()
        options.horizon = 0
        await #expect(throws: ForecastJobError.invalidOption(name: "horizon", reason: "must be in 1...366, got 0")) {
            try await ForecastJob(demand: store, store: store, options: options).run(shopID: shop.id)
        }
    }

    /// The `.small` simulated shop (a month, 20 products, online + one café, stockouts that
    /// censor demand) through the real webhook path, then the standard method on every series.
    @Test func theSimulatedShopIsForecastEndToEnd() async throws {
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let simulator = StoreSimulator(configuration: .small)
        let shop = try await store.createShop(simulator.shop, webhookSecret: "sim-secret", apiTokenHash: "h", at: Date())
        let writer = IngestWriter(log: store, maxBatch: 128)
        let ingestor = WebhookIngestor(shops: ShopDirectory(store: store), writer: writer,
                                       privacy: PrivacyRequestHandler(log: store, reader: store, dataDirectory: directory))
        let zone = TimeZone(identifier: simulator.shop.timeZone)!
        let deliveries = simulator.events().map { WebhookFeeder.Delivery(topic: $0.topic, webhookID: $0.webhookID, body: $0.body(timeZone: zone)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            _ = try await WebhookFeeder(ingestor: ingestor, concurrency: 16).feed(deliveries, shopDomain: simulator.shop.domain, secret: "sim-secret")
            group.cancelAll()
        }

        // Independently of the job: the series with a sale, and the rows out of stock all day.
        let rows = try await store.demand(shopID: shop.id, variantID: nil, locationID: nil, fromDay: nil, toDay: nil, limit: 1_000_000)
        let sold = Set(rows.filter { $0.units > 0 }.map { "\($0.variantID)@\($0.locationID)" })
        let lastDay = try #require(rows.map(\.day).max())
        let firstSale = Dictionary(rows.filter { $0.units > 0 }.map { ("\($0.variantID)@\($0.locationID)", $0.day) }, uniquingKeysWith: min)
        let outOfStockAfterFirstSale = rows.filter { row in
            !row.inStock && row.units == 0 && firstSale["\(row.variantID)@\(row.locationID)"].map { row.day > $0 } == true
        }

        var options = ForecastJob.Options()
        options.threads = 2
        let run = try await ForecastJob(demand: store, store: store, options: options).run(shopID: shop.id)
        #expect(run.status == .completed)
        #expect(run.asOfDay == lastDay)
        #expect(run.modelName == ForecastMethod.standard.name && run.modelVersion == ForecastMethod.standard.version)
        #expect(run.seriesCount == sold.count)
        #expect(run.failedCount == 0)
        #expect(run.levels == [50, 67, 95, 99])
        // Every stored out-of-stock row after a first sale is a censored day (days without a row
        // may add more).
        #expect(Int(run.metrics["censored_days"] ?? 0) >= outOfStockAfterFirstSale.count)

        let ranked = try await store.rankedForecastSeries(shopID: shop.id, runID: run.id, limit: 1000, offset: 0)
        #expect(ranked.count == sold.count)
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.expectedUnits >= $1.expectedUnits })
        let top = try #require(ranked.first)
        let series = try #require(try await store.forecastSeries(shopID: shop.id, runID: run.id, variantID: top.variantID, locationID: top.locationID))
        let start = try #require(CivilDate(lastDay))
        #expect(series.days.map(\.day) == (1...28).map { start.adding(days: $0).description })
        for day in series.days {
            #expect(day.mean >= 0)
            // Wider levels, wider bands, all around the mean.
            #expect(zip(day.lower, day.lower.dropFirst()).allSatisfy { $0 >= $1 })
            #expect(zip(day.upper, day.upper.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(day.lower.allSatisfy { $0 <= day.mean } && day.upper.allSatisfy { $0 >= day.mean })
        }
    }

    /// The `.small` simulated shop run for 150 days instead of 30 (so series have the 120 days
    /// the global model asks for) through the same webhook path; the standard method plus the
    /// global model stores finite, non-negative forecasts for every series.
    @Test func theGlobalModelJoinsTheStandardMethodOnALongerSimulatedShop() async throws {
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = SimulationConfiguration.small
        configuration.days = 150
        let simulator = StoreSimulator(configuration: configuration)
        let shop = try await store.createShop(simulator.shop, webhookSecret: "sim-secret", apiTokenHash: "h", at: Date())
        let writer = IngestWriter(log: store, maxBatch: 128)
        let ingestor = WebhookIngestor(shops: ShopDirectory(store: store), writer: writer,
                                       privacy: PrivacyRequestHandler(log: store, reader: store, dataDirectory: directory))
        let zone = TimeZone(identifier: simulator.shop.timeZone)!
        let deliveries = simulator.events().map { WebhookFeeder.Delivery(topic: $0.topic, webhookID: $0.webhookID, body: $0.body(timeZone: zone)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            _ = try await WebhookFeeder(ingestor: ingestor, concurrency: 16).feed(deliveries, shopDomain: simulator.shop.domain, secret: "sim-secret")
            group.cancelAll()
        }
        let rows = try await store.demand(shopID: shop.id, variantID: nil, locationID: nil, fromDay: nil, toDay: nil, limit: 1_000_000)
        let sold = Set(rows.filter { $0.units > 0 }.map { "\($0.variantID)@\($0.locationID)" })

        var options = ForecastJob.Options()
        options.threads = 2
        let run = try await ForecastJob(demand: store, store: store, options: options).run(shopID: shop.id)
        #expect(run.status == .completed)
        #expect(run.modelName == ForecastMethod.standard.name + "+GlobalGBT", "\(run.metrics)")
        #expect(run.metrics["global_model"] == 1)
        #expect((run.metrics["global_eligible_series"] ?? 0) >= 20)
        #expect((run.metrics["global_seconds"] ?? 0) > 0)
        #expect(run.metrics["global_series"] == Double(sold.count))
        #expect(run.seriesCount == sold.count && run.failedCount == 0)

        let stored = try await store.rankedForecastSeries(shopID: shop.id, runID: run.id, limit: 1000, offset: 0)
        #expect(stored.count == sold.count)
        for item in stored {
            let series = try #require(try await store.forecastSeries(shopID: shop.id, runID: run.id, variantID: item.variantID, locationID: item.locationID))
            #expect(series.days.count == 28)
            #expect(series.days.allSatisfy { day in
                day.mean.isFinite && day.mean >= 0 && (day.lower + day.upper).allSatisfy { $0.isFinite && $0 >= 0 }
            }, "\(item.variantID)@\(item.locationID)")
        }
    }
}
