import Foundation
import Risk
import Synchronization

/// Runs every XGBoost call of live risk scoring on a few dedicated threads, each owning its own
/// copy of each shop's model: a model is loaded, queried and freed on one thread only.
///
/// Why: XGBoost keeps per-thread state keyed by the learner, and a booster freed on another
/// thread than the ones that used it corrupted the heap inside `XGBoosterFree` (see
/// `Boosting.Booster.Handle`). An actor hops between the pool's threads, so the service never
/// touches a booster itself; it hands the model's bytes and the feature vector here.
final class RiskModelHost: Sendable {
    /// A model: the shop and the SHA-256 of its bytes (a new champion has another digest).
    struct Key: Hashable, Sendable {
        var shopID: Int64
        var digest: String
    }

    /// One process-wide host: its threads live as long as the process.
    static let shared = RiskModelHost(threads: 2)

    private let workers: [Worker]
    private let next = Atomic<Int>(0)

    init(threads: Int) {
        workers = (0..<max(1, threads)).map { Worker(name: "sw-risk-\($0)") }
    }

    /// The model's assessment of `vector`; the model is built from `bytes` on first use on a
    /// thread, and an older model of the same shop on that thread is freed there.
    func assess(_ vector: RiskFeatureVector, key: Key, bytes: [UInt8]) async throws -> RiskAssessment {
        let worker = workers[next.wrappingAdd(1, ordering: .relaxed).oldValue % workers.count]
        return try await worker.run { models in
            try Self.model(key, bytes, &models).assess(vector)
        }
    }

    /// Loads the model on one thread and returns its rules (it fails as loading would).
    func load(key: Key, bytes: [UInt8]) async throws -> RiskRules {
        try await workers[0].run { models in try Self.model(key, bytes, &models).rules }
    }

    private static func model(_ key: Key, _ bytes: [UInt8], _ models: inout [Key: RiskModel]) throws -> RiskModel {
        if let model = models[key] { return model }
        let model = try RiskModel(serialized: bytes)
        for old in models.keys where old.shopID == key.shopID { models[old] = nil }
        models[key] = model
        return model
    }

    /// A thread with a queue of jobs and the models only it touches.
    private final class Worker: @unchecked Sendable {
        private let condition = NSCondition()
        private var jobs: [(inout [Key: RiskModel]) -> Void] = []
        /// Touched on the worker's thread only.
        private var models: [Key: RiskModel] = [:]

        init(name: String) {
            let thread = Thread { [self] in loop() }
            thread.name = name
            thread.start()
        }

        func run<T: Sendable>(_ body: @escaping @Sendable (inout [Key: RiskModel]) throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                condition.lock()
                jobs.append { models in
                    do { continuation.resume(returning: try body(&models)) } catch { continuation.resume(throwing: error) }
                }
                condition.signal()
                condition.unlock()
            }
        }

        private func loop() {
            while true {
                condition.lock()
                while jobs.isEmpty { condition.wait() }
                let job = jobs.removeFirst()
                condition.unlock()
                job(&models)
            }
        }
    }
}
