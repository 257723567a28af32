import ArgumentParser
import Commerce
import Foundation
import Pipeline
import Storage

/// `storewise models bench-router`: the serving router's overhead per prediction (alias
/// resolution from its cache, the sticky canary split, shadow selection and sampled logging into
/// the batched prediction log that a real SQLite file drains in the background), timed call by
/// call. `scripts/bench-router` runs it in a release build and prints the RESULT line.
struct ModelsBenchRouterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-router", abstract: "Benchmark the serving router's overhead per prediction (p50 / p99).", shouldDisplay: false)

    @Option(help: "Timed predictions.") var predictions: Int = 500_000
    @Option(help: "Distinct customers routed.") var customers: Int = 100_000
    @Option(help: "Canary percent.") var canary: Double = 10
    @Option(help: "Sample rate of the prediction log.") var sampleRate: Double = 0.1

    func run() async throws {
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = try await store.createShop(Shop(domain: "bench.myshopify.com", name: "Bench", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "bench-secret", apiTokenHash: "bench", at: Date())
        let identity = TrainingDataIdentity(firstEventID: 1, lastEventID: 100, eventCount: 100, projectionDigest: String(repeating: "0", count: 64))
        for (version, run) in [(1, 10), (2, 11)] {
            _ = try await store.registerModelVersion(ModelVersionDraft(
                shopID: shop.id, kind: "forecast", createdBy: "bench", trigger: "on-demand", jobID: Int64(version), parameters: [:],
                data: identity, holdoutMetrics: ["mase": 1.0], primaryMetric: "mase", higherIsBetter: false,
                artifactURI: "forecast-run:\(run)", artifactDigest: String(repeating: "a", count: 64)), at: Date())
        }
        try await store.moveAliases(shopID: shop.id, kind: "forecast", [AliasChange(alias: "champion", version: 1), AliasChange(alias: "challenger", version: 2)],
                                    actor: "bench", action: "set", reason: "benchmark", at: Date())
        try await store.setRolloutSetting(RolloutSetting(shopID: shop.id, kind: "forecast", canaryPercent: canary, shadow: true, sampleRate: sampleRate, updatedAt: Date()))

        let log = ServingRouter.predictionLog(store: store, retentionDays: 0)
        let router = ServingRouter(registry: store, log: log)
        let drain = Task { try await log.run() }
        let subjects = (0..<customers).map { "customer-\($0 &* 7919 % 1_000_003)" }
        // Warm the alias cache and the code paths.
        for i in 0..<10_000 { _ = try await router.route(shopID: shop.id, kind: "forecast", subject: subjects[i % customers], requestID: "w\(i)") }

        var nanos = [Int64](repeating: 0, count: predictions)
        var canaryCount = 0, logged = 0
        let clock = ContinuousClock()
        for i in 0..<predictions {
            let requestID = "req-\(i)"
            let start = clock.now
            guard let decision = try await router.route(shopID: shop.id, kind: "forecast", subject: subjects[i % customers], requestID: requestID) else {
                throw CLIError("the router found no champion")
            }
            router.record(decision, version: decision.served, arm: decision.arm, output: #"{"expected_units":12.5}"#, latencyMicros: 40)
            if let shadow = decision.shadow {
                router.record(decision, version: shadow, arm: .shadow, output: #"{"expected_units":11.0}"#, latencyMicros: 40)
            }
            let elapsed = start.duration(to: clock.now)
            nanos[i] = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
            if decision.arm == .canary { canaryCount += 1 }
            if decision.sampled { logged += 1 }
        }
        await log.flush()
        drain.cancel()
        nanos.sort()
        func quantile(_ q: Double) -> Double { Double(nanos[min(nanos.count - 1, Int(Double(nanos.count) * q))]) / 1000 }
        let stored = try await store.predictionCounts(shopID: shop.id).reduce(0) { $0 + $1.count }
        say("router: \(predictions) predictions over \(customers) customers, canary \(ModelsFormat.decimal(canary, 1)) %, shadow on, sample rate \(sampleRate)")
        say("  canary share \(ModelsFormat.decimal(Double(canaryCount) * 100 / Double(predictions), 2)) %, sampled \(logged), stored log rows \(stored)")
        say("  per prediction: p50 \(ModelsFormat.decimal(quantile(0.5), 2)) µs, p99 \(ModelsFormat.decimal(quantile(0.99), 2)) µs, "
            + "p99.9 \(ModelsFormat.decimal(quantile(0.999), 2)) µs, max \(ModelsFormat.decimal(quantile(1), 1)) µs")
        let p99 = quantile(0.99)
        print("RESULT router_overhead_p99 \(ModelsFormat.decimal(p99, 2)) us target <= 50 \(p99 <= 50 ? "met" : "missed")")
    }
}
