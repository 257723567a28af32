/// The store's webhook stream in time order, generated day by day as it is iterated.
///
/// Each iteration starts over from the seed and yields the same events; memory stays bounded by
/// the store's size (customers, variants × locations), not by how many orders it has produced.
///
/// ```swift
/// for event in StoreSimulator(configuration: .small).events() where event.topic == .ordersCreate {
///     print(event.occurredAt, event.webhookID)
/// }
/// ```
public struct SimulatedEventSequence: Sequence, Sendable {
    let world: StoreWorld

    public func makeIterator() -> Iterator { Iterator(engine: SimulationEngine(world: world)) }

    /// A single pass over the stream. Copies of an iterator share its position.
    public struct Iterator: IteratorProtocol {
        let engine: SimulationEngine

        public mutating func next() -> SimulatedEvent? { engine.next() }
    }
}
