import Foundation

/// Top-k accuracy of one ranked list against the set of items that were actually bought.
///
/// Binary relevance throughout (an item was bought or not), as in the usual offline
/// evaluation of implicit-feedback recommenders:
/// - HR@k: 1 when any of the first k items is relevant, else 0.
/// - precision@k: relevant items among the first k, divided by k (a list shorter than k is
///   not rewarded for being short).
/// - recall@k: relevant items among the first k, divided by the number of relevant items.
/// - NDCG@k: DCG = Σ rel_i / log2(i + 1) over positions i = 1…k, divided by the ideal DCG of
///   min(|relevant|, k) relevant items at the top (Järvelin & Kekäläinen 2002).
/// - reciprocal rank: 1 / the position of the first relevant item in the whole list given,
///   0 when none (its mean over cases is MRR).
public struct RankingMetrics: Sendable, Equatable {
    public var hit: Double
    public var precision: Double
    public var recall: Double
    public var ndcg: Double
    public var reciprocalRank: Double

    public init(hit: Double, precision: Double, recall: Double, ndcg: Double, reciprocalRank: Double) {
        self.hit = hit; self.precision = precision; self.recall = recall
        self.ndcg = ndcg; self.reciprocalRank = reciprocalRank
    }

    /// All zero: the value for a case with nothing relevant, and the start of a sum.
    public static let zero = RankingMetrics(hit: 0, precision: 0, recall: 0, ndcg: 0, reciprocalRank: 0)

    /// The metrics of `ranked` (best first) at `k` against `relevant` (distinct, ascending).
    ///
    /// Repeated items in `ranked` count once, at their first position, so a list cannot score
    /// twice for one purchase.
    public init(ranked: [Int32], relevant: [Int32], k: Int) {
        precondition(k > 0, "k must be positive")
        guard !relevant.isEmpty else { self = .zero; return }
        var hits = 0, dcg = 0.0, firstRank = 0
        var seen: [Int32] = []  // relevant items already counted; at most |relevant|, usually 0–2
        for (index, item) in ranked.enumerated() where Self.contains(relevant, item) && !seen.contains(item) {
            seen.append(item)
            if firstRank == 0 { firstRank = index + 1 }
            if index < k {
                hits += 1
                dcg += 1 / log2(Double(index + 2))
            }
        }
        let idealCount = min(relevant.count, k)
        var ideal = 0.0
        for position in 1...idealCount { ideal += 1 / log2(Double(position + 1)) }
        self.init(hit: hits > 0 ? 1 : 0,
                  precision: Double(hits) / Double(k),
                  recall: Double(hits) / Double(relevant.count),
                  ndcg: dcg / ideal,
                  reciprocalRank: firstRank > 0 ? 1 / Double(firstRank) : 0)
    }

    /// Binary search in a distinct ascending array.
    static func contains(_ sorted: [Int32], _ item: Int32) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < item { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == item
    }
}
