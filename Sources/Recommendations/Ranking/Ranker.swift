/// Turns blended candidates into the list shown, under the merchant's rules.
///
/// Order of work: pins first (in the merchant's order), then the remaining candidates that the
/// rules allow, sorted by score × margin boost (ties: lower item index first), taken greedily
/// while their group has fewer than `maxPerGroup` items shown (pins count towards their group).
/// When the cap leaves the list short, the best skipped items fill the end in score order: a
/// short list is worse for the shopper than a repeated group.
///
/// ```swift
/// let shown = Ranker.rank(recommender.candidates(for: .product(42), limit: 40),
///                         rules: MerchantRules(pinned: [7], available: inStock, excluded: [42]), limit: 10)
/// ```
public enum Ranker {
    /// The final list of at most `limit` recommendations, positions 1…n.
    ///
    /// Candidates are expected distinct; a repeated item is shown once (its best-scored copy).
    public static func rank(_ candidates: [Candidate], rules: MerchantRules, limit: Int) -> [Recommendation] {
        guard limit > 0 else { return [] }
        var result: [Recommendation] = []
        result.reserveCapacity(limit)
        // Groups already shown with their counts: a short list (at most `limit` entries), so a linear scan
        // beats hashing here.
        var groupCounts: [(group: Int32, count: Int)] = []
        let capped = rules.maxPerGroup > 0 && rules.groups != nil

        func isShown(_ item: Int32) -> Bool { result.contains { $0.item == item } }
        func countGroup(of item: Int32) {
            guard capped, let g = rules.group(of: item) else { return }
            if let i = groupCounts.firstIndex(where: { $0.group == g }) { groupCounts[i].count += 1 }
            else { groupCounts.append((g, 1)) }
        }
        func groupFull(_ item: Int32) -> Bool {
            guard capped, let g = rules.group(of: item) else { return false }
            return (groupCounts.first { $0.group == g }?.count ?? 0) >= rules.maxPerGroup
        }
        func append(_ item: Int32, _ score: Double, _ reason: Reason) {
            result.append(Recommendation(item: item, score: score, reason: reason, position: result.count + 1))
            countGroup(of: item)
        }

        for item in rules.pinned where result.count < limit && rules.allows(item) && !isShown(item) {
            let proposed = candidates.lazy.filter { $0.item == item && $0.score.isFinite }.map(\.score).max()
            append(item, (proposed ?? 0) * rules.boost(item), Reason(kind: .pinned, count: 0))
        }
        guard result.count < limit else { return result }

        var ranked: [(index: Int32, score: Double)] = []
        ranked.reserveCapacity(candidates.count)
        for (i, c) in candidates.enumerated() where c.score.isFinite && rules.allows(c.item) {
            ranked.append((Int32(i), c.score * rules.boost(c.item)))
        }
        ranked.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            return candidates[Int(a.index)].item < candidates[Int(b.index)].item
        }

        var skipped: [(index: Int32, score: Double)] = []
        for entry in ranked {
            if result.count == limit { break }
            let c = candidates[Int(entry.index)]
            if isShown(c.item) { continue }
            if groupFull(c.item) { skipped.append(entry); continue }
            append(c.item, entry.score, c.reason)
        }
        for entry in skipped {
            if result.count == limit { break }
            let c = candidates[Int(entry.index)]
            if isShown(c.item) { continue }
            append(c.item, entry.score, c.reason)
        }
        return result
    }
}
