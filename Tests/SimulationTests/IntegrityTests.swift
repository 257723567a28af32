import Commerce
import Foundation
import Simulation
import Testing

/// Referential integrity and bookkeeping, on the small preset and on the two-year demo.
@Suite("Integrity")
struct IntegrityTests {
    static let runs: [String] = ["small", "demo"]

    static func statistics(_ name: String) -> StreamStatistics {
        name == "small" ? SmallRun.statistics : DemoRun.statistics
    }

    @Test("events come in time order", arguments: runs)
    func timeOrder(_ run: String) {
        #expect(Self.statistics(run).outOfOrder == 0)
    }

    @Test("the catalog and locations come first", arguments: runs)
    func catalogFirst(_ run: String) {
        let simulator = run == "small" ? SmallRun.simulator : DemoRun.simulator
        let head = Array(simulator.events().prefix(simulator.locations.count + simulator.products.count))
        #expect(head.prefix(simulator.locations.count).allSatisfy { $0.topic == .locationsCreate })
        #expect(head.dropFirst(simulator.locations.count).allSatisfy { $0.topic == .productsCreate })
    }

    @Test("orders name known variants, POS orders a POS location, online orders none", arguments: runs)
    func orderReferences(_ run: String) {
        let s = Self.statistics(run)
        #expect(s.orders > 0)
        #expect(s.unknownVariants == 0)
        #expect(s.badPOSOrders == 0)
        #expect(s.badWebOrders == 0)
        #expect(s.posOrders > 0 && s.webOrders > 0)
        #expect(s.ordersOfUnknownCustomers == 0)
        #expect(s.duplicateOrderIDs == 0)
    }

    @Test("ids are 13 digits and unique per kind", arguments: runs)
    func ids(_ run: String) {
        let s = Self.statistics(run)
        #expect(s.idsNot13Digits == 0)
        #expect(s.orderIDs.count == s.orders)
        #expect(s.customersCreated.count == s.topicCounts["customers/create"])
    }

    @Test("order totals add up: subtotal = Σ quantity × price − discounts; total ≥ subtotal + tax", arguments: runs)
    func totals(_ run: String) {
        #expect(Self.statistics(run).inconsistentTotals == 0)
    }

    @Test("refunds follow their order, carry a reason and never exceed what was bought", arguments: runs)
    func refunds(_ run: String) {
        let s = Self.statistics(run)
        #expect(s.refunds > 0)
        #expect(s.refundsOfUnknownOrders == 0)
        #expect(s.refundsNotLater == 0)
        #expect(s.overRefundedLines == 0)
        #expect(s.emptyRefundNotes == 0)
    }

    @Test("updates and cancellations come later than the order", arguments: runs)
    func updates(_ run: String) {
        let s = Self.statistics(run)
        #expect(s.updates > 0)
        #expect(s.cancellations > 0)
        #expect(s.updatesNotLater == 0)
    }

    @Test("no sale at a location while its stock is 0; stock events agree with the replay", arguments: runs)
    func stockReplay(_ run: String) {
        let s = Self.statistics(run)
        #expect(s.salesOnUnknownCells == 0)
        #expect(s.salesAtZeroStock == 0)
        #expect(s.levelsBelowReplay == 0)
        #expect(s.zeroLevelEvents > 0, "stockouts occur")
    }
}
