import Commerce
import Forecasting
import Foundation
import HummingbirdTesting
import Pipeline
import Server
import Storage
import Testing
import TestSupport

/// The forecast route through the serving router: champion, canary and shadow.
@Suite("Forecast serving through the router")
struct ForecastRoutingTests {
    /// Twice the history's mean: a challenger whose numbers cannot be mistaken for the champion's.
    static let double = ForecastMethod(name: "Double", version: "test-2") { history, horizon, levels in
        let mean = [Double](repeating: 2 * history.reduce(0, +) / Double(history.count), count: horizon)
        return Forecast(mean: mean, intervals: levels.map { PredictionInterval(level: $0, lower: mean.map { $0 - 1 }, upper: mean.map { $0 + 1 }) })
    }

    /// Variant 11's model history is 2, 0, 4, 2, 2, 0 (see `ForecastAPITests.oneSeries`): the flat
    /// champion forecasts 10/6 a day, the doubling challenger 20/6.
    func makeApp(canary: Double, shadow: Bool) async throws -> TestApp {
        let base = ForecastAPITests()
        let app = try await base.makeApp()
        var options = ForecastJob.Options()
        options.horizon = 3
        options.levels = [80]
        let flat = try await ForecastJob(demand: app.store, store: app.store, method: ForecastAPITests.flat, options: options).run(shopID: app.shop.id)
        let doubled = try await ForecastJob(demand: app.store, store: app.store, method: Self.double, options: options).run(shopID: app.shop.id)
        let identity = TrainingDataIdentity(firstEventID: 1, lastEventID: 8, eventCount: 8, projectionDigest: "d")
        for (job, run) in [(Int64(1), flat), (2, doubled)] {
            _ = try await app.store.registerModelVersion(ModelVersionDraft(
                shopID: app.shop.id, kind: "forecast", createdBy: "test", trigger: "on-demand", jobID: job, parameters: [:], data: identity,
                holdoutMetrics: ["mase": 1], primaryMetric: "mase", higherIsBetter: false, artifactURI: "forecast-run:\(run.id)", artifactDigest: "x"), at: Date())
        }
        try await app.store.moveAliases(shopID: app.shop.id, kind: "forecast", [AliasChange(alias: "champion", version: 1), AliasChange(alias: "challenger", version: 2)],
                                        actor: "test", action: "set", reason: "test", at: Date())
        try await app.store.setRolloutSetting(RolloutSetting(shopID: app.shop.id, kind: "forecast", canaryPercent: canary, shadow: shadow, sampleRate: 1, updatedAt: Date()))
        return app
    }

    func means(_ body: String) throws -> [Double] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        return try #require(object["forecast"] as? [[String: Any]]).compactMap { $0["mean"] as? Double }
    }

    func model(_ body: String) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        return try #require(object["model"] as? [String: Any])
    }

    @Test("Shadow: the champion's forecast is returned, the challenger's only logged")
    func shadowIsLoggedNeverReturned() async throws {
        let app = try await makeApp(canary: 0, shadow: true)
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/forecasts?variant_id=11&location_id=77", headers: app.bearer)
            #expect(status == .ok)
            #expect(try means(body).allSatisfy { abs($0 - 10.0 / 6) < 1e-9 })
            #expect(try model(body)["version"] as? Int == 1 && model(body)["arm"] as? String == "champion")
            #expect(!body.contains("3.333"))
        }
        await app.dependencies.predictionLog.flush()
        let logged = try await app.store.predictions(shopID: app.shop.id, kind: "forecast", limit: 10)
        #expect(logged.count == 2)
        let served = try #require(logged.first { $0.arm == "champion" })
        let shadow = try #require(logged.first { $0.arm == "shadow" })
        #expect(served.version == 1 && shadow.version == 2 && served.requestID == shadow.requestID)
        // 3 days × 10/6 = 5 expected units from the champion; 3 × 20/6 = 10 from the shadow.
        func expectedUnits(_ output: String) throws -> Double {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            return try #require(object["expected_units"] as? Double)
        }
        #expect(abs(try expectedUnits(served.output) - 5) < 1e-9)
        #expect(abs(try expectedUnits(shadow.output) - 10) < 1e-9)
    }

    @Test("A 100 % canary serves the challenger; the listing still shows the champion's run")
    func canaryServesChallenger() async throws {
        let app = try await makeApp(canary: 100, shadow: true)
        try await app.run { client async throws in
            let (_, body, _) = try await client.get("/api/v1/forecasts?variant_id=11&location_id=77", headers: app.bearer)
            #expect(try means(body).allSatisfy { abs($0 - 20.0 / 6) < 1e-9 })
            #expect(try model(body)["version"] as? Int == 2 && model(body)["arm"] as? String == "canary")
            let (_, listing, _) = try await client.get("/api/v1/forecasts", headers: app.bearer)
            #expect(try model(listing)["version"] as? Int == 1)
        }
    }

    @Test("After a rollback the route serves the previous champion at once")
    func rollbackTakesEffect() async throws {
        let app = try await makeApp(canary: 0, shadow: false)
        _ = try await app.dependencies.lifecycle.promote(shopID: app.shop.id, kind: "forecast", version: 2, actor: "test", reason: "better")
        app.dependencies.router.invalidate(shopID: app.shop.id, kind: "forecast")
        try await app.run { client async throws in
            let (_, promoted, _) = try await client.get("/api/v1/forecasts?variant_id=11&location_id=77", headers: app.bearer)
            #expect(try model(promoted)["version"] as? Int == 2)
        }
        _ = try await app.dependencies.lifecycle.rollback(shopID: app.shop.id, kind: "forecast", actor: "test", reason: "worse in stores")
        app.dependencies.router.invalidate(shopID: app.shop.id, kind: "forecast")
        try await app.run { client async throws in
            let (_, restored, _) = try await client.get("/api/v1/forecasts?variant_id=11&location_id=77", headers: app.bearer)
            #expect(try model(restored)["version"] as? Int == 1)
            #expect(try means(restored).allSatisfy { abs($0 - 10.0 / 6) < 1e-9 })
        }
    }
}
