import Foundation
@testable import Simulation
import Testing

/// The canonical handbook dataset against the published statistics (`fraud-simulator-spec.md` §4–§5).
///
/// The dataset is generated once per test process (`HandbookDataset.canonical()`).
@Suite("Handbook simulator")
struct HandbookSimulatorTests {
    static let published = 1_754_155
    static let publishedFrauds = 14_681

    var data: HandbookDataset { HandbookDataset.canonical() }

    /// Expected (id, seconds, customer, terminal, amount); seconds from the printed clock times.
    func expectRow(_ id: Int, _ seconds: Int, _ customer: Int, _ terminal: Int, _ amount: Double) {
        let t = data.transactions
        #expect(Int(t.seconds[id]) == seconds, "row \(id) TX_TIME_SECONDS")
        #expect(Int(t.days[id]) == seconds / 86_400, "row \(id) TX_TIME_DAYS")
        #expect(Int(t.customers[id]) == customer, "row \(id) CUSTOMER_ID")
        #expect(Int(t.terminals[id]) == terminal, "row \(id) TERMINAL_ID")
        #expect(abs(t.amounts[id] - amount) < 1e-9, "row \(id) TX_AMOUNT \(t.amounts[id])")
    }

    @Test("must-show: sizes and fraud counts within tolerance of the handbook")
    func tolerances() {
        let t = data.transactions
        #expect(abs(Double(t.count - Self.published)) <= 0.01 * Double(Self.published))
        let frauds = t.fraud.reduce(0) { $0 + Int($1) }
        #expect(abs(Double(frauds - Self.publishedFrauds)) <= 0.05 * Double(Self.publishedFrauds))
        var perScenario = [0, 0, 0, 0]
        for s in t.scenarios { perScenario[Int(s)] += 1 }
        for (scenario, expected) in [(1, 973), (2, 9_077), (3, 4_631)] {
            #expect(abs(Double(perScenario[scenario] - expected)) <= 0.05 * Double(expected), "scenario \(scenario)")
        }
    }

    @Test("exact: 1,754,155 transactions, 14,681 frauds, increments and final scenario counts")
    func exactCounts() {
        let t = data.transactions
        #expect(t.count == Self.published)
        #expect(t.fraud.reduce(0) { $0 + Int($1) } == Self.publishedFrauds)
        #expect(data.scenarioIncrements == [978, 9_099, 4_604])
        var perScenario = [0, 0, 0, 0]
        for s in t.scenarios { perScenario[Int(s)] += 1 }
        #expect(Array(perScenario.dropFirst()) == [973, 9_077, 4_631])
        // 3,258 rows exceed 220 after scenario 3, but only the pre-inflation ones are scenario 1.
        #expect(t.amounts.reduce(0) { $0 + ($1 > 220 ? 1 : 0) } == 3_258)
    }

    @Test("exact: the printed first five rows and last row")
    func printedRows() {
        expectRow(0, 31, 596, 3156, 57.16)          // 00:00:31
        expectRow(1, 130, 4961, 3412, 81.51)        // 00:02:10
        expectRow(2, 476, 2, 1365, 146.00)          // 00:07:56
        expectRow(3, 569, 4128, 8737, 64.49)        // 00:09:29
        expectRow(4, 634, 927, 9906, 50.99)         // 00:10:34
        expectRow(1_754_154, 182 * 86_400 + 86_397, 3542, 9849, 23.59)  // 2018-09-30 23:59:57
    }

    @Test("exact: customer 0's first transactions")
    func customerZero() {
        let t = data.transactions
        let first = Array((0..<t.count).lazy.filter { t.customers[$0] == 0 }.prefix(5))
        #expect(first == [1758, 8275, 8640, 12169, 15764])
        expectRow(1758, 26_345, 0, 6076, 123.59)          // 07:19:05
        expectRow(8275, 64_816, 0, 858, 77.34)            // 18:00:16
        expectRow(8640, 68_522, 0, 6698, 46.51)           // 19:02:02
        expectRow(12169, 86_400 + 31_866, 0, 6569, 54.72)  // 04-02 08:51:06
        expectRow(15764, 86_400 + 50_738, 0, 7707, 63.30)  // 04-02 14:05:38
    }

    @Test("exact: profiles and the 2018-07-25..08-14 slice")
    func extras() {
        let meanTerminals = Double(data.customers.reduce(0) { $0 + $1.availableTerminals.count }) / Double(data.customers.count)
        #expect(abs(meanTerminals - 75.2) < 0.05)
        #expect(data.customers.allSatisfy { !$0.availableTerminals.isEmpty })
        let t = data.transactions
        #expect(Set(t.customers).count == 4_990)
        #expect(Set(t.terminals).count == 10_000)
        var slice = 0, sliceFrauds = 0
        for row in 0..<t.count where (115...135).contains(t.days[row]) {
            slice += 1
            sliceFrauds += Int(t.fraud[row])
        }
        #expect(slice == 201_295)
        #expect(sliceFrauds == 1_792)
        // Stable time order.
        #expect(zip(t.seconds, t.seconds.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("a small run is deterministic and obeys the scenario rules")
    func smallRun() {
        let parameters = HandbookParameters(customers: 200, terminals: 400, days: 40)
        let a = HandbookSimulator(parameters: parameters).run(), b = HandbookSimulator(parameters: parameters).run()
        #expect(a.transactions.amounts == b.transactions.amounts)
        #expect(a.transactions.fraud == b.transactions.fraud)
        let t = a.transactions
        let rows = 0..<t.count
        #expect(t.count > 10_000)
        #expect(rows.allSatisfy { t.seconds[$0] % 86_400 > 0 && t.days[$0] == t.seconds[$0] / 86_400 })
        #expect(rows.allSatisfy { t.scenarios[$0] != 1 || t.amounts[$0] > 220 })
        #expect(rows.allSatisfy { (t.fraud[$0] == 1) == (t.scenarios[$0] != 0) })
    }
}
