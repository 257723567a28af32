/// One item's co-purchase partners: a small open-addressing hash table over two flat arrays,
/// so counting a pair is a multiply, a shift and usually one probe.
///
/// A pair whose count drops to 0 (a cancelled order) keeps its slot with count 0: probing stays
/// correct without tombstones, and the slot is reused if the pair comes back.
struct PartnerTable: Sendable {
    /// Partner per slot, -1 when empty.
    private(set) var keys: [Int32] = []
    /// Baskets with both items per slot.
    private(set) var counts: [Int32] = []
    /// Occupied slots (including pairs whose count fell to 0).
    private(set) var occupied = 0
    private var shift: UInt32 = 32

    init() {}

    /// Fibonacci hashing: the high bits of item × 2^32/φ spread consecutive indices well.
    @inline(__always) private func home(_ item: Int32) -> Int {
        Int((UInt32(bitPattern: item) &* 0x9E37_79B9) >> shift)
    }

    /// The count for `partner` (0 when absent).
    func count(of partner: Int32) -> Int32 {
        guard !keys.isEmpty else { return 0 }
        let mask = keys.count - 1
        var slot = home(partner)
        while true {
            let k = keys[slot]
            if k == partner { return counts[slot] }
            if k < 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `delta` to the pair's count (clamped at 0), inserting the partner when needed.
    @inline(__always)
    mutating func add(_ partner: Int32, _ delta: Int32) {
        if keys.isEmpty || 4 * (occupied + 1) > 3 * keys.count {
            if delta < 0, keys.isEmpty { return }
            grow()
        }
        let mask = keys.count - 1
        var slot = home(partner)
        while true {
            let k = keys[slot]
            if k == partner {
                counts[slot] = max(0, counts[slot] &+ delta)
                return
            }
            if k < 0 {
                // Removing a pair that was never counted changes nothing.
                guard delta > 0 else { return }
                keys[slot] = partner
                counts[slot] = delta
                occupied += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Doubles the table (from 4 slots), dropping pairs whose count fell to 0.
    private mutating func grow() {
        let oldKeys = keys, oldCounts = counts
        var live = 0
        for c in oldCounts where c > 0 { live += 1 }
        var bits = 2
        while (1 << bits) * 3 < 4 * (live + 1) * 2 { bits += 1 }
        keys = [Int32](repeating: -1, count: 1 << bits)
        counts = [Int32](repeating: 0, count: 1 << bits)
        shift = UInt32(32 - bits)
        occupied = 0
        let mask = keys.count - 1
        for i in oldKeys.indices where oldKeys[i] >= 0 && oldCounts[i] > 0 {
            var slot = home(oldKeys[i])
            while keys[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[i]
            counts[slot] = oldCounts[i]
            occupied += 1
        }
    }

    /// Calls `body(partner, count)` for every pair with a positive count, in slot order.
    @inline(__always)
    func forEach(_ body: (Int32, Int32) -> Void) {
        for i in keys.indices where keys[i] >= 0 && counts[i] > 0 { body(keys[i], counts[i]) }
    }
}
