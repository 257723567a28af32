import Foundation
import Testing
import TestSupport
@testable import Recommendations

/// Does implicit ALS earn its place? Online Retail, the quality test's split and exclusions:
/// (1) Storewise as is, (2) Storewise with `alsoBought` from ALS item neighbours, (3) ALS alone
/// (user-factor scoring, next basket). 6 iterations keep the test short; set `STOREWISE_ALS_GRID=1` to try the other settings too.
@Suite("Online Retail ALS")
struct OnlineRetailALSTests {
    struct Setting { var factors: Int; var lambda: Float; var alpha: Float }

    @Test("ALS beats popularity on next basket; every variant respects the exclusions")
    func compare() throws {
        guard let evaluation = try OnlineRetailQualityTests.evaluation() else { return }
        let configuration = RecommendationConfiguration()
        let base = evaluation.trainModel(configuration)
        let customers = Int(evaluation.train.compactMap(\.customer).max() ?? -1) + 1
        let itemCount = evaluation.catalogue.counts.count
        let m = ImplicitInteractions(baskets: evaluation.train, customers: customers, items: itemCount)
        let counts = evaluation.catalogue.counts
        var settings = [Setting(factors: 32, lambda: 0.1, alpha: 10)]
        let grid = ProcessInfo.processInfo.environment["STOREWISE_ALS_GRID"] != nil
        if grid {
            settings += [Setting(factors: 64, lambda: 0.1, alpha: 10), Setting(factors: 32, lambda: 1, alpha: 40),
                         Setting(factors: 64, lambda: 1, alpha: 40)]
        }
        let nextCases = evaluation.cases(.nextBasket), togetherCases = evaluation.cases(.boughtTogether)
        func line(_ task: String, _ e: ModelEvaluation) {
            print("ALS \(task) \(e.model): HR@10 \(e.mean.hit) NDCG@10 \(e.mean.ndcg) coverage \(e.coverage) violations \(e.violations)")
        }
        let popularNext = evaluation.baselines(nextCases)[0]
        line("nextBasket", popularNext)
        line("boughtTogether", evaluation.baselines(togetherCases)[0])
        line("nextBasket", evaluation.evaluate("Storewise", Recommender(model: base), nextCases))
        line("boughtTogether", evaluation.evaluate("Storewise", Recommender(model: base), togetherCases))
        for s in settings {
            let clock = ContinuousClock(), start = clock.now
            let als = ImplicitALS.fit(interactions: m, factors: s.factors, regularization: s.lambda, alpha: s.alpha,
                                      iterations: grid ? 10 : 6, seed: 42, threads: 2)
            let fit = clock.now - start
            var model = base
            model.alsoBought = als.itemNeighbours(k: configuration.neighbours, eligible: { counts[Int($0)] > 0 })
            let neighbourTime = clock.now - start - fit
            let name = "f\(s.factors) λ\(s.lambda) α\(s.alpha)"
            print("ALS \(name): \(m.users) users × \(m.items) items, \(m.values.count) nonzeros; fit \(fit), neighbours \(neighbourTime)")
            let swapped = Recommender(model: model)
            let together = evaluation.evaluate("Storewise+ALS \(name)", swapped, togetherCases)
            let next = evaluation.evaluate("Storewise+ALS \(name)", swapped, nextCases)
            let alone = evaluation.evaluator.evaluate("ALS alone \(name)", nextCases) { c in
                guard let u = c.customer, Int(u) < als.users else { return [] }
                return als.recommend(user: Int(u), limit: evaluation.k, excluded: Set(c.excluded), allowed: { counts[Int($0)] > 0 })
            }
            line("boughtTogether", together); line("nextBasket", next); line("nextBasket", alone)
            #expect(together.violations == 0 && next.violations == 0 && alone.violations == 0)
            #expect(alone.mean.hit > popularNext.mean.hit, "a personalised factor model should beat the same list for all")
        }
    }
}
