import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise models train`: queues a training job and (by default) runs it here, then shows
/// what the registry decided: promoted, or challenger with a proposal waiting for a person.
struct ModelsTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train, evaluate on a time holdout and register a new version (promoted only if it beats the champion).",
        discussion: """
        Parameters override the configured ones for this candidate, e.g. --param horizon=14. With --queue-only the job \
        waits for `storewise serve`'s worker instead of running here.
        """)

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "The model kind: forecast, customer-value or recommendations.") var kind: String
    @Option(name: .customLong("param"), help: "A parameter override, name=value (repeatable).") var parameters: [String] = []
    @Flag(help: "Only queue the job; a running server's worker picks it up.") var queueOnly = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        for parameter in parameters where parameter.split(separator: "=", maxSplits: 1).count != 2 {
            throw ValidationError("--param must be name=value, got '\(parameter)'")
        }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let lifecycle = try runtime.lifecycle()
        _ = try ModelsFormat.requireKind(kind, in: lifecycle.kinds)
        let overrides = Dictionary(parameters.map { part -> (String, String) in
            let pair = part.split(separator: "=", maxSplits: 1)
            return (String(pair[0]), String(pair[1]))
        }, uniquingKeysWith: { _, last in last })
        let job = try await ModelsFormat.cli {
            try await lifecycle.requestTraining(shopID: record.id, kind: kind, trigger: "on-demand", requestedBy: Runtime.cliActor,
                                                parameters: overrides.isEmpty ? nil : overrides)
        }
        say("training job #\(job.id) queued (\(kind), shop \(record.shop.domain))")
        if queueOnly { return }
        let finished = try await Self.runUntilFinished(jobID: job.id, runtime: runtime, lifecycle: lifecycle)
        switch finished.state {
        case .succeeded: say("job #\(finished.id) done: \(finished.result ?? "{}")")
        default: throw CLIError("job #\(finished.id) \(finished.state.rawValue) after \(finished.attempts) attempt(s): \(finished.lastError ?? "")")
        }
        let aliases = try await runtime.store.modelAliases(shopID: record.id, kind: kind)
        for version in try await runtime.store.modelVersions(shopID: record.id, kind: kind, limit: 3) {
            say("  " + ModelsFormat.versionLine(version, aliases: aliases))
        }
    }

    /// Runs due jobs in this process until `jobID` has succeeded or gone dead (a retry waits its backoff).
    static func runUntilFinished(jobID: Int64, runtime: Runtime, lifecycle: ModelLifecycle) async throws -> JobRecord {
        let worker = JobWorker(store: runtime.store, handlers: [TrainingRunner(store: runtime.store, kinds: lifecycle.kinds, options: lifecycle.options, logger: runtime.logger)],
                               options: lifecycle.options, logger: runtime.logger)
        let started = ContinuousClock.now
        var reported = started
        while true {
            guard let job = try await runtime.store.job(id: jobID) else { throw CLIError("job #\(jobID) disappeared") }
            if job.state == .succeeded || job.state == .dead { return job }
            if await !worker.runOnce(now: Date()) {
                // Nothing due: the job waits out a retry backoff (or another process holds its lease).
                if ContinuousClock.now - reported > .seconds(5) {
                    reported = .now
                    say("  job #\(jobID) \(job.state.rawValue), attempt \(job.attempts), \((ContinuousClock.now - started).components.seconds) s"
                        + (job.lastError.map { ", last error: \($0)" } ?? ""))
                }
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
