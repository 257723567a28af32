import Foundation
import Pipeline
import Risk
import Server
import Storage

/// The demo's risk step: the simulated shop's orders were scored as their webhooks arrived
/// (rules until a model exists); here the risk model is trained through the lifecycle, and the
/// printout shows flagged orders with their facts and how many risk proposals wait for a person.
extension DemoCommand {
    /// Trains the shop's risk model (a refusal, e.g. too few labelled frauds, is reported, not fatal)
    /// and prints the flagged orders.
    static func demoRisk(runtime: Runtime, dependencies: AppDependencies, shopID: Int64, port: Int, token: String) async throws {
        let store = runtime.store
        let settings = try runtime.settings.riskSettings()
        var trained = "not trained"
        do {
            let job = try await dependencies.lifecycle.requestTraining(shopID: shopID, kind: RiskKind.kindName, trigger: "initial",
                                                                       requestedBy: "demo", parameters: settings.trainingParameters)
            let finished = try await firstAttempt(jobID: job.id, runtime: runtime, lifecycle: dependencies.lifecycle)
            if finished.state == .succeeded,
               let champion = try await store.resolveAlias(shopID: shopID, kind: RiskKind.kindName, alias: ModelAlias.champion) {
                let metrics = champion.draft.holdoutMetrics
                let ap = metrics["average_precision"].map { "AP \(RiskLatencyCommand.f3($0))" } ?? ""
                let auc = (metrics["auc"] ?? metrics["auc_roc"]).map { "AUC \(RiskLatencyCommand.f3($0))" } ?? ""
                trained = "champion v\(champion.version)" + ([ap, auc].filter { !$0.isEmpty }.isEmpty ? "" : " (holdout " + [ap, auc].filter { !$0.isEmpty }.joined(separator: ", ") + ")")
            } else {
                trained = "not trained (\(finished.lastError ?? finished.state.rawValue))"
            }
        } catch {
            trained = "not trained (\(error))"
        }
        let flagged = try await dependencies.risk.flagged(shopID: shopID, minimumLevel: .medium, limit: 500)
        let high = flagged.filter { $0.assessment.level == .high }.count
        let pending = try await store.proposals(shopID: shopID, query: ProposalQuery(statuses: [.pending], actionType: ActionType.orderRiskAssessment.rawValue, limit: 1)).total
        say("Risk:      orders scored as they arrived; model \(trained). \(flagged.count == 500 ? "500+" : "\(flagged.count)") flagged (\(high) HIGH); \(pending) risk assessments wait for a person.")
        for row in flagged.prefix(3) {
            let order = try await store.order(shopID: shopID, id: row.subjectID)
            let name = order.map { "\($0.name) \($0.totalPrice.decimalString) \($0.totalPrice.currency)" } ?? "order \(row.subjectID)"
            let facts = row.assessment.facts.filter { $0.sentiment == .negative }.prefix(2).map(\.description).joined(separator: "; ")
            say("           \(row.assessment.level.rawValue) \(RiskCommand.percent(row.assessment.probability)) \(name)\(facts.isEmpty ? "" : ": " + facts)")
        }
        say("           The dashboard's \"Risk\" link, curl -H 'Authorization: Bearer \(token)' http://127.0.0.1:\(port)/api/v1/risk/flagged, or storewise risk flagged --shop \(Self.domain)")
    }

    /// Runs the training job until it succeeded or its first attempt failed (a refusal such as too
    /// few labelled frauds would only be refused again after each backoff; the worker in `serve`
    /// keeps retrying it).
    static func firstAttempt(jobID: Int64, runtime: Runtime, lifecycle: ModelLifecycle) async throws -> JobRecord {
        let worker = JobWorker(store: runtime.store, handlers: [TrainingRunner(store: runtime.store, kinds: lifecycle.kinds, options: lifecycle.options, logger: runtime.logger)],
                               options: lifecycle.options, logger: runtime.logger)
        while true {
            guard let job = try await runtime.store.job(id: jobID) else { throw CLIError("job #\(jobID) disappeared") }
            if job.state == .succeeded || job.state == .dead || (job.state == .queued && job.attempts > 0) { return job }
            if await !worker.runOnce(now: Date()) { try await Task.sleep(for: .milliseconds(200)) }
        }
    }
}
