import Testing
@testable import Recommendations

/// Expected numbers are worked out by hand in each test from the lists of `model()`:
/// a list's scores are divided by its top score, then × seed weight × signal weight
/// (bought together 1, also bought 0.6, complete the look 0.25, buy again 6, trending 0.002, popular 0.001).
@Suite("Recommender")
struct RecommenderTests {
    static let day: Int64 = 86_400
    static let now: Int64 = 1_700_000_000

    /// Item 0: bought together with 2 (4.0, 40×) and 3 (2.0, 20×); also bought 3 (0.5, 7) and 4 (0.25, 3).
    /// Item 1: bought together with 3 (10, 15×) and 5 (5, 9×); complete the look 6 (0.8, 2).
    static func model(itemCount: Int = 12, trending: [Neighbour] = [], popular: [Neighbour] = []) -> RecommendationModel {
        var bt = [[Neighbour]](repeating: [], count: itemCount)
        var ab = bt, ctl = bt
        bt[0] = [Neighbour(item: 2, score: 4, count: 40), Neighbour(item: 3, score: 2, count: 20)]
        ab[0] = [Neighbour(item: 3, score: 0.5, count: 7), Neighbour(item: 4, score: 0.25, count: 3)]
        bt[1] = [Neighbour(item: 3, score: 10, count: 15), Neighbour(item: 5, score: 5, count: 9)]
        ctl[1] = [Neighbour(item: 6, score: 0.8, count: 2)]
        return RecommendationModel(itemCount: itemCount, basketCount: 100, boughtTogether: bt, alsoBought: ab,
                                   completeTheLook: ctl, popular: popular, trending: trending)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    @Test("Two seeds blend: item 3 = 2/4 + 0.6·0.5/0.5 + 10/10 = 2.1; its reason is the largest part (bought together with 1, 15×)")
    func blendTwoSeeds() {
        let got = Recommender(model: Self.model()).candidates(for: .cart([0, 1]), limit: 10)
        #expect(got.map(\.item) == [3, 2, 5, 4, 6])
        let expected = [2.1, 1.0, 0.5, 0.3, 0.25]
        for (c, e) in zip(got, expected) { #expect(Self.close(c.score, e), "item \(c.item): \(c.score) vs \(e)") }
        #expect(got[0].reason == Reason(kind: .boughtTogether, count: 15, anchor: 1))
        #expect(got[1].reason == Reason(kind: .boughtTogether, count: 40, anchor: 0))
        #expect(got[3].reason == Reason(kind: .alsoBought, count: 3, anchor: 0))
        #expect(got[4].reason == Reason(kind: .completeTheLook, count: 2, anchor: 1))
    }

    @Test("Normalisation: multiplying a list's scores by 100 changes nothing")
    func normalisation() {
        var model = Self.model()
        model.boughtTogether[1] = model.boughtTogether[1].map { Neighbour(item: $0.item, score: $0.score * 100, count: $0.count) }
        let scaled = Recommender(model: model).candidates(for: .cart([0, 1]), limit: 10)
        let plain = Recommender(model: Self.model()).candidates(for: .cart([0, 1]), limit: 10)
        #expect(scaled.map(\.item) == plain.map(\.item))
        for (a, b) in zip(scaled, plain) { #expect(Self.close(a.score, b.score)) }
    }

    @Test("A viewed item weighs 0.5: item 2 = 0.5·4/4 = 0.5 (ties with 5 = 5/10), item 3 = 0.5·(2/4 + 0.6) + 1 = 1.55, item 4 = 0.5·0.3")
    func viewedWeight() {
        let got = Recommender(model: Self.model()).candidates(for: .cart([1], viewed: [0]), limit: 10)
        #expect(got.map(\.item) == [3, 2, 5, 6, 4])
        #expect(Self.close(got[0].score, 1.55))
        #expect(Self.close(got[1].score, 0.5))
        #expect(Self.close(got[4].score, 0.15))
    }

    @Test("Signal weights are applied: with bought together off, item 3 = 0.6 from also bought")
    func weights() {
        var weights = BlendWeights.standard
        weights[.boughtTogether] = 0
        let got = Recommender(model: Self.model(), weights: weights).candidates(for: .product(0), limit: 10)
        #expect(got.map(\.item) == [3, 4])
        #expect(Self.close(got[0].score, 0.6))
        #expect(got[0].reason == Reason(kind: .alsoBought, count: 7, anchor: 0))
    }

    @Test("Seeds are never candidates, even when another seed's list leads with them")
    func seedsExcluded() {
        var model = Self.model()
        model.boughtTogether[0].insert(Neighbour(item: 1, score: 8, count: 50), at: 0)
        model.popular = [Neighbour(item: 0, score: 9, count: 90), Neighbour(item: 1, score: 8, count: 80)]
        let got = Recommender(model: model).candidates(for: .cart([0, 1]), limit: 20)
        #expect(!got.contains { $0.item == 0 || $0.item == 1 })
        // With 8 now on top of item 0's list, item 2 = 4/8 = 0.5.
        #expect(Self.close(got.first { $0.item == 2 }!.score, 0.5))
    }

    @Test("Equal contributions: the earlier seed gives the reason; equal scores: lower item first")
    func ties() {
        var model = Self.model()
        model.boughtTogether[7] = [Neighbour(item: 9, score: 1, count: 11), Neighbour(item: 8, score: 1, count: 12)]
        model.boughtTogether[10] = [Neighbour(item: 9, score: 3, count: 33)]
        let got = Recommender(model: model).candidates(for: .cart([7, 10]), limit: 10)
        #expect(got.map(\.item) == [9, 8])
        #expect(got[0].reason == Reason(kind: .boughtTogether, count: 11, anchor: 7))
        #expect(Self.close(got[0].score, 2))
        // Alone, seed 7 gives 8 and 9 the same score 1: lower item first.
        #expect(Recommender(model: model).candidates(for: .product(7), limit: 10).map(\.item) == [8, 9])
    }

    @Test("History weight = 0.5^(age/90 days) × (1 − 0.5^orders)")
    func historyWeight() {
        let r = Recommender(model: Self.model())
        #expect(Self.close(r.historyWeight(PurchasedItem(item: 0, orders: 1, lastTime: Self.now - 90 * Self.day), now: Self.now), 0.25))
        #expect(Self.close(r.historyWeight(PurchasedItem(item: 0, orders: 2, lastTime: Self.now), now: Self.now), 0.75))
        #expect(Self.close(r.historyWeight(PurchasedItem(item: 0, orders: 3, lastTime: nil), now: Self.now), 0.875))
        #expect(Self.close(r.historyWeight(PurchasedItem(item: 0, orders: 1, lastTime: Self.now - 180 * Self.day), now: nil), 0.5))
    }

    @Test("History items steer by their weight: one order 90 days ago = 0.25 × the seed blend (buy again off)")
    func historyBlend() {
        let request = RecommendationRequest.customer(
            history: [PurchasedItem(item: 0, orders: 1, lastTime: Self.now - 90 * Self.day)], now: Self.now)
        var weights = BlendWeights.standard
        weights.buyAgain = 0
        let got = Recommender(model: Self.model(), weights: weights).candidates(for: request, limit: 10)
        #expect(got.map(\.item) == [3, 2, 4])
        #expect(Self.close(got[0].score, 0.25 * 1.1))
        #expect(Self.close(got[1].score, 0.25))
        #expect(Self.close(got[2].score, 0.075))
        #expect(got[1].reason == Reason(kind: .boughtTogether, count: 40, anchor: 0))
    }

    @Test("Buy again: 6 × orders × recency over the strongest: 4 orders now → 6, 2 orders 90 days ago and 1 now → 6·1/4")
    func buyAgain() {
        let request = RecommendationRequest.customer(history: [
            PurchasedItem(item: 9, orders: 1, lastTime: Self.now),
            PurchasedItem(item: 8, orders: 2, lastTime: Self.now - 90 * Self.day),
            PurchasedItem(item: 7, orders: 4, lastTime: Self.now),
        ], now: Self.now)
        var recommender = Recommender(model: Self.model())
        let got = recommender.candidates(for: request, limit: 10)
        #expect(got.map(\.item) == [7, 8, 9])
        #expect(Self.close(got[0].score, 6))
        #expect(Self.close(got[1].score, 1.5) && Self.close(got[2].score, 1.5))
        #expect(got[0].reason == Reason(kind: .buyAgain, count: 4))
        #expect(got[1].reason == Reason(kind: .buyAgain, count: 2))
        // From two orders on, the one-off 9 is not offered.
        recommender.buyAgainMinOrders = 2
        recommender.weights.buyAgain = 0.8
        let habits = recommender.candidates(for: request, limit: 10)
        #expect(habits.map(\.item) == [7, 8])
        #expect(Self.close(habits[1].score, 0.2))
    }

    @Test("Best-seller prior: popular items blend in at weight 1 of their normalised score")
    func popularityPrior() {
        let model = Self.model(
            trending: [Neighbour(item: 5, score: 30, count: 12), Neighbour(item: 7, score: 10, count: 4)],
            popular: [Neighbour(item: 1, score: 200, count: 900), Neighbour(item: 2, score: 100, count: 500),
                      Neighbour(item: 8, score: 50, count: 300), Neighbour(item: 9, score: 25, count: 100)])
        let got = Recommender(model: model).candidates(for: .product(1), limit: 6)
        // Seed 1: 3 = 10/10 = 1 (bought together), 5 = 5/10 = 0.5, 6 = 0.25 · 0.8/0.8 = 0.25 (complete
        // the look); prior (÷ 200): 2 = 0.5, 8 = 0.25, 9 = 0.125 (1, the seed, is left out). Ties go to
        // the lower item; trending 7 fills the last place.
        #expect(got.map(\.item) == [3, 2, 5, 6, 8, 9])
        let expected = [1.0, 0.5, 0.5, 0.25, 0.25, 0.125]
        for (c, e) in zip(got, expected) { #expect(Self.close(c.score, e), "item \(c.item): \(c.score) vs \(e)") }
        #expect(got[1].reason == Reason(kind: .popular, count: 500))
        #expect(got[4].reason == Reason(kind: .popular, count: 300))
    }

    @Test("Fill-up: trending then popular, skipping seeds and items present, scores strictly decreasing")
    func fallbackFill() {
        let model = Self.model(
            trending: [Neighbour(item: 5, score: 30, count: 12), Neighbour(item: 7, score: 10, count: 4)],
            popular: [Neighbour(item: 1, score: 200, count: 900), Neighbour(item: 2, score: 100, count: 500),
                      Neighbour(item: 8, score: 50, count: 300), Neighbour(item: 9, score: 25, count: 100)])
        // The fill-up alone: no best-seller prior in the blend.
        var recommender = Recommender(model: model)
        recommender.popularityPrior = 0
        let got = recommender.candidates(for: .product(1), limit: 6)
        #expect(got.map(\.item) == [3, 5, 6, 7, 2, 8])
        #expect(got.map(\.reason.kind) == [.boughtTogether, .boughtTogether, .completeTheLook, .trending, .popular, .popular])
        #expect(got[3].reason == Reason(kind: .trending, count: 4))
        #expect(got[4].reason == Reason(kind: .popular, count: 500))
        // 0.002 × 10/30, below the blended 0.25.
        #expect(Self.close(got[3].score, 0.002 / 3))
        #expect(zip(got, got.dropFirst()).allSatisfy { $0.score > $1.score })
    }

    @Test("Only fallbacks when the seed has no lists; a limit cuts the best first")
    func fallbackOnlyAndLimit() {
        let model = Self.model(popular: [Neighbour(item: 2, score: 100, count: 500), Neighbour(item: 8, score: 50, count: 300)])
        #expect(Recommender(model: model).candidates(for: .product(2), limit: 10).map(\.item) == [8])
        #expect(Recommender(model: model).candidates(for: .cart([0, 1]), limit: 2).map(\.item) == [3, 2])
        #expect(Recommender(model: model).candidates(for: .cart([0, 1]), limit: 0).isEmpty)
        #expect(Recommender(model: model).candidates(for: .product(99), limit: 3).map(\.item) == [2, 8])
    }

    @Test("Deterministic: the same request gives the same list, whatever the seed order of equal seeds")
    func determinism() {
        let r = Recommender(model: Self.model(popular: (0..<12).map { Neighbour(item: Int32($0), score: 1, count: 1) }))
        let a = r.candidates(for: .cart([0, 1]), limit: 11)
        #expect(a == r.candidates(for: .cart([0, 1]), limit: 11))
        #expect(a.map(\.item) == r.candidates(for: .cart([1, 0]), limit: 11).map(\.item))
    }

    @Test("recommendations asks for more candidates when the rules filter the first ones away")
    func recommendationsRefetch() {
        let popular = (1...20).map { Neighbour(item: Int32($0), score: Double(30 - $0), count: 30 - $0) }
        let model = RecommendationModel(itemCount: 21, basketCount: 0,
                                        boughtTogether: .init(repeating: [], count: 21), alsoBought: .init(repeating: [], count: 21),
                                        completeTheLook: .init(repeating: [], count: 21), popular: popular, trending: [])
        let rules = MerchantRules(available: (0...20).map { $0 >= 15 })
        let got = Recommender(model: model).recommendations(for: .product(0), rules: rules, limit: 3)
        #expect(got.map(\.item) == [15, 16, 17])
        #expect(got.map(\.position) == [1, 2, 3])
        // A seed that is pinned is still not shown.
        let pinned = Recommender(model: model).recommendations(for: .product(16), rules: MerchantRules(pinned: [16, 20]), limit: 2)
        #expect(pinned.map(\.item) == [20, 1])
    }
}
