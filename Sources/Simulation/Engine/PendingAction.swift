/// Something that will happen at a known instant: a purchase, a delivery, a follow-up on an order.
struct PendingAction {
    enum Kind {
        /// A new customer signs up and places their first order.
        case acquire(customer: Int)
        /// A known customer comes back.
        case purchase(customer: Int)
        /// A buyer with no customer record, at a location slot.
        case guest(slot: Int)
        /// The shop reviews one vendor's stock and places purchase orders.
        case review(vendor: Int)
        /// A vendor delivery reaches a cell.
        case delivery(cell: Int, quantity: Int)
        case fulfil(order: Int64)
        case cancel(order: Int64)
        case refund(order: Int64)
        /// A fraud action (see `FraudStep`).
        case fraud(FraudStep)
    }

    var time: Int64
    /// Breaks ties in time by scheduling order, so runs are reproducible.
    var sequence: UInt64
    var kind: Kind
    /// Location slot of a purchase (0 = online).
    var slot: Int = 0
}

/// A binary min-heap of pending actions ordered by (time, sequence).
struct ActionQueue {
    private var heap: [PendingAction] = []

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var nextTime: Int64? { heap.first?.time }

    private static func before(_ a: PendingAction, _ b: PendingAction) -> Bool {
        a.time != b.time ? a.time < b.time : a.sequence < b.sequence
    }

    mutating func push(_ action: PendingAction) {
        heap.append(action)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> PendingAction? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && Self.before(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && Self.before(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
