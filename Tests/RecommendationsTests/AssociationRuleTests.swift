import Foundation
import Testing
import TestSupport
@testable import Recommendations

@Suite("Association rules")
struct AssociationRuleTests {
    @Test("Hand-counted baskets: 8 rules at confidence 0.5, 5 above it, lift order")
    func hand() throws {
        // See `handBaskets`: the pairs {0,1} 3, {0,2} 2, {0,3} 2, {1,2} 2 give 8 rules with
        // confidences 3/4, 3/4, 2/4, 2/3, 2/4, 2/2, 2/4, 2/3 — all ≥ 0.5, three exactly 0.5.
        let itemsets = try FrequentItemsetMiner(minCount: 2).mine(itemLists: handBaskets, itemCount: 4)
        let rules = try RuleMiner(minConfidence: 0.5).rules(from: itemsets)
        #expect(rules.count == 8)
        #expect(rules.filter { $0.hasConfidence(above: 0.5) }.count == 5)
        #expect(try RuleMiner(minConfidence: 0.51).rules(from: itemsets).count == 5)
        #expect(try RuleMiner(minConfidence: 1).rules(from: itemsets).count == 1)

        // eggs ⇒ bread: count 2, 2 baskets with eggs, 4 with bread, 5 baskets:
        // support 2/5 = 0.4, confidence 1, coverage 0.4, lift 2·5 / (2·4) = 1.25.
        let sorted = rules.sortedByLift()
        let top = sorted[0]
        #expect(top.antecedent == [3] && top.consequent == 0)
        #expect(top.count == 2 && top.antecedentCount == 2 && top.consequentCount == 4 && top.basketCount == 5)
        #expect(top.support == 0.4 && top.confidence == 1 && top.coverage == 0.4 && top.lift == 1.25)
        // bread ⇒ eggs has the same lift 1.25 but confidence 0.5, so it comes second; then
        // bread ⇒ milk and milk ⇒ bread (lift 3·5 / 16 = 0.9375, tie broken by items).
        #expect(sorted[1].antecedent == [0] && sorted[1].consequent == 3)
        #expect(sorted[2].antecedent == [0] && sorted[2].consequent == 1 && sorted[2].lift == 0.9375)
        #expect(sorted[3].antecedent == [1] && sorted[3].consequent == 0)
        #expect(rules.sortedByConfidence()[0] == top)
        #expect(throws: MiningParameterError.self) { try RuleMiner(minConfidence: 1.5) }
    }

    @Test("Confidence thresholds are exact: 4/5 is at least 0.8 and not above it")
    func exactConfidence() {
        let rule = AssociationRule(antecedent: [1], consequent: 2, count: 4, antecedentCount: 5, consequentCount: 9, basketCount: 20)
        #expect(rule.hasConfidence(atLeast: 0.8))
        #expect(!rule.hasConfidence(above: 0.8))
        #expect(rule.hasConfidence(above: 0.79))
        #expect(!rule.hasConfidence(atLeast: 0.81))
        // 7/10 against 0.7, whose double is a hair below 0.7.
        let seven = AssociationRule(antecedent: [1], consequent: 2, count: 7, antecedentCount: 10, consequentCount: 9, basketCount: 20)
        #expect(seven.hasConfidence(atLeast: 0.7) && !seven.hasConfidence(above: 0.7))
    }

    @Test("Groceries at 0.001 / 0.5: 5,668 rules, top 3 by lift, 371 above 0.8 (arulesViz vignette)")
    func groceries() throws {
        guard let data = MiningTestData.groceries else { return }
        let itemsets = try FrequentItemsetMiner(minSupport: 0.001).mine(data.baskets, itemCount: data.items.count)
        let rules = try RuleMiner(minConfidence: 0.5).rules(from: itemsets)
        #expect(rules.count == 5_668)
        #expect(Set(rules).count == 5_668)

        func names(_ rule: AssociationRule) -> (Set<String>, String) {
            (Set(rule.antecedent.map { data.items.key(at: $0) }), data.items.key(at: rule.consequent))
        }
        func rounded(_ x: Double, _ places: Double = 4) -> Double { (x * pow(10, places)).rounded() / pow(10, places) }
        let top = rules.sortedByLift().prefix(3).map { $0 }
        try #require(top.count == 3)
        // Antecedent counts from the vignette's conf and coverage: 12/19 = 0.63, 19/9835 = 0.0019;
        // 10/18 = 0.56, 18/9835 = 0.0018. Lifts: 12·9835/(19·327), 12·9835/(19·372), 10·9835/(18·333).
        #expect(names(top[0]) == (["Instant food products", "soda"], "hamburger meat"))
        #expect(top[0].count == 12 && top[0].antecedentCount == 19 && rounded(top[0].lift) == 18.9957)
        #expect(rounded(top[0].coverage) == 0.0019 && rounded(top[0].support) == 0.0012)
        #expect(names(top[1]) == (["soda", "popcorn"], "salty snack"))
        #expect(top[1].count == 12 && top[1].antecedentCount == 19 && rounded(top[1].lift) == 16.6978)
        #expect(names(top[2]) == (["flour", "baking powder"], "sugar"))
        #expect(top[2].count == 10 && top[2].antecedentCount == 18 && rounded(top[2].lift) == 16.4081)
        #expect(rounded(top[2].coverage) == 0.0018 && rounded(top[2].confidence, 2) == 0.56)

        // Strictly above 0.8 in integers: 371; at least 0.8: 410 (39 at exactly 4/5).
        let strict = rules.filter { 5 * $0.count > 4 * $0.antecedentCount }
        #expect(strict.count == 371)
        #expect(rules.filter { $0.hasConfidence(above: 0.8) }.count == 371)
        #expect(rules.filter { $0.hasConfidence(atLeast: 0.8) }.count == 410)
        #expect(try RuleMiner(minConfidence: 0.8).rules(from: itemsets).count == 410)
        #expect(Set(strict.map { data.items.key(at: $0.consequent) }) == [
            "bottled beer", "whole milk", "other vegetables", "tropical fruit", "yogurt", "root vegetables",
        ])
        // README: count ≥ 9 instead of ≥ 10 would give 7,436 rules.
        let loose = try FrequentItemsetMiner(minCount: 9).mine(data.baskets, itemCount: data.items.count)
        #expect(try RuleMiner(minConfidence: 0.5).rules(from: loose).count == 7_436)
    }

    @Test("Groceries at 0.005 and 0.01: 120 and 15 rules, top {citrus fruit, root vegetables} ⇒ other vegetables")
    func groceriesCoarse() throws {
        guard let data = MiningTestData.groceries else { return }
        let miner = try RuleMiner(minConfidence: 0.5)
        let at5 = try FrequentItemsetMiner(minSupport: 0.005).mine(data.baskets, itemCount: data.items.count)
        #expect(miner.rules(from: at5).count == 120)
        let at10 = try FrequentItemsetMiner(minSupport: 0.01).mine(data.baskets, itemCount: data.items.count)
        let rules = miner.rules(from: at10).sortedByLift()
        #expect(rules.count == 15)
        let top = try #require(rules.first)
        #expect(Set(top.antecedent.map { data.items.key(at: $0) }) == ["citrus fruit", "root vegetables"])
        #expect(data.items.key(at: top.consequent) == "other vegetables")
        // supp 0.0104 ≈ 102/9835; conf 0.5862 = 102/174; lift 102·9835/(174·1903) = 3.0296.
        #expect(top.count == 102 && top.antecedentCount == 174)
        #expect((top.support * 1e4).rounded() == 104 && (top.confidence * 1e4).rounded() == 5_862 && (top.lift * 1e4).rounded() == 30_296)
    }

    @Test("Online Retail: 30 rules at 0.02 and 313 at 0.01, top by lift (README)")
    func onlineRetail() throws {
        guard let data = MiningTestData.onlineRetail else { return }
        let miner = try RuleMiner(minConfidence: 0.5)
        let key = { (s: String) in data.items.index(of: s)! }

        let at2 = miner.rules(from: try FrequentItemsetMiner(minSupport: 0.02).mine(data.baskets, itemCount: data.items.count)).sortedByLift()
        #expect(at2.count == 30)
        let top2 = try #require(at2.first)
        // conf 0.7209 = 390/541 (541 baskets hold 22697 and 22699, README's pair list).
        #expect(Set(top2.antecedent) == [key("22697"), key("22699")] && top2.consequent == key("22698"))
        #expect(top2.count == 390 && top2.antecedentCount == 541)
        #expect((top2.confidence * 1e4).rounded() == 7_209 && (top2.lift * 100).rounded() == 2_403)

        let at1 = miner.rules(from: try FrequentItemsetMiner(minSupport: 0.01).mine(data.baskets, itemCount: data.items.count)).sortedByLift()
        #expect(at1.count == 313)
        // Lift is symmetric for a pair, so 23171 ⇒ 23172 and 23172 ⇒ 23171 tie at the top; the README
        // names the first (mlxtend's order), our tie-break puts the more confident second one first.
        // conf 0.7481 = 202/270; lift 61.91 = 202·18536 / (270·224), so 224 baskets hold 23172.
        try #require(at1.count >= 2)
        let tied = at1.prefix(2).first { $0.antecedent == [key("23171")] }
        let top1 = try #require(tied)
        #expect(top1.consequent == key("23172"))
        #expect(top1.count == 202 && top1.antecedentCount == 270 && top1.consequentCount == 224)
        #expect((top1.confidence * 1e4).rounded() == 7_481 && (top1.lift * 100).rounded() == 6_191)
        #expect(at1[0].antecedent == [key("23172")] && at1[0].consequent == key("23171") && at1[0].antecedentCount == 224)
    }
}
