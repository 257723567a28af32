/// The random baseline: `limit` distinct catalogue items drawn uniformly (seeded), minus what
/// the case excludes; the floor any signal must clear.
public struct RandomBaseline: Sendable {
    /// A permutation of the catalogue, shuffled in place a prefix at a time (partial Fisher–Yates).
    private var items: [Int32]
    private var random: EvaluationRandom

    public init(_ catalogue: EvaluationCatalogue, seed: UInt64 = 7) {
        items = catalogue.bestSellers.sorted()
        random = EvaluationRandom(seed: seed)
    }

    public mutating func recommend(_ testCase: EvaluationCase, limit: Int) -> [Int32] {
        var list: [Int32] = []
        var position = 0
        while list.count < limit, position < items.count {
            let pick = position + random.index(below: items.count - position)
            items.swapAt(position, pick)
            if testCase.allows(items[position]) { list.append(items[position]) }
            position += 1
        }
        return list
    }
}
