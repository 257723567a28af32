import Commerce
import Foundation
import Simulation

/// Everything the tests check about one event stream, gathered in a single pass so that even the
/// two-year demo is read once and never held in memory.
struct StreamStatistics {
    struct PairKey: Hashable { var a: Int64; var b: Int64 }
    struct CellKey: Hashable { var item: Int64; var location: Int64 }

    var events = 0
    var topicCounts: [String: Int] = [:]
    var outOfOrder = 0
    var webhookIDs = Set<String>()
    var malformedWebhookIDs = 0
    var idsNot13Digits = 0

    // Orders.
    var orders = 0
    var posOrders = 0
    var webOrders = 0
    var guestOrders = 0
    var giftCardLines = 0
    var discountedOrders = 0
    var foreignPresentment = 0
    var orderIDs = Set<Int64>()
    var duplicateOrderIDs = 0
    var lineItemIDs = Set<Int64>()
    var unknownVariants = 0
    var badPOSOrders = 0
    var badWebOrders = 0
    var inconsistentTotals = 0
    var orderCreatedAt: [Int64: Date] = [:]
    var boughtQuantity: [Int64: Int] = [:]  // by line item id
    var ordersPerCustomer: [Int64: Int] = [:]
    var customersCreated = Set<Int64>()
    var ordersOfUnknownCustomers = 0
    /// Revenue (subtotal after discounts, minor units) by shop-local "yyyy-MM".
    var revenueByMonth: [String: Int64] = [:]
    /// Orders by shop-local day number, per channel.
    var posOrdersByDay: [Int: Int] = [:]
    var webOrdersByDay: [Int: Int] = [:]
    var weekdayOfDay: [Int: Int] = [:]
    /// Basket structure at product level (merchandise only).
    var basketsWithMerchandise = 0
    var productOrders: [Int64: Int] = [:]
    var pairOrders: [PairKey: Int] = [:]
    /// Days with a sale per variant, across all locations.
    var demandDays: [Int64: Set<Int>] = [:]

    // Follow-ups.
    var updates = 0
    var updatesNotLater = 0
    var cancellations = 0
    var refunds = 0
    var refundsOfUnknownOrders = 0
    var refundsNotLater = 0
    var overRefundedLines = 0
    var emptyRefundNotes = 0
    var partialRefunds = 0
    var refundedQuantity: [Int64: Int] = [:]

    // Stock, replayed from the stream.
    var level: [CellKey: Int] = [:]
    var salesAtZeroStock = 0
    var salesOnUnknownCells = 0
    var levelsBelowReplay = 0
    var zeroLevelEvents = 0

    let inventoryItem: [Int64: Int64]
    let variantIDs: Set<Int64>
    let posLocationIDs: Set<Int64>
    let warehouseID: Int64
    let calendar: Calendar
    let checksStock: Bool

    init(simulator: StoreSimulator) {
        inventoryItem = Dictionary(uniqueKeysWithValues: simulator.catalog.map { ($0.variantID, $0.variant.inventoryItemID!) })
        variantIDs = Set(simulator.catalog.map(\.variantID))
        posLocationIDs = Set(simulator.locations.filter(\.isPOS).map(\.id))
        warehouseID = simulator.warehouseLocationID
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: simulator.shop.timeZone)!
        self.calendar = calendar
        checksStock = simulator.configuration.stockoutsCensorDemand
    }

    static func gather(_ simulator: StoreSimulator) -> StreamStatistics {
        var statistics = StreamStatistics(simulator: simulator)
        var previous = Date.distantPast
        for event in simulator.events() {
            if event.occurredAt < previous { statistics.outOfOrder += 1 }
            previous = event.occurredAt
            statistics.add(event)
        }
        return statistics
    }

    mutating func add(_ event: SimulatedEvent) {
        events += 1
        topicCounts[event.topic.rawValue, default: 0] += 1
        if !webhookIDs.insert(event.webhookID).inserted || !Self.isUUIDShaped(event.webhookID) { malformedWebhookIDs += 1 }
        switch (event.topic, event.payload) {
        case (.ordersCreate, .order(let order)): addOrder(order)
        case (.ordersUpdated, .order(let order)):
            updates += 1
            if order.updatedAt <= order.createdAt { updatesNotLater += 1 }
        case (.ordersCancelled, .order(let order)): addCancellation(order)
        case (.refundsCreate, .refund(let refund)): addRefund(refund)
        case (.customersCreate, .customer(let customer)):
            customersCreated.insert(customer.id)
            check13Digits(customer.id)
        case (.inventoryLevelsUpdate, .inventoryLevel(let level)): addLevel(level)
        case (.productsCreate, .product(let product)):
            check13Digits(product.id)
            for variant in product.variants { check13Digits(variant.id) }
        case (.locationsCreate, .location(let location)): check13Digits(location.id)
        default: break
        }
    }

    static func isUUIDShaped(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        return parts == [8, 4, 4, 4, 12] && s.allSatisfy { $0 == "-" || $0.isHexDigit }
    }

    mutating func check13Digits(_ id: Int64) {
        if !(1_000_000_000_000...9_999_999_999_999).contains(id) { idsNot13Digits += 1 }
    }

    func dayNumber(_ date: Date) -> Int {
        let local = date.timeIntervalSince1970 + Double(calendar.timeZone.secondsFromGMT(for: date))
        return Int((local / 86_400).rounded(.down))
    }

    func cell(_ variant: Int64?, at location: Int64) -> CellKey? {
        guard let variant, let item = inventoryItem[variant] else { return nil }
        return CellKey(item: item, location: location)
    }
}
