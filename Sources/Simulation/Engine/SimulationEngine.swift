import Commerce
import Foundation

/// The day-by-day state machine behind `SimulatedEventSequence`.
///
/// Each step simulates one shop-local day: it queues the day's purchases (new customers, returning
/// customers, guests), vendor reviews and deliveries, then processes every pending action due that
/// day in time order, so stock is always right when a sale is tried. The day's events are sorted and
/// handed out one by one. State is per customer and per variant × location, plus the few orders
/// that still await a follow-up: memory does not grow with the number of orders.
final class SimulationEngine {
    struct BufferedEvent {
        var time: Int64
        var sequence: UInt64
        var topic: WebhookTopic
        var payload: WebhookPayload
        /// Emitted by fraud: takes its webhook id from fraud's own generator.
        var fraud = false
    }

    /// An order that still has a fulfilment, cancellation or refund coming.
    struct OpenOrder {
        var order: Order
        var slot: Int
        var pending: Int
        var taxRate: Double
    }

    let world: StoreWorld
    var configuration: SimulationConfiguration { world.configuration }
    /// The world's catalog with the prices of the day: catalog events reprice it as they happen.
    var catalog: Catalog
    var calendar: DemandCalendar { world.calendar }
    var population: CustomerPopulation
    var inventory: InventoryBook
    let baskets: BasketBuilder
    let intraday = IntradayProfile()
    let end: Int64

    var queue = ActionQueue()
    /// Customers whose next repeat purchase falls on each day.
    var purchaseBuckets: [[Int32]]
    var nextAcquisition = 0
    var openOrders: [Int64: OpenOrder] = [:]
    /// Cells of each vendor's items, for its weekly review.
    let vendorCells: [[Int]]
    let guestOnlineRate: Double
    let guestPOSRate: Double

    /// Next entry of `world.scenario.changes` to apply.
    var nextChange = 0

    var demandRNG: Xoshiro256StarStar
    var basketRNG: Xoshiro256StarStar
    var opsRNG: Xoshiro256StarStar
    var idRNG: Xoshiro256StarStar
    var webhookIDs: WebhookIDGenerator
    var customerIDs = IDSequence(base: IDBase.customer)
    var orderIDs = IDSequence(base: IDBase.order)
    var lineItemIDs = IDSequence(base: IDBase.lineItem)
    var refundIDs = IDSequence(base: IDBase.refund)
    var refundLineIDs = IDSequence(base: IDBase.refundLineItem)
    var orderNumber = 1001

    /// Checkout details of legitimate orders and the fraud run, when the configuration asks for them.
    var details: CheckoutDetails?
    var fraud: StoreFraud?

    var buffer: [BufferedEvent] = []
    var cursor = 0
    var nextDay = -1
    var eventSequence: UInt64 = 0
    var actionSequence: UInt64 = 0

    init(world: StoreWorld) {
        self.world = world
        catalog = world.catalog
        let configuration = world.configuration
        let seed = configuration.seed
        var customerRNG = Xoshiro256StarStar(seed: seed, stream: 3)
        population = CustomerPopulation(
            configuration: configuration, calendar: world.calendar, catalog: world.catalog,
            slotWeights: world.slotWeights, rng: &customerRNG)
        var stockRNG = Xoshiro256StarStar(seed: seed, stream: 4)
        let catalog = world.catalog
        inventory = InventoryBook(
            carried: world.carried, slotCount: world.locations.count, priorRate: world.priorRate,
            censors: configuration.stockoutsCensorDemand, packSizes: catalog.items.map(\.packSize),
            leadTimes: catalog.items.map(\.leadTimeDays), rng: &stockRNG)
        baskets = BasketBuilder(catalog: catalog)
        demandRNG = Xoshiro256StarStar(seed: seed, stream: 5)
        basketRNG = Xoshiro256StarStar(seed: seed, stream: 6)
        opsRNG = Xoshiro256StarStar(seed: seed, stream: 7)
        idRNG = Xoshiro256StarStar(seed: seed, stream: 8)
        webhookIDs = WebhookIDGenerator(rng: Xoshiro256StarStar(seed: seed, stream: 9))
        purchaseBuckets = Array(repeating: [], count: configuration.days)
        if configuration.fraud.addsDetails {
            let details = CheckoutDetails(seed: seed, slots: world.locations.count)
            self.details = details
            if configuration.fraud.hasFraud {
                fraud = StoreFraud(configuration: configuration.fraud, seed: seed, staff: details.staff)
            }
        }
        end = world.calendar.days[configuration.days - 1].end

        var cells = [[Int]](repeating: [], count: catalog.vendors.count)
        for (item, vendor) in catalog.itemVendor.enumerated() where vendor >= 0 {
            // Launched items' cells are listed too: their reviews order nothing until they are on sale.
            for slot in 0..<world.locations.count where world.carriedOnceLaunched[item * world.locations.count + slot] {
                cells[vendor].append(item * world.locations.count + slot)
            }
        }
        vendorCells = cells

        // Guests follow the channel curves and the growth trend; their totals hit the configured share.
        let guests = Double(configuration.days) * configuration.averageOrdersPerDay * configuration.guestCheckoutShare
        let hasPOS = world.locations.count > 1
        let onlineExposure = world.calendar.days.reduce(0.0) { $0 + $1.online * $1.trend }
        let posExposure = world.calendar.days.reduce(0.0) { $0 + $1.pos * $1.trend }
        guestOnlineRate = guests * (hasPOS ? 0.4 : 1) / max(onlineExposure, 1e-9)
        guestPOSRate = hasPOS ? guests * 0.6 / max(posExposure, 1e-9) : 0
    }

    /// The next event, or nil after the last day.
    func next() -> SimulatedEvent? {
        while cursor >= buffer.count {
            guard advance() else { return nil }
        }
        let event = buffer[cursor]
        cursor += 1
        return SimulatedEvent(
            topic: event.topic, payload: event.payload,
            occurredAt: Date(timeIntervalSince1970: TimeInterval(event.time)),
            webhookID: event.fraud ? fraud!.webhookIDs.next() : webhookIDs.next())
    }

    /// Fills the buffer with the next day's events; false when the period is over.
    private func advance() -> Bool {
        buffer.removeAll(keepingCapacity: true)
        cursor = 0
        if nextDay < 0 {
            emitCatalog()
        } else if nextDay < configuration.days {
            simulate(day: nextDay)
        } else {
            return false
        }
        nextDay += 1
        buffer.sort { $0.time != $1.time ? $0.time < $1.time : $0.sequence < $1.sequence }
        return true
    }

    /// Appends an event; returns its sequence number so stock changes it causes can follow it.
    @discardableResult
    func emit(_ topic: WebhookTopic, _ payload: WebhookPayload, at time: Int64, fraud: Bool = false) -> UInt64 {
        var payload = payload
        // A card payment names its card by BIN + last four digits; one not given a card yet gets
        // its own (a hash of the attempt's id draws nothing, so no random stream moves).
        if case .order(var order) = payload, order.payments.contains(where: { $0.cardBIN != nil && $0.cardLast4 == nil }) {
            for i in order.payments.indices where order.payments[i].cardBIN != nil && order.payments[i].cardLast4 == nil {
                order.payments[i].cardLast4 = CheckoutDetails.last4(UInt64(bitPattern: order.payments[i].id))
            }
            payload = .order(order)
        }
        eventSequence += 2
        buffer.append(BufferedEvent(time: time, sequence: eventSequence, topic: topic, payload: payload, fraud: fraud))
        return eventSequence
    }

    /// Queues an action if it falls inside the simulated period.
    @discardableResult
    func schedule(_ kind: PendingAction.Kind, at time: Int64) -> Bool {
        guard time < end else { return false }
        actionSequence += 1
        queue.push(PendingAction(time: time, sequence: actionSequence, kind: kind))
        return true
    }

    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}
