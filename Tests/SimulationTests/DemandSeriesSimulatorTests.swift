import Simulation
import Testing

@Suite struct DemandSeriesSimulatorTests {
    @Test func seriesAreReproducibleCountsOfTheConfiguredLength() {
        let simulator = DemandSeriesSimulator(configuration: .demo)
        let a = simulator.series(42), b = DemandSeriesSimulator(configuration: .demo).series(42)
        #expect(a == b)
        #expect(a.count == SimulationConfiguration.demo.days)
        for i in 0..<50 {
            #expect(simulator.series(i).allSatisfy { $0 >= 0 && $0 == $0.rounded() })
        }
        #expect(simulator.series(1) != simulator.series(2))
    }

    /// The demo's weekday weights put Saturday above Monday for both channels' sum
    /// (online 0.88 + POS 1.45 against 1.12 + 0.75), so summed over many series Saturday sells more.
    @Test func followsTheWeekdayShape() {
        let simulator = DemandSeriesSimulator(configuration: .demo)
        var byWeekday = [Double](repeating: 0, count: 7)
        for i in 0..<400 {
            for (d, v) in simulator.series(i).enumerated() { byWeekday[d % 7] += v }
        }
        // 2023-07-01, the demo's first day, is a Saturday: phase 0 is Saturday, phase 2 Monday.
        #expect(byWeekday[0] > byWeekday[2])
    }
}
