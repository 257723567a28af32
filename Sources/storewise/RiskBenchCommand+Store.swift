import Commerce
import Foundation
import Risk
import Simulation

extension RiskBenchCommand {
    /// What the store-simulator report measured.
    struct StoreReport {
        var orders: Int, testOrders: Int, testFrauds: Int
        var auc: Double, ap: Double
        var precisionHigh: Double, recallHigh: Double, flaggedHigh: Int
        var precisionMedium: Double, recallMedium: Double, flaggedMedium: Int
        /// Pattern → (frauds in the test period, flagged HIGH, flagged MEDIUM or HIGH).
        var byPattern: [(FraudPattern, Int, Int, Int)]
        var trainRows: Int, trainFrauds: Int, labelsNotYetKnown: Int
        /// Trees kept by the trainer's early stopping, and the holdout's labelled frauds that chose them.
        var rounds: Int, holdoutFrauds: Int
    }

    /// The simulated shop with fraud (`SimulationConfiguration.demo`, `FraudConfiguration.standard`)
    /// replayed the way serving sees it: each orders/create is featurised by `RiskFeatureState`
    /// from what was recorded before it, then recorded (refunds too). Labels are what the shop
    /// learns — fraud chargebacks (including friendly ones, label noise), fraud cancellations and
    /// audit tags — each known only from its delivery time. `RiskTrainer` trains as of the start
    /// of the last `testDays` with its label delay and holdout; the test period is scored with the
    /// model's assessments and judged against the simulator's ground truth.
    func storeReport(testDays: Int) throws -> StoreReport {
        var configuration = SimulationConfiguration.demo
        configuration.fraud = .standard
        let (events, truth) = StoreSimulator(configuration: configuration).eventsAndFraudTruth()
        // Order-level records: refund abuse's subject is the refund, not the sale.
        let orderRecords = truth.filter { $0.pattern != .refundAbuse }
        let known = Dictionary(orderRecords.compactMap { r in r.labelledAt.map { (r.orderID, $0) } }) { a, b in min(a, b) }
        let pattern = Dictionary(orderRecords.filter(\.pattern.isFraud).map { ($0.orderID, $0.pattern) }) { a, _ in a }

        var state = RiskFeatureState()
        var examples: [RiskExample] = []
        var ids: [Int64] = []
        for event in events {
            switch (event.topic, event.payload) {
            case (.ordersCreate, .order(let order)):
                guard !order.test else { continue }
                let labelKnownAt = known[order.id]
                examples.append(RiskExample(features: state.features(for: .order(order)), fraud: labelKnownAt != nil,
                                            at: order.processedAt ?? order.createdAt, labelKnownAt: labelKnownAt))
                ids.append(order.id)
                state.record(order)
            case (.refundsCreate, .refund(let refund)):
                state.record(refund)
            default:
                continue
            }
        }
        guard let last = examples.map(\.at).max() else { throw CLIError("the simulated shop has no orders") }
        let asOf = last.addingTimeInterval(-Double(testDays) * 86_400)
        let (model, evaluation) = try RiskTrainer.train(examples.filter { $0.at < asOf }, asOf: asOf)

        let test = examples.indices.filter { examples[$0].at >= asOf }
        let assessments = try model.assess(batch: test.map { examples[$0].features })
        let truthLabels = test.map { pattern[ids[$0]] != nil }
        // Ranking metrics on the classifier's raw score: calibration is monotone but isotonic
        // steps tie many orders, which would blur AUC and AP.
        let scores = try model.classifier.probabilities(rows: test.flatMap { examples[$0].features.values })
        func rate(_ flagged: [Bool]) -> (precision: Double, recall: Double, count: Int) {
            let hits = zip(flagged, truthLabels).count { $0 && $1 }
            let count = flagged.count { $0 }
            let frauds = truthLabels.count { $0 }
            return (count > 0 ? Double(hits) / Double(count) : .nan, frauds > 0 ? Double(hits) / Double(frauds) : .nan, count)
        }
        let high = assessments.map { $0.level >= .high }, medium = assessments.map { $0.level >= .medium }
        let h = rate(high), m = rate(medium)
        var byPattern: [(FraudPattern, Int, Int, Int)] = []
        for p in FraudPattern.allCases where p.isFraud && p != .refundAbuse {
            let rows = test.indices.filter { pattern[ids[test[$0]]] == p }
            byPattern.append((p, rows.count, rows.count { high[$0] }, rows.count { medium[$0] }))
        }
        return StoreReport(
            orders: examples.count, testOrders: test.count, testFrauds: truthLabels.count { $0 },
            auc: RiskMetrics.rocAUC(scores: scores, labels: truthLabels),
            ap: RiskMetrics.averagePrecision(scores: scores, labels: truthLabels),
            precisionHigh: h.precision, recallHigh: h.recall, flaggedHigh: h.count,
            precisionMedium: m.precision, recallMedium: m.recall, flaggedMedium: m.count,
            byPattern: byPattern, trainRows: evaluation.trainRows + evaluation.holdoutRows, trainFrauds: evaluation.frauds + evaluation.holdoutFrauds,
            labelsNotYetKnown: evaluation.labelsNotYetKnown, rounds: evaluation.rounds, holdoutFrauds: evaluation.holdoutFrauds)
    }

    func printStoreReport(_ r: StoreReport, testDays: Int) {
        print("")
        print("Store simulator (demo shop with fraud), last \(testDays) days scored by a model trained before them")
        print("orders \(r.orders); trained on \(r.trainRows) with \(r.trainFrauds) labelled frauds (\(r.labelsNotYetKnown) frauds not yet labelled); "
              + "test \(r.testOrders) orders, \(r.testFrauds) frauds (simulator truth)")
        print("RiskTrainer defaults (label delay \(Int(RiskTrainingOptions().labelDelay / 86_400)) d, holdout \(Int(RiskTrainingOptions().holdoutDays)) d, grown to \(RiskTrainingOptions().minimumHoldoutFrauds) frauds): \(r.rounds) trees kept, chosen on \(r.holdoutFrauds) holdout frauds")
        print("AUC \(Self.f3(r.auc))  AP \(Self.f3(r.ap))  (classifier score; levels add the rules)")
        print("HIGH (review capacity 1 %): \(r.flaggedHigh) flagged, precision \(Self.f3(r.precisionHigh)), recall \(Self.f3(r.recallHigh))")
        print("MEDIUM or HIGH (5 %): \(r.flaggedMedium) flagged, precision \(Self.f3(r.precisionMedium)), recall \(Self.f3(r.recallMedium))")
        print(Self.pad("pattern", 26) + Self.pad("frauds", 8) + Self.pad("HIGH", 8) + "MEDIUM+")
        for (p, n, hi, med) in r.byPattern {
            let recall = { (k: Int) in n > 0 ? Self.f3(Double(k) / Double(n)) : "–" }
            print(Self.pad(p.rawValue, 26) + Self.pad("\(n)", 8) + Self.pad(recall(hi), 8) + recall(med))
        }
    }
}
