import CustomerValue
import Foundation
import Testing
import TestSupport

/// Gamma-Gamma against the published CDNOW values (reference table §4.3: Fader & Hardie note 025,
/// lifetimes' test suite, and a scipy re-fit p=6.249, q=3.745, v=15.448, LL −4055.92).
@Suite struct GammaGammaModelTests {
    @Test func fitMatchesPublishedParametersOnCDNOWRepeaters() throws {
        guard let data = LifetimesCDNOW.load() else { return }
        let repeaters = data.summaryWithSpend.filter { $0.frequency > 0 }
        #expect(repeaters.count == 946)
        let fit = try GammaGammaModel.fit(frequency: repeaters.map(\.frequency), monetary: repeaters.map(\.zbar))
        #expect(abs(fit.model.p - 6.249) < 0.0015)
        #expect(abs(fit.model.q - 3.745) < 0.0015)
        #expect(abs(fit.model.v - 15.448) < 0.0015)
        #expect(abs(fit.logLikelihood - (-4055.92)) < 0.01)
        #expect(fit.converged)
    }

    @Test func summariesFitOnlyRepeaters() throws {
        guard let data = LifetimesCDNOW.load() else { return }
        let customers = data.summaryWithSpend.map { RFMSummary(frequency: $0.frequency, recency: $0.recency, age: $0.age, monetary: $0.zbar) }
        let fit = try GammaGammaModel.fit(customers)
        #expect(abs(fit.model.p - 6.249) < 0.0015)
        #expect(abs(fit.model.q - 3.745) < 0.0015)
        #expect(abs(fit.model.v - 15.448) < 0.0015)
    }

    /// The ten values printed in lifetimes' docs; customers 3, 4, 5, 8 and 10 have no repeat
    /// purchase and get the population mean p·v/(q − 1).
    @Test func conditionalExpectedAverageProfitOfTheFirstTenCustomers() throws {
        guard let data = LifetimesCDNOW.load() else { return }
        let repeaters = data.summaryWithSpend.filter { $0.frequency > 0 }
        let model = try GammaGammaModel.fit(frequency: repeaters.map(\.frequency), monetary: repeaters.map(\.zbar)).model
        let expected = [24.66, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17]
        for (row, value) in zip(data.summaryWithSpend.prefix(10), expected) {
            let profit = model.conditionalExpectedAverageProfit(frequency: row.frequency, monetary: row.zbar)
            #expect(abs(profit - value) < 0.005, "x=\(row.frequency) zbar=\(row.zbar): \(profit) vs \(value)")
        }
    }

    /// Hand check: p=2, q=3, v=10 gives a population mean 2·10/2 = 10 and, for x=1 and m̄=40, the
    /// weight 2/(2+2) = 0.5, so E[Z | x, m̄] = 0.5·10 + 0.5·40 = 25.
    @Test func posteriorMeanIsTheDocumentedWeightedAverage() throws {
        let model = try GammaGammaModel(p: 2, q: 3, v: 10)
        #expect(model.populationMeanProfit == 10)
        #expect(abs(model.conditionalExpectedAverageProfit(frequency: 1, monetary: 40) - 25) < 1e-12)
        #expect(model.conditionalExpectedAverageProfit(frequency: 0, monetary: 0) == 10)
    }

    /// A weight counts identical customers: weights 2 and 1 fit like the row written twice.
    /// An L2 penalty shrinks Σ params².
    @Test func weightsCountCustomersAndThePenaltyShrinks() throws {
        guard let data = LifetimesCDNOW.load() else { return }
        let rows = data.summaryWithSpend.filter { $0.frequency > 0 }.prefix(200)
        let x = rows.map(\.frequency), m = rows.map(\.zbar)
        let weights = (0..<x.count).map { $0 % 3 == 0 ? 2.0 : 1.0 }
        let weighted = try GammaGammaModel.fit(frequency: x, monetary: m, weights: weights)
        var xx: [Double] = [], mm: [Double] = []
        for i in 0..<x.count {
            for _ in 0..<Int(weights[i]) { xx.append(x[i]); mm.append(m[i]) }
        }
        let expanded = try GammaGammaModel.fit(frequency: xx, monetary: mm)
        #expect(abs(weighted.model.p - expanded.model.p) < 1e-4 * expanded.model.p)
        #expect(abs(weighted.model.q - expanded.model.q) < 1e-4 * expanded.model.q)
        #expect(abs(weighted.logLikelihood - expanded.logLikelihood) < 1e-6 * abs(expanded.logLikelihood))

        let plain = try GammaGammaModel.fit(frequency: x, monetary: m).model
        let penalized = try GammaGammaModel.fit(frequency: x, monetary: m, penalizer: 0.01).model
        let norm = { (g: GammaGammaModel) in g.p * g.p + g.q * g.q + g.v * g.v }
        #expect(norm(penalized) < norm(plain))
    }

    @Test func invalidInputsNameTheField() {
        #expect(throws: CustomerValueError.invalidParameter(name: "q", reason: "must be a finite number > 0, got -1.0")) {
            try GammaGammaModel(p: 1, q: -1, v: 1)
        }
        #expect(throws: CustomerValueError.emptyData) { try GammaGammaModel.fit(frequency: [], monetary: []) }
        #expect(throws: CustomerValueError.invalidInput(index: 1, field: "monetary", reason: "must be a finite number > 0, got 0.0")) {
            try GammaGammaModel.fit(frequency: [1, 2], monetary: [3, 0])
        }
    }
}
