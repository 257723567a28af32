@testable import Simulation
import Testing

/// The train/delay/test protocol (`fraud-simulator-spec.md` §7) on the canonical dataset.
@Suite("Handbook protocol")
struct HandbookProtocolTests {
    @Test("must-show: train and test sizes within 2 % of the protocol's")
    func tolerances() {
        let split = HandbookSplit.canonical()
        #expect(abs(Double(split.train.count - 67_240)) <= 0.02 * 67_240)
        #expect(abs(Double(split.test.count - 58_264)) <= 0.02 * 58_264)
    }

    @Test("exact: train 67,240 / 598 frauds, test 58,264 / 385 frauds")
    func exact() {
        let split = HandbookSplit.canonical()
        #expect(split.train.count == 67_240)
        #expect(split.trainLabels.reduce(0, +) == 598)
        #expect(split.test.count == 58_264)
        #expect(split.testLabels.reduce(0, +) == 385)
    }

    @Test("periods, order and the known-card removal")
    func structure() {
        let data = HandbookDataset.canonical(), split = HandbookSplit.canonical()
        #expect(split.trainDays.allSatisfy { (115...121).contains($0) })
        #expect(split.testDays.allSatisfy { (129...135).contains($0) })
        #expect(Set(split.testDays) == Set(129...135))
        #expect(zip(split.test, split.test.dropFirst()).allSatisfy { $0 < $1 })
        // No test card had a fraud in the training week.
        let trainFraudCards = Set(zip(split.trainCustomers, split.trainLabels).filter { $0.1 == 1 }.map(\.0))
        #expect(trainFraudCards.isDisjoint(with: split.testCustomers))
        // On test day 129 + k, no card had a fraud on days 121 … 121 + k (the off-by-one the sizes depend on).
        let t = data.transactions
        var fraudCardsByDay = [Int: Set<Int32>]()
        for row in 0..<t.count where t.fraud[row] == 1 && (121...127).contains(t.days[row]) {
            fraudCardsByDay[Int(t.days[row]), default: []].insert(t.customers[row])
        }
        var known = Set<Int32>()
        for k in 0..<7 {
            known.formUnion(fraudCardsByDay[121 + k] ?? [])
            let cards = zip(split.testCustomers, split.testDays).filter { $0.1 == 129 + k }.map { Int32($0.0) }
            #expect(known.isDisjoint(with: cards), "test day \(129 + k)")
        }
        // Day 128's frauds are not yet known on day 135: without the off-by-one the test set would be smaller.
        let late = Set((0..<t.count).filter { t.fraud[$0] == 1 && t.days[$0] == 128 }.map { t.customers[$0] })
        #expect(!late.isDisjoint(with: zip(split.testCustomers, split.testDays).filter { $0.1 == 135 }.map { Int32($0.0) }))
    }
}
