/// Per-request sums of signal contributions per candidate: a small open-addressing hash table
/// over flat arrays, sized once per request, so blending allocates two arrays and never rehashes.
struct Accumulator {
    /// One candidate (or seed) and its running blend.
    struct Entry {
        var item: Int32
        /// Seeds are kept to be skipped: contributions to them are dropped.
        var isSeed: Bool
        var score: Double
        /// The largest single contribution so far, whose reason is kept.
        var best: Double
        var reason: Reason
    }

    private(set) var entries: [Entry] = []
    /// Entry index per slot, -1 when empty.
    private var slots: [Int32]
    private let shift: UInt32
    private let mask: Int

    /// A table for up to `capacity` distinct items (kept at most half full).
    init(capacity: Int) {
        var bits = 4
        while (1 << bits) < 2 * max(capacity, 1) { bits += 1 }
        slots = [Int32](repeating: -1, count: 1 << bits)
        shift = UInt32(32 - bits)
        mask = (1 << bits) - 1
        // Distinct items are usually far fewer than contributions: let entries grow from a quarter.
        entries.reserveCapacity(max(capacity / 4, 16))
    }

    /// Fibonacci hashing: the high bits of item × 2^32/φ spread consecutive indices well.
    @inline(__always) private func home(_ item: Int32) -> Int {
        Int((UInt32(bitPattern: item) &* 0x9E37_79B9) >> shift)
    }

    /// The entry index of `item`, or nil.
    func entry(of item: Int32) -> Int? {
        var slot = home(item)
        while true {
            let e = slots[slot]
            if e < 0 { return nil }
            if entries[Int(e)].item == item { return Int(e) }
            slot = (slot + 1) & mask
        }
    }

    private mutating func findOrInsert(_ item: Int32, isSeed: Bool) -> Int {
        var slot = home(item)
        while true {
            let e = slots[slot]
            if e < 0 {
                slots[slot] = Int32(entries.count)
                entries.append(Entry(item: item, isSeed: isSeed, score: 0, best: -1,
                                     reason: Reason(kind: .popular, count: 0)))
                return entries.count - 1
            }
            if entries[Int(e)].item == item { return Int(e) }
            slot = (slot + 1) & mask
        }
    }

    /// Marks a seed so it never becomes a candidate.
    mutating func markSeed(_ item: Int32) {
        let i = findOrInsert(item, isSeed: true)
        entries[i].isSeed = true
    }

    /// Adds one contribution; the reason is kept when it is strictly the largest so far.
    @inline(__always)
    mutating func add(_ item: Int32, _ contribution: Double, _ reason: Reason) {
        let i = findOrInsert(item, isSeed: false)
        if entries[i].isSeed { return }
        entries[i].score += contribution
        if contribution > entries[i].best {
            entries[i].best = contribution
            entries[i].reason = reason
        }
    }

    /// Adds a prior's contribution (best sellers): it raises the score but names the reason only
    /// of an item no signal proposed, so a product page still says "bought together 12 times".
    @inline(__always)
    mutating func addPrior(_ item: Int32, _ contribution: Double, _ reason: Reason) {
        let i = findOrInsert(item, isSeed: false)
        if entries[i].isSeed { return }
        entries[i].score += contribution
        if entries[i].best < 0 {
            entries[i].best = 0
            entries[i].reason = reason
        }
    }
}
