import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Runs services only while this process holds a leader lease, so that of all `serve` and
/// `worker` replicas on one database exactly one runs them (the lifecycle scheduler, the
/// periodic customer scoring and recommendation passes).
///
/// A follower tries to acquire the lease every third of the lease; the leader renews it as
/// often and runs the services meanwhile. A leader whose renewal is refused (it stalled past its
/// lease and another process took over) cancels its services and becomes a follower. On
/// graceful shutdown the services stop and the lease is released, so another replica takes
/// over at its next try.
///
/// ```swift
/// let gate = LeadershipGate(name: "scheduler", store: store, owner: owner, leaseSeconds: 30)
/// let group = ServiceGroup(services: [LeaderElected(gate: gate, services: [scheduler])], logger: logger)
/// ```
public struct LeaderElected: Service {
    public let gate: LeadershipGate
    let services: [any Service]
    let logger: Logger

    public init(gate: LeadershipGate, services: [any Service], logger: Logger = Logger(label: "storewise.leadership")) {
        self.gate = gate; self.services = services; self.logger = logger
    }

    /// Why one term of leadership ended.
    enum TermEnd: Sendable { case servicesFinished, lost, shutdown }

    public func run() async throws {
        defer { logger.debug("leader-elected services stopped", metadata: ["lease": "\(gate.name)"]) }
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if await gate.step(now: Date()) {
                let end: TermEnd
                do {
                    end = try await lead()
                } catch {
                    await gate.resign()
                    throw error
                }
                if end != .lost {
                    await gate.resign()
                    return
                }
                continue
            }
            do {
                try await cancelWhenGracefulShutdown { [gate] in try await Task.sleep(for: .milliseconds(Int64(gate.renewInterval * 1000))) }
            } catch {
                break
            }
        }
        await gate.resign()
    }

    /// Runs the services while renewing the lease; returns when they finish, leadership is
    /// lost (they are cancelled) or the group shuts down (they stop by themselves).
    func lead() async throws -> TermEnd {
        try await withThrowingTaskGroup(of: TermEnd.self) { group in
            for service in services {
                group.addTask {
                    try await service.run()
                    return .servicesFinished
                }
            }
            group.addTask { [gate] in
                while true {
                    do {
                        try await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int64(gate.renewInterval * 1000))) }
                    } catch {
                        return .shutdown
                    }
                    if !(await gate.step(now: Date())) { return .lost }
                }
            }
            var end: TermEnd = .servicesFinished
            var running = services.count
            while let next = try await group.next() {
                switch next {
                case .servicesFinished:
                    running -= 1
                    // The services end on shutdown: wait for them all; one ending by itself ends the term.
                    if running == 0 || !Task.isShuttingDownGracefully {
                        if end == .servicesFinished, Task.isShuttingDownGracefully { end = .shutdown }
                        group.cancelAll()
                    }
                case .lost:
                    end = .lost
                    group.cancelAll()
                case .shutdown:
                    end = .shutdown
                    if running == 0 { group.cancelAll() }
                }
            }
            return end
        }
    }
}
