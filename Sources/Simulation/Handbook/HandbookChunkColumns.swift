import Foundation

/// Column buffers for one chunk of customers.
struct HandbookChunkColumns: Sendable {
    var seconds: [Int32] = []
    var days: [Int32] = []
    var customers: [Int32] = []
    var terminals: [Int32] = []
    var amounts: [Double] = []
}

/// Collects the per-chunk results of `concurrentPerform`; each slot is written by one iteration only.
final class HandbookChunkBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var parts: [HandbookChunkColumns]

    init(count: Int) { parts = Array(repeating: HandbookChunkColumns(), count: count) }

    func store(_ part: HandbookChunkColumns, at index: Int) {
        lock.lock()
        parts[index] = part
        lock.unlock()
    }
}
