import Testing
@testable import Recommendations

@Suite("Offline evaluation")
struct OfflineEvaluationTests {
    /// Items 0…4; customers 0 and 1; split at t = 100.
    func data() -> BasketData {
        var data = BasketData(items: ItemVocabulary(["a", "b", "c", "d", "e"]), customers: ItemVocabulary(["x", "y"]))
        data.baskets = [
            Basket(id: "1", customer: 0, time: 10, items: [0, 1]),
            Basket(id: "2", customer: 1, time: 20, items: [0, 1, 2]),
            Basket(id: "3", customer: 1, time: 30, items: [3]),
            Basket(id: "4", customer: 0, time: 100, items: [0, 2]),   // test: first basket of customer 0
            Basket(id: "5", customer: nil, time: 110, items: [4]),     // test, one item: no bought-together case
        ]
        return data
    }

    @Test("Split, catalogue and cases")
    func split() {
        let evaluation = OfflineEvaluation(data: data(), split: 100, k: 2)
        #expect(evaluation.train.map(\.id) == ["1", "2", "3"])
        #expect(evaluation.test.map(\.id) == ["4", "5"])
        #expect(evaluation.catalogue.counts == [2, 2, 1, 1, 0])
        #expect(evaluation.cases(.nextBasket).map(\.relevant) == [[0, 2]])
        let together = evaluation.cases(.boughtTogether)
        #expect(together.count == 1)
        #expect(together[0].request.seeds.count == 1)  // a cart of the one item left
    }

    @Test("Storewise rows come from the recommender's lists under the case's exclusions")
    func storewise() {
        let evaluation = OfflineEvaluation(data: data(), split: 100, k: 1)
        // A hand-made model: bought together with 0 → 3 (best), then 2; with 2 → 0.
        var lists = [[Neighbour]](repeating: [], count: 5)
        lists[0] = [Neighbour(item: 3, score: 2, count: 4), Neighbour(item: 2, score: 1, count: 2)]
        lists[2] = [Neighbour(item: 0, score: 1, count: 2)]
        let empty = [[Neighbour]](repeating: [], count: 5)
        let model = RecommendationModel(itemCount: 5, basketCount: 3, boughtTogether: lists, alsoBought: empty,
                                        completeTheLook: empty, popular: [], trending: [])
        // The cart [0] asks for 2 (hidden) or the cart [2] asks for 0 (hidden), by the seeded draw.
        let cases = [EvaluationCase(seeds: [0], excluded: [0], relevant: [2]), EvaluationCase(seeds: [2], excluded: [2], relevant: [0])]
        let r = evaluation.evaluate("Storewise", Recommender(model: model), cases)
        // Case 1 shows [3]: miss at k = 1. Case 2 shows [0]: hit.
        #expect(r.mean.hit == 0.5)
        #expect(r.violations == 0)
        #expect(r.shown == 2)
        #expect(r.coverage == 0.5)  // {3, 0} of the 4 items sold in training
    }
}
