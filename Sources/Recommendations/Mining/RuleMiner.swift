/// Builds association rules with one-item consequents from frequent itemsets, as arules'
/// `apriori` does: for every frequent itemset Z of two or more items and every y in Z, the rule
/// Z∖{y} ⇒ y when its confidence count(Z) / count(Z∖{y}) reaches `minConfidence`.
///
/// Confidence is compared in integers, so a rule at exactly the threshold (4/5 at 0.8) is kept.
/// Rules with an empty antecedent (arules' `{} ⇒ y`) are not built.
///
/// ```swift
/// let itemsets = try FrequentItemsetMiner(minSupport: 0.001).mine(data.baskets, itemCount: data.items.count)
/// let rules = try RuleMiner(minConfidence: 0.5).rules(from: itemsets).sortedByLift()   // 5,668 on Groceries
/// ```
public struct RuleMiner: Sendable {
    public var minConfidence: Double

    /// A rule miner keeping rules with confidence ≥ `minConfidence` (0…1).
    public init(minConfidence: Double) throws(MiningParameterError) {
        guard minConfidence >= 0, minConfidence <= 1 else {
            throw MiningParameterError(parameter: "minConfidence", reason: "must be in [0, 1], got \(minConfidence)")
        }
        self.minConfidence = minConfidence
    }

    /// The rules of all itemsets, in itemset order then consequent ascending.
    public func rules(from itemsets: FrequentItemsets) -> [AssociationRule] {
        let parts = Threshold.parts(minConfidence)
        var rules: [AssociationRule] = []
        itemsets.items.withUnsafeBufferPointer { items in
            for index in 0..<itemsets.counts.count {
                let start = Int(itemsets.starts[index]), end = Int(itemsets.starts[index + 1])
                guard end - start >= 2 else { continue }
                let count = Int(itemsets.counts[index])
                for position in 0..<(end - start) {
                    let antecedentCount = itemsets.countOfSubset(index, skipping: position)
                    guard Threshold.reaches(count, of: antecedentCount, fraction: parts) else { continue }
                    var antecedent: [Int32] = []
                    antecedent.reserveCapacity(end - start - 1)
                    for i in start..<end where i != start + position { antecedent.append(items[i]) }
                    let consequent = items[start + position]
                    rules.append(AssociationRule(
                        antecedent: antecedent, consequent: consequent, count: count, antecedentCount: antecedentCount,
                        consequentCount: itemsets.itemCounts[Int(consequent)], basketCount: itemsets.basketCount))
                }
            }
        }
        return rules
    }
}
