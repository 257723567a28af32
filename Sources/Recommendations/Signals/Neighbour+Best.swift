extension Neighbour {
    /// Whether `a` goes before `b` in a list: higher score, then lower item index (so lists are
    /// deterministic and incremental recomputation matches a batch run).
    @inline(__always)
    static func ahead(_ a: Neighbour, _ b: Neighbour) -> Bool {
        a.score != b.score ? a.score > b.score : a.item < b.item
    }

    /// The best `limit` neighbours in list order.
    static func best(_ candidates: [Neighbour], limit: Int) -> [Neighbour] {
        guard limit > 0 else { return [] }
        var list = candidates
        list.sort(by: ahead)
        if list.count > limit { list.removeLast(list.count - limit) }
        return list
    }
}
