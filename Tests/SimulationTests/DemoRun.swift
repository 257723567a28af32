import Simulation

/// The demo preset, generated once for all tests that check its statistical shape.
enum DemoRun {
    static let simulator = StoreSimulator(configuration: .demo)
    static let statistics = StreamStatistics.gather(simulator)
}

/// The small preset, generated once for the integrity tests.
enum SmallRun {
    static let simulator = StoreSimulator(configuration: .small)
    static let statistics = StreamStatistics.gather(simulator)
}
