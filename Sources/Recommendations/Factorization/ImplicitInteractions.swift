/// A sparse user × item matrix of interaction counts (compressed rows), the input of `ImplicitALS`.
public struct ImplicitInteractions: Sendable {
    public let users: Int
    public let items: Int
    /// Row u's entries are `columns[rowStart[u]..<rowStart[u + 1]]`, ascending.
    public let rowStart: [Int]
    public let columns: [Int32]
    public let values: [Float]

    /// Builds from (user, item, count) triples; repeated pairs are summed, non-positive counts dropped.
    public init(users: Int, items: Int, triples: [(user: Int32, item: Int32, count: Float)]) {
        self.users = users; self.items = items
        let sorted = triples.filter { $0.count > 0 }.sorted { ($0.user, $0.item) < ($1.user, $1.item) }
        var start = [Int](repeating: 0, count: users + 1)
        var columns: [Int32] = [], values: [Float] = []
        columns.reserveCapacity(sorted.count); values.reserveCapacity(sorted.count)
        var lastUser: Int32 = -1, lastItem: Int32 = -1
        for t in sorted {
            precondition(Int(t.user) < users && Int(t.item) < items && t.user >= 0 && t.item >= 0, "triple out of range")
            if t.user == lastUser && t.item == lastItem { values[values.count - 1] += t.count; continue }
            columns.append(t.item); values.append(t.count); start[Int(t.user) + 1] += 1
            lastUser = t.user; lastItem = t.item
        }
        for u in 0..<users { start[u + 1] += start[u] }
        rowStart = start; self.columns = columns; self.values = values
    }

    private init(users: Int, items: Int, rowStart: [Int], columns: [Int32], values: [Float]) {
        self.users = users; self.items = items; self.rowStart = rowStart; self.columns = columns; self.values = values
    }

    /// Customer × item basket counts (how many baskets of the customer held the item); guest baskets are skipped.
    public init(baskets: some Sequence<Basket>, customers: Int, items: Int) {
        var triples: [(user: Int32, item: Int32, count: Float)] = []
        for basket in baskets {
            guard let c = basket.customer else { continue }
            for item in basket.items { triples.append((c, item, 1)) }
        }
        self.init(users: customers, items: items, triples: triples)
    }

    /// The item × user matrix.
    public func transposed() -> ImplicitInteractions {
        var start = [Int](repeating: 0, count: items + 1)
        for c in columns { start[Int(c) + 1] += 1 }
        for i in 0..<items { start[i + 1] += start[i] }
        var next = start
        var cols = [Int32](repeating: 0, count: columns.count), vals = [Float](repeating: 0, count: values.count)
        for u in 0..<users {
            for e in rowStart[u]..<rowStart[u + 1] {
                let i = Int(columns[e]); cols[next[i]] = Int32(u); vals[next[i]] = values[e]; next[i] += 1
            }
        }
        return ImplicitInteractions(users: items, items: users, rowStart: start, columns: cols, values: vals)
    }
}
