/// The events recorded under one key (a card BIN, an IP, a staff member …), sorted by time, so a
/// window count is two binary searches and pruning drops a prefix.
///
/// Events usually arrive in time order (appended at the end); a late webhook is inserted in place.
struct RiskFeatureSeries: Sendable {
    /// One recorded order or refund.
    struct Entry: Sendable, Equatable {
        /// Seconds since 1970.
        var time: Double
        /// The order or refund id: the subject's own entry is skipped, an update replaces it.
        var id: Int64
        /// Who placed it (a hash of the customer id, else the email, else the order id), for
        /// distinct-customer counts.
        var who: Int
        /// The order total or refund amount in shop currency units.
        var value: Double
        /// Gift cards on the order.
        var count: Int
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    /// The first index whose time is after `t` (entries at `t` come before it).
    func upperBound(_ t: Double) -> Int {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].time <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The first index whose time is `t` or later.
    func lowerBound(_ t: Double) -> Int {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].time < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Indexes of the entries in the window (from, through]: after `from`, up to and including `through`.
    func window(after from: Double, through: Double) -> Range<Int> {
        let lo = upperBound(from), hi = upperBound(through)
        return lo..<max(lo, hi)
    }

    /// Whether the entry of `id` recorded at `time` is here (to leave a recorded subject out).
    func contains(id: Int64, at time: Double) -> Bool {
        var i = lowerBound(time)
        while i < entries.count, entries[i].time == time {
            if entries[i].id == id { return true }
            i += 1
        }
        return false
    }

    /// Inserts after any entries at the same time (arrival order breaks ties).
    mutating func insert(_ entry: Entry) {
        if let last = entries.last, last.time > entry.time {
            entries.insert(entry, at: upperBound(entry.time))
        } else {
            entries.append(entry)
        }
    }

    /// Removes the entry of `id` recorded at `time`, if present.
    mutating func remove(id: Int64, at time: Double) {
        var i = lowerBound(time)
        while i < entries.count, entries[i].time == time {
            if entries[i].id == id { entries.remove(at: i); return }
            i += 1
        }
    }

    /// Drops every entry before `cutoff`.
    mutating func drop(before cutoff: Double) {
        let n = lowerBound(cutoff)
        if n > 0 { entries.removeFirst(n) }
    }
}
