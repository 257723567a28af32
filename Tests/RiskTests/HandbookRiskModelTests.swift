import Testing
import Risk
import Simulation

/// Storewise's model on the handbook's canonical protocol (fraud-simulator-spec.md §7): the
/// must-show targets, average precision ≥ 0.70 and card precision@100 ≥ 0.30 on the test week,
/// above every reported baseline (best AP 0.658 random forest, best CP@100 0.291 logistic
/// regression). The full dataset is simulated once (`HandbookDataset.canonical()`); features
/// take seconds and the depth-3 `hist` model trains in about two.
@Suite struct HandbookRiskModelTests {
    static let features: HandbookRiskFeatures = {
        let tx = HandbookDataset.canonical().transactions
        return try! HandbookRiskFeatures(
            seconds: tx.seconds.map(Int.init), customers: tx.customers.map(Int.init), terminals: tx.terminals.map(Int.init),
            amounts: tx.amounts, frauds: tx.fraud.map { $0 != 0 })
    }()

    @Test func baselineColumnsMatchTheSpecsFeatureRows() {
        // Spec §6 "Feature check values": the handbook's first test-set rows.
        let f = Self.features
        let rows: [(id: Int, avg7: Double, nb30: Double, avg30: Double, t1: Double, t7: Double, t30: Double, risk30: Double)] = [
            (1_236_698, 67.468529, 120, 64.611750, 2, 9, 31, 0.0),
            (1_236_699, 79.955455, 124, 85.365645, 2, 10, 23, 0.0),
            (1_236_701, 56.269167, 61, 49.095902, 1, 10, 26, 0.076923),
        ]
        for r in rows {
            #expect(abs(f.column(.customerMeanAmount7d)[r.id] - r.avg7) < 1e-5, "row \(r.id)")
            #expect(f.column(.customerTransactions30d)[r.id] == r.nb30, "row \(r.id)")
            #expect(abs(f.column(.customerMeanAmount30d)[r.id] - r.avg30) < 1e-5, "row \(r.id)")
            #expect(f.column(.terminalTransactions1d)[r.id] == r.t1, "row \(r.id)")
            #expect(f.column(.terminalTransactions7d)[r.id] == r.t7, "row \(r.id)")
            #expect(f.column(.terminalTransactions30d)[r.id] == r.t30, "row \(r.id)")
            #expect(abs(f.column(.terminalRisk30d)[r.id] - r.risk30) < 1e-6, "row \(r.id)")
        }
    }

    @Test func storewiseBeatsEveryBaselineOnTheTestWeek() throws {
        let split = HandbookProtocol.canonical.split(HandbookDataset.canonical())
        let model = try HandbookRiskModel.train(Self.features, rows: split.train, labels: split.trainLabels.map { $0 != 0 })
        let scores = try HandbookRiskModel.score(model, Self.features, rows: split.test)
        let labels = split.testLabels.map { $0 != 0 }
        let ap = RiskMetrics.averagePrecision(scores: scores, labels: labels)
        let cp = RiskMetrics.cardPrecisionAtK(k: 100, days: split.testDays, cards: split.testCustomers.map(Int64.init),
                                              scores: scores, labels: labels).mean
        let auc = RiskMetrics.rocAUC(scores: scores, labels: labels)
        print("handbook protocol, Storewise: AUC \(auc) AP \(ap) CP@100 \(cp)")
        // Targets of issue 10; the handbook's best baselines are AP 0.658 and CP@100 0.291.
        #expect(ap >= 0.70)
        #expect(cp >= 0.30)
        #expect(auc > 0.871)
    }
}
