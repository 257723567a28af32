import Testing
@testable import Recommendations

/// Candidates 1…6 with scores 1.0, 0.9, 0.8, 0.7, 0.6, 0.5; expected lists worked out by hand per rule.
@Suite("Ranker")
struct RankerTests {
    static let candidates: [Candidate] = zip(1...6, [1.0, 0.9, 0.8, 0.7, 0.6, 0.5]).map {
        Candidate(item: Int32($0), score: $1, reason: Reason(kind: .boughtTogether, count: $0, anchor: 0))
    }

    static func items(_ rules: MerchantRules, limit: Int = 10, _ candidates: [Candidate] = candidates) -> [Int32] {
        Ranker.rank(candidates, rules: rules, limit: limit).map(\.item)
    }

    @Test("No rules: score order, positions 1…n, reasons kept, limit respected")
    func noRules() {
        let got = Ranker.rank(Self.candidates, rules: .none, limit: 4)
        #expect(got.map(\.item) == [1, 2, 3, 4])
        #expect(got.map(\.position) == [1, 2, 3, 4])
        #expect(got[2].reason == Reason(kind: .boughtTogether, count: 3, anchor: 0))
        #expect(got[0].score == 1.0)
        #expect(Ranker.rank(Self.candidates, rules: .none, limit: 0).isEmpty)
        // Input order does not matter; a repeated item shows once.
        #expect(Self.items(.none, Self.candidates.reversed() + [Self.candidates[0]]) == [1, 2, 3, 4, 5, 6])
    }

    @Test("Out of stock never shown, pins included; items past the stock array count as out of stock")
    func stock() {
        var available = [Bool](repeating: true, count: 6)   // items 0…5; item 6 is past the end
        available[2] = false
        available[4] = false
        #expect(Self.items(MerchantRules(pinned: [4, 5], available: available)) == [5, 1, 3])
    }

    @Test("Blocked never shown, pins included")
    func blocked() {
        #expect(Self.items(MerchantRules(blocked: [1, 3], pinned: [3])) == [2, 4, 5, 6])
    }

    @Test("Pins first in the merchant's order with reason pinned, even items no signal proposed; then the rest")
    func pins() {
        let got = Ranker.rank(Self.candidates, rules: MerchantRules(pinned: [5, 9, 2, 5]), limit: 5)
        #expect(got.map(\.item) == [5, 9, 2, 1, 3])
        #expect(got.prefix(3).allSatisfy { $0.reason == Reason(kind: .pinned, count: 0) })
        #expect(got[0].score == 0.6 && got[1].score == 0)
        #expect(got.map(\.position) == [1, 2, 3, 4, 5])
        // Pins alone can fill the list.
        #expect(Self.items(MerchantRules(pinned: [6, 5, 4]), limit: 2) == [6, 5])
    }

    @Test("Purchased items: kept by default, left out (pins included) when excludePurchased")
    func purchased() {
        #expect(Self.items(MerchantRules(purchased: [1, 2])) == [1, 2, 3, 4, 5, 6])
        #expect(Self.items(MerchantRules(pinned: [2], purchased: [1, 2], excludePurchased: true)) == [3, 4, 5, 6])
    }

    @Test("Excluded (the seeds) never shown, pins included")
    func excluded() {
        #expect(Self.items(MerchantRules(pinned: [1], excluded: [1, 4])) == [2, 3, 5, 6])
    }

    @Test("Margin boost: 0.9 × (1 + 0.25 × 0.5) = 1.0125 passes 1.0; 0.9 × (1 + 0.25 × 0.4) = 0.99 does not; NaN no boost")
    func marginBoost() {
        var margin = [Float](repeating: .nan, count: 7)
        margin[1] = 0
        margin[2] = 0.5
        let got = Ranker.rank(Self.candidates, rules: MerchantRules(margin: margin, marginBoost: 0.25), limit: 3)
        #expect(got.map(\.item) == [2, 1, 3])
        #expect(abs(got[0].score - 1.0125) < 1e-12)
        #expect(abs(got[2].score - 0.8) < 1e-12)
        margin[2] = 0.4
        #expect(Self.items(MerchantRules(margin: margin, marginBoost: 0.25), limit: 3) == [1, 2, 3])
        // Boost 0 is off; margins are clamped to 0…1 (item 5: 3 → 1, 0.6 × 2 = 1.2, below item 2's 0.9 × 1.4 = 1.26).
        margin[5] = 3
        #expect(Self.items(MerchantRules(margin: margin, marginBoost: 0), limit: 2) == [1, 2])
        #expect(Self.items(MerchantRules(margin: margin, marginBoost: 1), limit: 3) == [2, 5, 1])
    }

    /// Groups: items 1, 2, 3 → group 0; 4, 5 → group 1; 6 → group 2; item 0 ungrouped (-1).
    static let groups: [Int32] = [-1, 0, 0, 0, 1, 1, 2]

    @Test("Diversity: at most N per group, then the best skipped fill the end")
    func diversity() {
        #expect(Self.items(MerchantRules(groups: Self.groups, maxPerGroup: 1), limit: 3) == [1, 4, 6])
        #expect(Self.items(MerchantRules(groups: Self.groups, maxPerGroup: 1), limit: 5) == [1, 4, 6, 2, 3])
        #expect(Self.items(MerchantRules(groups: Self.groups, maxPerGroup: 2), limit: 4) == [1, 2, 4, 5])
        #expect(Self.items(MerchantRules(groups: Self.groups, maxPerGroup: 0), limit: 3) == [1, 2, 3])
        // Ungrouped items are never capped.
        let ungrouped = Self.candidates + [Candidate(item: 0, score: 0.95, reason: Reason(kind: .alsoBought, count: 1))]
        #expect(Self.items(MerchantRules(groups: Self.groups, maxPerGroup: 1), limit: 4, ungrouped) == [1, 0, 4, 6])
    }

    @Test("Pins count towards their group's cap")
    func pinsCountInGroups() {
        #expect(Self.items(MerchantRules(pinned: [3], groups: Self.groups, maxPerGroup: 1), limit: 3) == [3, 4, 6])
    }

    @Test("Rules combine: stock, block, purchased, boost and diversity together")
    func combined() {
        var margin = [Float](repeating: 0, count: 7)
        margin[5] = 1   // 0.6 × 2 = 1.2 passes item 2 (0.9)
        let rules = MerchantRules(blocked: [1], pinned: [6], available: [true, true, true, true, false, true, true],
                                  purchased: [3], excludePurchased: true, margin: margin, marginBoost: 1,
                                  groups: Self.groups, maxPerGroup: 1)
        let got = Ranker.rank(Self.candidates, rules: rules, limit: 10)
        #expect(got.map(\.item) == [6, 5, 2])
        #expect(got[0].reason.kind == .pinned && got[1].reason.kind == .boughtTogether)
        #expect(got[1].score == 1.2)
    }
}
