import Commerce
import Forecasting
import Foundation
import Monitoring
import Pipeline
import Storage
import Testing
import TestSupport

/// The forecast kind on a hand-made shop whose holdout and live accuracy are worked out by hand.
@Suite struct ForecastKindTests {
    /// Mean of the history for every step; no intervals needed.
    static let flat = ForecastMethod(name: "Flat", version: "test-1") { history, horizon, levels in
        let mean = [Double](repeating: history.reduce(0, +) / Double(history.count), count: horizon)
        return Forecast(mean: mean, intervals: levels.map { PredictionInterval(level: $0, lower: mean, upper: mean) })
    }

    static var options: ForecastJob.Options {
        var options = ForecastJob.Options()
        options.horizon = 2
        options.levels = [80]
        options.threads = 1
        options.globalModel = false
        return options
    }

    /// A UTC shop, variant 11 at POS location 77 (no stock events, so no day is censored),
    /// selling 2, 4, 0, 6, 3, 1 units on 1–6 March 2024 (nothing on the 3rd: a real zero).
    static func shop(sales: [(day: Int, units: Int)] = [(1, 2), (2, 4), (4, 6), (5, 3), (6, 1)]) async throws -> (SQLiteStore, Int64) {
        let store = try SQLiteStore.inMemory()
        let shop = try await store.createShop(Shop(domain: "fk.myshopify.com", name: "FK", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        try await addSales(store, shopID: shop.id, sales, firstOrderID: 1, product: true)
        return (store, shop.id)
    }

    static func addSales(_ store: SQLiteStore, shopID: Int64, _ sales: [(day: Int, units: Int)], firstOrderID: Int64, product: Bool = false) async throws {
        func event(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) -> IncomingEvent {
            IncomingEvent(shopID: shopID, topic: topic, webhookID: id, body: ShopifyJSON.encode(payload), payload: payload,
                          receivedAt: Date(), source: .webhook)
        }
        var events: [IncomingEvent] = []
        if product {
            let item = Product(id: 500, title: "Beans", updatedAt: SampleOrders.date("2024-02-01T00:00:00Z"), variants: [
                Variant(id: 11, productID: 500, title: "V11", price: SampleOrders.usd(1000), inventoryItemID: 7011),
            ])
            events.append(event(.product(item), .productsCreate, "p500"))
        }
        for (offset, sale) in sales.enumerated() {
            let id = firstOrderID + Int64(offset)
            let at = "2024-03-" + (sale.day < 10 ? "0" : "") + "\(sale.day)T12:00:00Z"
            let order = SampleOrders.order(id: id, name: "#\(id)", createdAt: at, lines: [(11, sale.units, 1000)], customer: nil,
                                           channel: .pos, locationID: 77)
            events.append(event(.order(order), .ordersCreate, "order-\(id)"))
        }
        let outcomes = try await store.ingest(events)
        #expect(outcomes.allSatisfy { if case .stored = $0 { true } else { false } })
    }

    /// Holdout: the last 2 days (5th, 6th) are forecast from 1–4 March, history 2, 4, 0, 6
    /// (mean 3): forecast 3, 3 against actual 3, 1. MAE (0 + 2) / 2 = 1; the scale is the mean
    /// absolute day-to-day change of the history, (2 + 4 + 6) / 3 = 4, so MASE = 0.25.
    /// RMSSE = √(((0 + 4) / 2) / ((4 + 16 + 36) / 3)) = √(6 / 56). Bias (6 − 4) / 4 = 0.5.
    @Test func holdoutByHand() async throws {
        let (store, shopID) = try await Self.shop()
        let kind = ForecastKind(store: store, options: Self.options, method: Self.flat)
        let trained = try await kind.train(shopID: shopID, parameters: kind.parameters) { _ in }
        #expect(abs(trained.holdoutMetrics["mase"]! - 0.25) < 1e-12)
        #expect(abs(trained.holdoutMetrics["rmsse"]! - (6.0 / 56).squareRoot()) < 1e-12)
        #expect(abs(trained.holdoutMetrics["bias"]! - 0.5) < 1e-12)
        #expect(trained.asOfDay == "2024-03-06")
        #expect(trained.summary["holdout_series"] == 1 && trained.summary["holdout_points"] == 2)
        // The fit is stored: the run of the artifact forecasts 7–8 March from all six days, 16 / 6 a day.
        let run = try #require(try await store.latestForecastRun(shopID: shopID))
        #expect(trained.artifactURI == "forecast-run:\(run.id)")
        #expect(run.asOfDay == "2024-03-06")
        let series = try await store.forecastSeriesWithDays(shopID: shopID, runID: run.id)
        #expect(series.count == 1 && series[0].days.map(\.day) == ["2024-03-07", "2024-03-08"])
        for day in series[0].days { #expect(abs(day.mean - 16.0 / 6) < 1e-12) }
        #expect(trained.artifactDigest.count == 64)
        // Only the fit was stored: the holdout forecast left no run behind.
        #expect(try await store.forecastRuns(shopID: shopID, limit: 10).count == 1)
        // The same figures from LiveAccuracy on the series rebuilt here.
        let report = try #require(LiveAccuracy.measure([AccuracySeries(forecast: [3, 3], actual: [3, 1], history: [2, 4, 0, 6])]))
        #expect(abs(report.mase - trained.holdoutMetrics["mase"]!) < 1e-12)
    }

    /// Live accuracy: none until demand after the as-of day arrives; then 2 and 5 units on 7–8
    /// March against 16/6 a day. MAE (2/3 + 7/3) / 2 = 1.5; scale (2 + 4 + 6 + 3 + 2) / 5 = 3.4,
    /// MASE = 1.5 / 3.4. RMSSE = √(((4/9 + 49/9) / 2) / ((4 + 16 + 36 + 9 + 4) / 5)).
    /// Bias (32/6 − 7) / 7. The prediction column is the run's expected units, 2 × 16/6.
    @Test func liveAccuracyByHand() async throws {
        let (store, shopID) = try await Self.shop()
        let kind = ForecastKind(store: store, options: Self.options, method: Self.flat)
        let trained = try await kind.train(shopID: shopID, parameters: kind.parameters) { _ in }
        let version = try await store.registerModelVersion(ModelVersionDraft(
            shopID: shopID, kind: "forecast", createdBy: "test", trigger: "initial", parameters: kind.parameters,
            data: TrainingDataIdentity(firstEventID: 0, lastEventID: 0, eventCount: 0, projectionDigest: "d", asOfDay: trained.asOfDay),
            holdoutMetrics: trained.holdoutMetrics, primaryMetric: "mase", higherIsBetter: false, artifactURI: trained.artifactURI,
            artifactDigest: trained.artifactDigest), at: Date())
        #expect(try await kind.liveAccuracy(shopID: shopID, version: version) == nil)

        try await Self.addSales(store, shopID: shopID, [(7, 2), (8, 5)], firstOrderID: 100)
        let live = try #require(try await kind.liveAccuracy(shopID: shopID, version: version))
        #expect(live.fromDay == "2024-03-07" && live.throughDay == "2024-03-08" && live.series == 1 && live.days == 2)
        #expect(abs(live.metrics["mase"]! - 1.5 / 3.4) < 1e-12)
        #expect(abs(live.metrics["rmsse"]! - ((4.0 / 9 + 49.0 / 9) / 2 / (69.0 / 5)).squareRoot()) < 1e-12)
        #expect(abs(live.metrics["bias"]! - (32.0 / 6 - 7) / 7) < 1e-12)
        #expect(live.holdoutValue == 0.25)

        let columns = try await kind.predictionColumns(shopID: shopID, version: version)
        #expect(columns.count == 1 && columns[0].name == "expected_units")
        if case .numerical(let values) = columns[0].values { #expect(values.count == 1 && abs(values[0] - 32.0 / 6) < 1e-12) }
    }
}
