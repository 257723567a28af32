import Commerce
import Foundation
import Logging
import Monitoring
import Pipeline
import Server
import Simulation
import Storage
import Synchronization

/// The story `storewise demo-lifecycle` tells, phase by phase, on the simulation's clock.
struct LifecycleScenario {
    let store: any StorewiseStore
    let dependencies: AppDependencies
    let shopID: Int64
    let domain: String
    let secret: String
    let simulator: StoreSimulator
    let logger: Logger

    var lifecycle: ModelLifecycle { dependencies.lifecycle }
    static let merchant = "merchant (demo)"

    func run() async throws {
        let days = DemoLifecycleCommand.self
        let events = Array(simulator.events())
        let catalogAt = instant(day: days.catalogDay), retrainAt = instant(day: days.retrainDay), end = instant(day: days.days)

        say("== Phase 1: \(days.catalogDay) days of \(simulator.shop.name) up to \(Self.day(catalogAt))")
        try await ingest(events.filter { $0.occurredAt < catalogAt })
        for kind in lifecycle.kinds.all {
            _ = try await lifecycle.requestTraining(shopID: shopID, kind: kind.name, trigger: "initial", requestedBy: "demo", at: catalogAt)
        }
        try await runTrainingJobs(at: catalogAt)

        say("")
        say("== Phase 2: the catalog changes on \(Self.day(catalogAt)) (new products, repriced variants); a week later the scheduler looks")
        try await ingest(events.filter { $0.occurredAt >= catalogAt && $0.occurredAt < retrainAt })
        if let champion = try await store.resolveAlias(shopID: shopID, kind: "forecast", alias: ModelAlias.champion) {
            let change = CatalogChange(previous: champion.draft.catalog, current: try await store.catalogSnapshot(shopID: shopID))
            say("  catalog since forecast v\(champion.version): \(change.added) variants added, \(change.removed) removed, \(change.repriced) repriced "
                + "of \(change.previousCount): \(percent(change.share)) (trigger above \(percent(lifecycle.options.catalogChangeThreshold)))")
        }
        try await schedulerPass(at: retrainAt)
        try await approveForecastProposal(at: retrainAt.addingTimeInterval(3600), note: "the new products are in this version; promote it")

        say("")
        say("== Phase 3: from \(Self.day(instant(day: days.shiftDay))) buyers want other things (far more brewing gear and mugs, a third of the coffee, 2.5× the orders, bigger lines)")
        try await ingest(events.filter { $0.occurredAt >= retrainAt })
        let monitor = ModelMonitor(store: store, kinds: lifecycle.kinds, options: lifecycle.options, logger: logger)
        let summary = try await monitor.check(shopID: shopID, now: end)
        try await printMonitoring(summary)
        try await schedulerPass(at: end.addingTimeInterval(60))
        try await promotionAndRollback(at: end.addingTimeInterval(600))

        say("")
        say("== Promotion history (newest first)")
        for move in try await store.aliasHistory(shopID: shopID, kind: nil, alias: nil, limit: 40) {
            say("  " + ModelsFormat.moveLine(move))
        }
    }

    /// The shop-local midnight that starts simulated day `day`.
    func instant(day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: simulator.shop.timeZone) ?? .gmt
        return calendar.date(byAdding: .day, value: day, to: simulator.configuration.startDate) ?? simulator.configuration.startDate
    }

    static func day(_ date: Date) -> String { String(ModelsFormat.time(date).prefix(10)) }

    func percent(_ share: Double) -> String { ModelsFormat.decimal(share * 100, 1) + " %" }

    /// Delivers events as signed webhooks through the real ingest path.
    func ingest(_ events: [SimulatedEvent]) async throws {
        let zone = TimeZone(identifier: simulator.shop.timeZone) ?? .gmt
        let deliveries = events.lazy.map { WebhookFeeder.Delivery(topic: $0.topic, webhookID: $0.webhookID, body: $0.body(timeZone: zone)) }
        let progress = Mutex(ProgressLine("ingest", total: events.count))
        let result = try await WebhookFeeder(ingestor: dependencies.ingestor, concurrency: 64).feed(deliveries, shopDomain: domain, secret: secret) { done in
            progress.withLock { $0.update(done) }
        }
        progress.withLock { $0.finish(result.stored + result.duplicates, summary: "\(result.stored) webhooks stored") }
    }

    /// One scheduler pass at `now`, then its training jobs.
    func schedulerPass(at now: Date) async throws {
        let scheduler = LifecycleScheduler(store: store, lifecycle: lifecycle, logger: logger)
        let jobs = await scheduler.tick(now: now).filter { $0.draft.type == TrainingRunner.jobType }
        if jobs.isEmpty { say("  scheduler at \(Self.day(now)): nothing to retrain") }
        for job in jobs {
            let payload = try TrainingPayload.decode(job.draft.payload)
            say("  scheduler at \(Self.day(now)): \(payload.kind) needs a new version (trigger: \(payload.trigger)) → job #\(job.id)")
        }
        try await runTrainingJobs(at: now)
    }

    /// Leases and runs every due training job on the simulation's clock, printing each decision.
    func runTrainingJobs(at now: Date) async throws {
        let runner = TrainingRunner(store: store, kinds: lifecycle.kinds, options: lifecycle.options, logger: logger)
        while let (job, lease) = try await store.leaseJob(types: [TrainingRunner.jobType], owner: "demo", now: now, leaseSeconds: 3600) {
            let payload = try TrainingPayload.decode(job.draft.payload)
            let started = ContinuousClock.now
            do {
                let outcome = try await runner.train(job, at: now)
                _ = try await store.completeJob(lease, result: "{\"version\":\(outcome.version)}", now: now)
                let seconds = (ContinuousClock.now - started).components.seconds
                if let version = try await store.modelVersion(shopID: shopID, kind: payload.kind, version: outcome.version) {
                    let metric = version.primaryValue.map { "\(version.draft.primaryMetric) \(ModelsFormat.decimal($0, 4))" } ?? "no holdout"
                    say("  trained \(version.label) (\(payload.trigger), \(seconds) s): holdout \(metric) → \(outcome.decision): \(outcome.reason)")
                }
            } catch {
                _ = try await store.failJob(lease, error: "\(error)", retryAt: nil, now: now)
                say("  \(payload.kind) not trained: \(error)")
            }
        }
    }

    func printMonitoring(_ summary: MonitorSummary) async throws {
        for result in summary.kinds {
            if let id = result.driftReportID, let report = try await store.driftReport(shopID: shopID, id: id) {
                say("  \(result.kind) v\(result.version): \(report.driftedColumns) of \(report.columnCount) input columns drifted "
                    + "(\(report.referenceFrom)…\(report.referenceTo) vs \(report.currentFrom)…\(report.currentTo))"
                    + (report.datasetDrift ? " → dataset drift" : ""))
                for column in DriftColumnsCodec.columns(of: report) where column.drifted {
                    say("    \(column.name): \(column.method.rawValue) \(ModelsFormat.decimal(column.statistic, 4)) (threshold \(ModelsFormat.decimal(column.threshold, 2))), PSI \(ModelsFormat.decimal(column.psi, 3))")
                }
            }
            if let live = result.liveMetrics, let mase = live["mase"] {
                say("  \(result.kind) v\(result.version): live MASE \(ModelsFormat.decimal(mase, 4)), RMSSE \(ModelsFormat.decimal(live["rmsse"] ?? .nan, 4)), bias \(ModelsFormat.decimal(live["bias"] ?? .nan, 3))")
            }
            for note in result.notes { say("  \(result.kind): \(note)") }
        }
        for alert in try await store.modelAlerts(shopID: shopID, openOnly: true, limit: 20) {
            say("  ALERT #\(alert.id) \(alert.kind) \(alert.type): \(alert.message)")
        }
    }

    /// A person approves the pending forecast proposal, if there is one.
    func approveForecastProposal(at now: Date, note: String) async throws {
        guard let proposal = try await store.promotionProposals(shopID: shopID, status: .pending, limit: 10).first(where: { $0.kind == "forecast" }) else { return }
        let moves = try await lifecycle.decideProposal(shopID: shopID, id: proposal.id, approve: true, by: Self.merchant, note: note, at: now)
        say("  \(Self.merchant) approves proposal #\(proposal.id) (\(note)): "
            + moves.map { "\($0.alias) \($0.fromVersion.map { "v\($0)" } ?? "–") → \($0.toVersion.map { "v\($0)" } ?? "–")" }.joined(separator: ", "))
    }

    /// The forecast's challenger gets a 10 % canary, a person promotes it, then rolls it back.
    func promotionAndRollback(at now: Date) async throws {
        let proposals = try await store.promotionProposals(shopID: shopID, status: .pending, limit: 10).filter { $0.kind == "forecast" }
        if let proposal = proposals.first {
            try await store.setRolloutSetting(RolloutSetting(shopID: shopID, kind: "forecast", canaryPercent: 10, shadow: true, sampleRate: 1, updatedAt: now))
            dependencies.router.invalidate(shopID: shopID, kind: "forecast")
            if let run = try await store.latestForecastRun(shopID: shopID) {
                let series = try await store.rankedForecastSeries(shopID: shopID, runID: run.id, limit: 2_000, offset: 0)
                var canary = 0
                for item in series {
                    let key = "\(item.variantID):\(item.locationID)"
                    if try await dependencies.router.route(shopID: shopID, kind: "forecast", subject: key, requestID: key)?.arm == .canary { canary += 1 }
                }
                say("  canary 10 % with shadow: \(canary) of \(series.count) series served by challenger v\(proposal.version), the rest by the champion with v\(proposal.version) in shadow")
            }
            let moves = try await lifecycle.decideProposal(shopID: shopID, id: proposal.id, approve: true, by: Self.merchant,
                                                           note: "checked the canary; the new demand is here to stay", at: now)
            say("  \(Self.merchant) approves proposal #\(proposal.id): " + moves.map { "\($0.alias) \($0.fromVersion.map { "v\($0)" } ?? "–") → \($0.toVersion.map { "v\($0)" } ?? "–")" }.joined(separator: ", "))
        } else {
            say("  no forecast proposal is waiting (the retrain was promoted automatically or not needed)")
        }
        do {
            let moves = try await lifecycle.rollback(shopID: shopID, kind: "forecast", actor: Self.merchant,
                                                     reason: "purchase orders look too large; back to the previous forecast while we check",
                                                     at: now.addingTimeInterval(300))
            say("  \(Self.merchant) rolls back: " + moves.map { "\($0.alias) \($0.fromVersion.map { "v\($0)" } ?? "–") → \($0.toVersion.map { "v\($0)" } ?? "–")" }.joined(separator: ", "))
        } catch let error as LifecycleError {
            say("  rollback not possible: \(error.description)")
        }
    }
}
