import Foundation

extension StoreSimulator {
    /// Every event of the run and the fraud ground truth, in one pass (for evaluations that hold
    /// the run in memory). With `configuration.fraud == .off` the truth is empty.
    ///
    /// ```swift
    /// var configuration = SimulationConfiguration.small
    /// configuration.days = 180
    /// configuration.fraud = .standard
    /// let (events, truth) = StoreSimulator(configuration: configuration).eventsAndFraudTruth()
    /// let fraudulent = Set(truth.filter(\.pattern.isFraud).map(\.orderID))   // orders/create ids
    /// let abusiveRefunds = Set(truth.compactMap(\.refundID))                 // refunds/create ids
    /// // what the shop knows at time t: records with labelledAt <= t
    /// ```
    public func eventsAndFraudTruth() -> (events: [SimulatedEvent], truth: [FraudRecord]) {
        var iterator = events().makeIterator()
        var all: [SimulatedEvent] = []
        while let event = iterator.next() { all.append(event) }
        return (all, iterator.fraudTruth)
    }

    /// The fraud ground truth alone: runs the whole stream without keeping it (memory stays flat).
    public func fraudTruth() -> [FraudRecord] {
        var iterator = events().makeIterator()
        while iterator.next() != nil {}
        return iterator.fraudTruth
    }
}

extension SimulatedEventSequence.Iterator {
    /// Ground truth of the fraud emitted so far, in the order it happened: one record per
    /// fraudulent order (refund abuse: per fraudulent refund) and per noisy label, with the label
    /// the shop will get and when (`labelledAt` may lie ahead of the current event). Complete once
    /// `next()` has returned nil.
    public var fraudTruth: [FraudRecord] { engine.fraud?.records ?? [] }
}
