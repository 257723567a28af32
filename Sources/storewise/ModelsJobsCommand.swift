import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise models jobs`: the job queue (training and monitor jobs) with states and attempts;
/// `--retry N` queues a dead-lettered job again with fresh attempts.
struct ModelsJobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jobs", abstract: "List queued, running, finished and dead jobs, or retry a dead one.")

    @Option(help: "Only this shop's jobs.") var shop: String?
    @Option(help: "Only jobs in this state: queued, running, succeeded or dead.") var state: JobState?
    @Option(help: "Queue this dead job again with fresh attempts.") var retry: Int64?
    @Option(help: "Rows shown.") var limit: Int = 30
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be in 1...10000, got \(limit)") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        if let retry {
            guard try await runtime.store.retryDeadJob(id: retry, now: Date()) else {
                throw CLIError("job #\(retry) is not dead (only dead jobs can be retried)")
            }
            say("job #\(retry) queued again; a running server's worker picks it up")
            return
        }
        var shopID: Int64?
        if let shop { shopID = try await runtime.shop(shop).id }
        let jobs = try await runtime.store.jobs(shopID: shopID, states: state.map { [$0] }, limit: limit)
        if jobs.isEmpty { say("no jobs") }
        for job in jobs {
            let attempts: String = "attempt \(job.attempts)/\(job.draft.maxAttempts)"
            var line: String = "#\(job.id)  " + pad(job.draft.type, 8) + pad(job.state.rawValue, 11) + pad(attempts, 13)
            line += pad(ModelsFormat.time(job.createdAt), 21) + pad(job.draft.requestedBy, 14) + job.draft.payload
            if let error = job.lastError { line += "  last error: \(error)" }
            say(line)
        }
    }
}

extension JobState: ExpressibleByArgument {}
