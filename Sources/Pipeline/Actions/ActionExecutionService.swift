import Foundation
import Logging
import ServiceLifecycle

/// The background loop of the approval queue: every `interval` seconds it expires overdue
/// proposals and runs due executions, until the service group shuts down (a pass in progress
/// finishes; the sleep ends at once).
///
/// ```swift
/// let service = ActionExecutionService(approvals: approvals, executor: executor, logger: logger)
/// let group = ServiceGroup(services: [worker, scheduler, service], logger: logger)
/// ```
public struct ActionExecutionService: Service {
    let approvals: ApprovalService
    let executor: ActionExecutor
    let interval: Double
    let logger: Logger

    public init(approvals: ApprovalService, executor: ActionExecutor, interval: Double = 1, logger: Logger) {
        self.approvals = approvals; self.executor = executor; self.interval = max(0.05, interval); self.logger = logger
    }

    public func run() async throws {
        let every = Duration.milliseconds(Int64(interval * 1000))
        await PeriodicPasses.run(first: every, every: every) {
            await pass(now: Date())
        }
    }

    /// One pass: expiry, then executions. Errors are logged; the next pass tries again.
    public func pass(now: Date) async {
        do {
            let expired = try await approvals.expireDue(now: now)
            if expired > 0 { logger.info("proposals expired", metadata: ["count": "\(expired)"]) }
        } catch {
            logger.error("expiry pass failed", metadata: ["error": "\(String(reflecting: error))"])
        }
        do {
            _ = try await executor.executeDue(now: now)
        } catch {
            logger.error("execution pass failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
