import Foundation
import Synchronization

/// Runs CPU-heavy work on dedicated threads, never on Swift's cooperative pool that serves
/// requests: the calling task suspends on a continuation until the threads are done.
enum WorkerThreads {
    /// Worker threads are named this plus their index (as `top -H` and debuggers show them).
    static let threadNamePrefix = "sw-forecast-"

    /// `body` applied to every input on up to `threads` threads, results in input order.
    /// `progress(done)` is called from the worker threads after each item. When the calling task
    /// is cancelled the threads stop taking new items and the missing results are nil.
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], threads: Int, progress: @escaping @Sendable (Int) -> Void = { _ in },
        _ body: @escaping @Sendable (Input) -> Output
    ) async -> [Output?] {
        guard !inputs.isEmpty else { return [] }
        let state = State<Output>(count: inputs.count)
        let workers = max(1, min(threads, inputs.count))
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Output?], Never>) in
                for index in 0..<workers {
                    let thread = Thread {
                        // Named from inside: on Linux the name is the pthread's, at most 15 bytes.
                        Thread.current.name = "\(threadNamePrefix)\(index)"
                        while !state.cancelled.load(ordering: .relaxed) {
                            let item = state.next.wrappingAdd(1, ordering: .relaxed).oldValue
                            guard item < inputs.count else { break }
                            let output = body(inputs[item])
                            state.results.withLock { $0[item] = output }
                            progress(state.done.wrappingAdd(1, ordering: .relaxed).newValue)
                        }
                        if state.finished.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == workers {
                            continuation.resume(returning: state.results.withLock { $0 })
                        }
                    }
                    thread.start()
                }
            }
        } onCancel: {
            state.cancelled.store(true, ordering: .relaxed)
        }
    }

    /// What the threads share: the next item to take, results, and counters.
    private final class State<Output: Sendable>: Sendable {
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
        let cancelled = Atomic<Bool>(false)
        let results: Mutex<[Output?]>

        init(count: Int) {
            results = Mutex([Output?](repeating: nil, count: count))
        }
    }
}
