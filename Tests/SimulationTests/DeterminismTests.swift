import Commerce
import Foundation
import Simulation
import Testing

@Suite("Determinism")
struct DeterminismTests {
    @Test("the same seed gives the same events, webhook ids included")
    func sameSeedSameStream() {
        let first = Array(StoreSimulator(configuration: .small).events())
        let second = Array(StoreSimulator(configuration: .small).events())
        #expect(first.count > 500)
        #expect(first == second)
    }

    @Test("iterating one simulator twice replays the stream")
    func sequenceIsReplayable() {
        let events = StoreSimulator(configuration: .small).events()
        #expect(Array(events.prefix(2_000)) == Array(events.prefix(2_000)))
    }

    @Test("a different seed gives a different store and different orders")
    func differentSeedDifferentStream() {
        var other = SimulationConfiguration.small
        other.seed += 1
        let a = StoreSimulator(configuration: .small)
        let b = StoreSimulator(configuration: other)
        #expect(a.catalog.map(\.variantID) != b.catalog.map(\.variantID))
        let ordersA = a.events().filter { $0.topic == .ordersCreate }.prefix(50).map(\.payload)
        let ordersB = b.events().filter { $0.topic == .ordersCreate }.prefix(50).map(\.payload)
        #expect(ordersA != ordersB)
    }

    @Test("webhook ids are unique and UUID-shaped")
    func webhookIDs() {
        let statistics = SmallRun.statistics
        #expect(statistics.malformedWebhookIDs == 0)
        #expect(statistics.webhookIDs.count == statistics.events)
    }
}
