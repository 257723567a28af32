import Foundation
import Synchronization

/// Runs CPU-heavy work on dedicated threads, never on Swift's cooperative pool that serves
/// requests: the calling task suspends on a continuation until the threads are done.
public enum WorkerThreads {
    /// Worker threads are named this plus their index (as `top -H` and debuggers show them).
    static let threadNamePrefix = "sw-forecast-"

    /// A pthread key set on every worker thread: the reliable way to ask "am I a worker?", since
    /// a thread's name is only a label for people.
    nonisolated(unsafe) private static let workerKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// True on the threads `map` starts, false on the async pool and everywhere else.
    public static var isWorkerThread: Bool { pthread_getspecific(workerKey) != nil }

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
                        pthread_setspecific(workerKey, UnsafeRawPointer(bitPattern: 1))
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
