/// The best-seller baseline: the training period's most bought items, the same list for
/// everyone, minus what the case excludes.
public struct PopularityBaseline: Sendable {
    public let bestSellers: [Int32]

    public init(_ catalogue: EvaluationCatalogue) { bestSellers = catalogue.bestSellers }

    public func recommend(_ testCase: EvaluationCase, limit: Int) -> [Int32] {
        var list: [Int32] = []
        list.reserveCapacity(limit)
        for item in bestSellers where testCase.allows(item) {
            list.append(item)
            if list.count == limit { break }
        }
        return list
    }
}
