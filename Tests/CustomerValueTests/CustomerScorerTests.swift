import CustomerValue
import Foundation
import Testing
import TestSupport

/// The scoring layer over the models: the combined fit reproduces the published CDNOW parameters,
/// the scores reproduce the published point values, and the fallbacks and errors behave.
@Suite struct CustomerScorerTests {
    /// CDNOW summaries in weeks (lifetimes' `load_cdnow_summary_data_with_monetary_value`).
    static func cdnow(_ data: LifetimesCDNOW) -> [CustomerSummary] {
        data.summaryWithSpend.enumerated().map { i, row in
            CustomerSummary(
                customerID: "\(i + 1)",
                summary: RFMSummary(frequency: row.frequency, recency: row.recency, age: row.age, monetary: row.frequency > 0 ? row.zbar : nil),
                firstDay: 0, holdoutFrequency: 0, holdoutDuration: 0, holdoutSpend: 0)
        }
    }

    /// §4.3: BG/NBD r=0.243, α=4.414, a=0.793, b=2.426, LL −9582.4; Gamma-Gamma p=6.25, q=3.74 (3.745
    /// re-fitted), v=15.44 (15.448 re-fitted) on the 946 repeaters.
    @Test func combinedFitMatchesThePublishedCDNOWParameters() throws {
        guard let data = LifetimesCDNOW.load() else { return }
        let model = try CustomerValueModel.fit(Self.cdnow(data), kind: .bgnbd, unitDays: 7, meanOrderValue: 1)
        guard case let .bgnbd(bg) = model.purchases else { Issue.record("expected BG/NBD"); return }
        #expect(abs(bg.r - 0.243) < 0.0015 && abs(bg.alpha - 4.414) < 0.0015)
        #expect(abs(bg.a - 0.793) < 0.0015 && abs(bg.b - 2.426) < 0.0015)
        #expect(abs(model.logLikelihood - (-9582.4)) < 0.05)
        let spend = try #require(model.spend)
        #expect(abs(spend.p - 6.249) < 0.0015 && abs(spend.q - 3.745) < 0.0015 && abs(spend.v - 15.448) < 0.0015)
        #expect(model.customers == 2357 && model.repeatBuyers == 946)
    }

    /// With the published parameters, a 39-week horizon gives FHL 2005's E[Y(39) | x=2, t_x=30.43,
    /// T=38.86] = 1.226, and P(alive) is the closed form [1 + a/(b+x−1)·((α+T)/(α+t_x))^{r+x}]⁻¹
    /// worked by hand: a/(b+1) = 0.793/3.426 = 0.231465; (43.274/34.844)^2.243 = 1.241935^2.243
    /// = e^{2.243·0.216671} = e^{0.485993} = 1.625800; 1/(1 + 0.376322) = 0.726574.
    @Test func scoresReproduceThePublishedPointValues() throws {
        let bg = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let model = CustomerValueModel(purchases: .bgnbd(bg), spend: nil, meanOrderValue: 50, unitDays: 7,
                                       logLikelihood: 0, customers: 1, repeatBuyers: 1)
        let customer = CustomerSummary(customerID: "c", summary: RFMSummary(frequency: 2, recency: 30.43, age: 38.86, monetary: 20),
                                       firstDay: 0, holdoutFrequency: 0, holdoutDuration: 0, holdoutSpend: 0)
        let score = try #require(try CustomerScorer(horizonDays: 39 * 7).score([customer], spend: [60], model: model).first)
        #expect(abs(score.expectedPurchases - 1.226) < 0.001)
        #expect(abs(score.probabilityAlive - 0.726574) < 1e-5)
        #expect(abs(score.churnRisk - 0.273426) < 1e-5)
        // Without a spend model every order is worth the base's mean order value.
        #expect(score.expectedOrderValue == 50)
    }

    /// CLV is the expected order value times the discounted expected purchases, month by month.
    @Test func lifetimeValueIsOrderValueTimesDiscountedPurchases() throws {
        guard let data = LifetimesCDNOW.load() else { return }
        let summaries = Self.cdnow(data)
        let model = try CustomerValueModel.fit(summaries, kind: .bgnbd, unitDays: 7, meanOrderValue: 1)
        let scores = try CustomerScorer(threads: 2).score(Array(summaries.prefix(50)), spend: Array(repeating: 1, count: 50), model: model)
        let clv = try LifetimeValue(months: 12, monthlyDiscountRate: 0.01, timeUnit: .week)
        for (s, score) in zip(summaries.prefix(50), scores) {
            let discounted = try clv.discountedPurchases(of: s.summary, purchases: model.purchases)
            #expect(abs(score.lifetimeValue - score.expectedOrderValue * discounted) < 1e-9)
        }
        // The first ten expected order values are the published Gamma-Gamma profits (§4.3).
        let expected = [24.66, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17]
        for (score, value) in zip(scores, expected) { #expect(abs(score.expectedOrderValue - value) < 0.006) }
    }

    /// Quintiles over the base: the most recent, most frequent, biggest spender is a champion
    /// (5, 5, 5); the one who bought once long ago and spent least is hibernating (1, 1, 1).
    @Test func rfmScoresRankTheBase() throws {
        let bg = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let model = CustomerValueModel(purchases: .bgnbd(bg), spend: nil, meanOrderValue: 10, unitDays: 1,
                                       logLikelihood: 0, customers: 5, repeatBuyers: 4)
        // Days since the last purchase = age − recency: 100, 60, 30, 10, 1; purchases = x + 1: 1, 2, 3, 4, 5.
        let rows: [(Double, Double, Double)] = [(0, 0, 100), (1, 40, 100), (2, 70, 100), (3, 90, 100), (4, 99, 100)]
        let summaries = rows.enumerated().map { i, r in
            CustomerSummary(customerID: "\(i)", summary: RFMSummary(frequency: r.0, recency: r.1, age: r.2, monetary: r.0 > 0 ? 10 : nil),
                            firstDay: 0, holdoutFrequency: 0, holdoutDuration: 0, holdoutSpend: 0)
        }
        let scores = try CustomerScorer().score(summaries, spend: [5, 20, 30, 40, 500], model: model)
        #expect(scores.map(\.rfm.code) == ["111", "222", "333", "444", "555"])
        #expect(scores.first?.rfm.segment == .hibernating)
        #expect(scores.last?.rfm.segment == .champion)
        #expect(scores.map(\.customerID) == ["0", "1", "2", "3", "4"])
    }

    @Test func fewRepeatBuyersFallBackToTheMeanOrderValue() throws {
        let summaries = (0..<30).map { i in
            CustomerSummary(customerID: "\(i)", summary: RFMSummary(frequency: i < 5 ? 1 : 0, recency: i < 5 ? 10 : 0, age: 50, monetary: i < 5 ? 30 : nil),
                            firstDay: 0, holdoutFrequency: 0, holdoutDuration: 0, holdoutSpend: 0)
        }
        let model = try CustomerValueModel.fit(summaries, kind: .bgnbd, unitDays: 1, meanOrderValue: 42)
        #expect(model.spend == nil)
        #expect(model.repeatBuyers == 5)
        #expect(model.expectedOrderValue(summaries[0].summary) == 42)
    }

    @Test func badArgumentsNameTheField() throws {
        let bg = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let model = CustomerValueModel(purchases: .bgnbd(bg), spend: nil, meanOrderValue: 10, unitDays: 3,
                                       logLikelihood: 0, customers: 1, repeatBuyers: 0)
        let one = [CustomerSummary(customerID: "c", summary: RFMSummary(frequency: 0, recency: 0, age: 5), firstDay: 0,
                                   holdoutFrequency: 0, holdoutDuration: 0, holdoutSpend: 0)]
        #expect(throws: CustomerValueError.invalidParameter(name: "unitDays", reason: "CLV needs days (1), weeks (7) or months (30), got 3.0")) {
            try CustomerScorer().score(one, spend: [1], model: model)
        }
        #expect(throws: CustomerValueError.invalidParameter(name: "spend", reason: "has 0 values for 1 customers")) {
            try CustomerScorer().score(one, spend: [], model: model)
        }
        #expect(throws: CustomerValueError.self) { try CustomerScorer(horizonDays: 0).score(one, spend: [1], model: model) }
    }

    @Test func fittedModelsRoundTripThroughTheirParameters() throws {
        let pareto = FittedPurchaseModel.paretonbd(try ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669))
        let stored = Dictionary(uniqueKeysWithValues: pareto.parameters.map { ($0.name, $0.value) })
        #expect(try FittedPurchaseModel(kind: .paretonbd, parameters: stored) == pareto)
        #expect(throws: CustomerValueError.invalidParameter(name: "b", reason: "missing from the BG/NBD parameters")) {
            try FittedPurchaseModel(kind: .bgnbd, parameters: ["r": 1, "alpha": 1, "a": 1])
        }
    }
}
