import Commerce
import Foundation
import Simulation
import Testing

/// Demand shifts and catalog events: the store without them is unchanged, and each one shows in
/// the orders the way it says.
@Suite("Scenarios")
struct ScenarioTests {
    /// FNV-1a 64 over the JSONL lines (GMT timestamps) of the first `limit` events, and their count.
    static func digest(_ configuration: SimulationConfiguration, limit: Int = .max) -> (count: Int, hash: UInt64) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var count = 0
        for event in StoreSimulator(configuration: configuration).events().prefix(limit) {
            for byte in event.jsonlLine(timeZone: .gmt) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            count += 1
        }
        return (count, hash)
    }

    /// 120 quiet days (March to June 2024: no promotion, no holiday, no month factor, no growth),
    /// so the only change in demand is the one a test adds.
    static func quiet(seed: UInt64 = 11) -> SimulationConfiguration {
        SimulationConfiguration(
            seed: seed, startDate: Date(timeIntervalSince1970: 1_709_269_200),  // 2024-03-01 00:00 New York
            days: 120, productCount: 40, posLocationCount: 1, customerCount: 600, averageOrdersPerDay: 50,
            annualGrowth: 0, holidayPeak: 0, promotions: [], stockoutsCensorDemand: false, emitsInventoryEvents: false)
    }

    static func orders(_ configuration: SimulationConfiguration) -> [Order] {
        StoreSimulator(configuration: configuration).events().compactMap { event -> Order? in
            guard event.topic == .ordersCreate, case .order(let order) = event.payload else { return nil }
            return order
        }
    }

    /// Start of day `d` of the quiet configuration (no clock change after 10 March in the window).
    static func dayStart(_ configuration: SimulationConfiguration, _ d: Int) -> Date {
        let calendar = { var c = Calendar(identifier: .gregorian); c.timeZone = TimeZone(identifier: configuration.timeZone)!; return c }()
        return calendar.date(byAdding: .day, value: d, to: calendar.startOfDay(for: configuration.startDate))!
    }

    @Test("without events the stream is byte for byte what it was before events existed")
    func noEventsUnchanged() {
        // Expected values were computed with the code as it was BEFORE demand shifts and catalog
        // events were added (commit 78162f2), with this same digest function: they pin the old stream.
        // Re-pinned once at 25281c3, when orders began to carry Shopify's `shipping_lines` and
        // `discount_applications` arrays: the simulator from before the fraud patterns (2a3e387^),
        // built against that Commerce, gives these values, and so does today's with fraud off.
        let small = Self.digest(.small)
        #expect(small.count == 1_297)
        #expect(small.hash == 0xb0a6_3642_3ddb_d8ac)
        let demo = Self.digest(.demo, limit: 20_000)
        #expect(demo.count == 20_000)
        #expect(demo.hash == 0xbf12_0baa_61ff_81ab)
    }

    @Test("a ×2 demand shift from day 60 of 120 doubles guest and repeat orders after it and leaves the days before alone")
    func demandShiftDoublesOrders() {
        var base = Self.quiet()
        base.customerCount = 2_000  // most customers buy less than weekly: see the repeat-order bound
        var shifted = base
        shifted.demandShifts = [DemandShift(startDay: 60, demandMultiplier: 2)]
        let cut = Self.dayStart(base, 60)
        let baseOrders = Self.orders(base)
        let shiftedOrders = Self.orders(shifted)
        // Before the shift nothing differs: same orders, ids and baskets.
        #expect(baseOrders.filter { $0.createdAt < cut } == shiftedOrders.filter { $0.createdAt < cut })

        /// Orders after the cut: guests, customers' first orders, repeat orders.
        func split(_ orders: [Order]) -> (guests: Double, first: Double, repeats: Double) {
            var seen = Set<Int64>()
            var guests = 0.0, first = 0.0, repeats = 0.0
            for order in orders {
                let isFirst = order.customer.map { seen.insert($0.id).inserted }
                guard order.createdAt >= cut else { continue }
                switch isFirst {
                case nil: guests += 1
                case true?: first += 1
                case false?: repeats += 1
                }
            }
            return (guests, first, repeats)
        }
        let before = split(baseOrders), after = split(shiftedOrders)
        // Guests are Poisson with twice the mean: ratio 2 ± 3 sd, sd = √(1/560 + 1/1,120) ≈ 5 % at
        // ~560 guest orders without the shift.
        #expect(abs(after.guests / before.guests - 2) < 0.3, "guests \(before.guests) → \(after.guests)")
        // Returning customers' clock runs twice as fast: ×2, less what "at most one visit a day" cuts
        // off for the few near-daily buyers (a few %); noise ~3 % at ~1,700 orders.
        #expect(after.repeats / before.repeats > 1.85 && after.repeats / before.repeats < 2.15,
                "repeat orders \(before.repeats) → \(after.repeats)")
        // Sign-ups are not shifted: the customer count is fixed, so first orders stay where they were.
        #expect(abs(after.first / before.first - 1) < 0.05, "first orders \(before.first) → \(after.first)")
        // So all orders move by 2 − (first-order share without the shift), ±0.1 for the noise above.
        let total = before.guests + before.first + before.repeats
        let ratio = (after.guests + after.first + after.repeats) / total
        #expect(abs(ratio - (2 - before.first / total)) < 0.1, "all orders ×\(ratio)")
    }

    @Test("product-type multipliers move the type mix of order lines the stated way")
    func typeMultipliersShiftMix() {
        let base = Self.quiet(seed: 12)
        var shifted = base
        shifted.demandShifts = [DemandShift(startDay: 60, productTypeMultipliers: ["Brewing": 3.0, "Coffee": 0.6])]
        let cut = Self.dayStart(base, 60)
        let types = Dictionary(uniqueKeysWithValues: StoreSimulator(configuration: base).catalog.map { ($0.variantID, $0.productType) })
        func shares(_ orders: [Order]) -> [String: Double] {
            var counts: [String: Double] = [:]
            var total = 0.0
            for order in orders where order.createdAt >= cut {
                for line in order.lineItems { counts[types[line.variantID!]!, default: 0] += 1; total += 1 }
            }
            return counts.mapValues { $0 / total }
        }
        let before = shares(Self.orders(base))
        let after = shares(Self.orders(shifted))
        // Hand calculation if every line were a weighted draw: with line shares b (brewing) and c
        // (coffee), the new shares are 3b / T and 0.6c / T with T = 0.6c + 3b + (1 − b − c). With
        // b ≈ 0.02 and c ≈ 0.68 (this store without the shift) that is brewing ×3.9 and coffee ×0.79.
        // Complements and bundles follow their anchors and favourites only have their odds scaled,
        // so the real moves are smaller: we ask for at least ×2 and at most ×0.95.
        #expect(after["Brewing", default: 0] > 2 * before["Brewing", default: 0], "\(before) → \(after)")
        #expect(after["Coffee", default: 0] < 0.95 * before["Coffee", default: 0], "\(before) → \(after)")
    }

    @Test("a units-per-line multiplier of 2 doubles the mean units per line")
    func unitsMultiplierDoublesUnits() {
        let base = Self.quiet(seed: 13)
        var shifted = base
        shifted.demandShifts = [DemandShift(startDay: 0, unitsPerLineMultiplier: 2)]
        func meanUnits(_ orders: [Order]) -> Double {
            let lines = orders.flatMap(\.lineItems).filter { !$0.isGiftCard }
            return Double(lines.reduce(0) { $0 + $1.quantity }) / Double(lines.count)
        }
        let ratio = meanUnits(Self.orders(shifted)) / meanUnits(Self.orders(base))
        // Every drawn quantity doubles (stock is not censored here); only the cap of 6 units per
        // line, hit by the rare 3-unit draws that merge with a second draw of the same item, and
        // noise (~1 %) keep it from exactly 2.
        #expect(ratio > 1.9 && ratio < 2.05, "ratio \(ratio)")
    }

    @Test("a demand shift with an end lasts only its days")
    func shiftWindow() {
        let shift = DemandShift(startDay: 10, durationDays: 5, demandMultiplier: 3)
        #expect(!shift.isActive(onDay: 9))
        #expect(shift.isActive(onDay: 10) && shift.isActive(onDay: 14))
        #expect(!shift.isActive(onDay: 15))
        #expect(DemandShift(startDay: 10).isActive(onDay: 10_000))
    }
}

/// Catalog events: launches and repricings.
@Suite("Scenarios: catalog events")
struct CatalogEventTests {
    static let configuration: SimulationConfiguration = {
        var configuration = ScenarioTests.quiet(seed: 21)
        configuration.days = 60
        configuration.stockoutsCensorDemand = true
        configuration.emitsInventoryEvents = true
        configuration.catalogEvents = [CatalogEvent(day: 30, addProducts: 6, repriceShare: 0.2, priceFactor: 1.1)]
        return configuration
    }()
    static let simulator = StoreSimulator(configuration: configuration)
    static let events = Array(simulator.events())

    @Test("launched products arrive as products/create on the event day, with stock, and never sell before it")
    func launches() throws {
        let opening = Self.simulator.products.filter { $0.createdAt! < Self.simulator.configuration.startDate }
        let openingIDs = Set(opening.map(\.id))
        let start = ScenarioTests.dayStart(Self.configuration, 30)
        let end = ScenarioTests.dayStart(Self.configuration, 31)
        let launched = Self.events.compactMap { event -> (Date, Product)? in
            guard event.topic == .productsCreate, case .product(let product) = event.payload,
                  !openingIDs.contains(product.id) else { return nil }
            return (event.occurredAt, product)
        }
        #expect(launched.count == 6)
        #expect(launched.allSatisfy { $0.0 >= start && $0.0 < end })
        #expect(Set(launched.map(\.1.id)).count == 6)
        let newVariants = Set(launched.flatMap(\.1.variants).map(\.id))
        #expect(newVariants.isDisjoint(with: opening.flatMap(\.variants).map(\.id)))
        // New ids continue each kind's sequence, beyond every existing one.
        #expect(launched.allSatisfy { $0.1.id > opening.map(\.id).max()! })
        #expect(newVariants.min()! > opening.flatMap(\.variants).map(\.id).max()!)
        #expect(Self.simulator.catalog.count == opening.flatMap(\.variants).count + newVariants.count)

        var soldBefore = 0, soldAfter = 0
        for event in Self.events where event.topic == .ordersCreate {
            guard case .order(let order) = event.payload else { continue }
            let new = order.lineItems.count { newVariants.contains($0.variantID!) }
            if order.createdAt < start { soldBefore += new } else { soldAfter += new }
        }
        #expect(soldBefore == 0)
        #expect(soldAfter > 0)

        let newInventoryItems = Set(launched.flatMap(\.1.variants).compactMap(\.inventoryItemID))
        let stocked = Self.events.filter { event in
            guard event.topic == .inventoryLevelsUpdate, case .inventoryLevel(let level) = event.payload else { return false }
            return newInventoryItems.contains(level.inventoryItemID)
        }
        #expect(stocked.first.map { $0.occurredAt == launched[0].0 } == true)
    }

    @Test("repricing changes exactly round(share × variants) prices, and orders after it pay them")
    func repricing() throws {
        let startDate = Self.configuration.startDate
        var price: [Int64: Money] = [:]  // variant id → price in force
        var openingVariants = 0
        var repriced: [Int64: (old: Money, new: Money)] = [:]
        var repricedAt: Date?
        var wrongBefore = 0, wrongAfter = 0, checkedAfter = 0
        for event in Self.events {
            switch (event.topic, event.payload) {
            case (.productsCreate, .product(let product)):
                for variant in product.variants { price[variant.id] = variant.price }
                if event.occurredAt < startDate && product.productType != "Gift Cards" { openingVariants += product.variants.count }
            case (.productsUpdate, .product(let product)):
                repricedAt = event.occurredAt
                for variant in product.variants where variant.price != price[variant.id] {
                    repriced[variant.id] = (price[variant.id]!, variant.price)
                    price[variant.id] = variant.price
                }
            case (.ordersCreate, .order(let order)):
                for line in order.lineItems {
                    if let change = repriced[line.variantID!] {
                        checkedAfter += 1
                        if line.price != change.new { wrongAfter += 1 }
                    } else if line.price != price[line.variantID!] {
                        wrongBefore += 1
                    }
                }
            default: break
            }
        }
        // 20 % of the opening variants (the 6 launched products come in the same event, after the
        // repricing's base is taken), rounded half away from zero as `round` does.
        #expect(openingVariants > 50)
        #expect(repriced.count == Int((0.2 * Double(openingVariants)).rounded()))
        #expect(repricedAt.map { $0 >= ScenarioTests.dayStart(Self.configuration, 30) && $0 < ScenarioTests.dayStart(Self.configuration, 31) } == true)
        #expect(wrongBefore == 0)
        #expect(wrongAfter == 0)
        #expect(checkedAfter > 0)
        // ×1.1 rounded to the nearest .95: every new price ends in 95 and is 5–15 % above the old one.
        for (_, change) in repriced {
            #expect(change.new.minorUnits % 100 == 95)
            let ratio = Double(change.new.minorUnits) / Double(change.old.minorUnits)
            #expect(ratio > 1.0 && ratio < 1.2, "\(change.old) → \(change.new)")
        }
    }

    @Test("a store with catalog events keeps its integrity: time order, known variants, stock never below zero")
    func integrity() {
        let statistics = StreamStatistics.gather(Self.simulator)
        #expect(statistics.outOfOrder == 0)
        #expect(statistics.unknownVariants == 0)
        #expect(statistics.inconsistentTotals == 0)
        #expect(statistics.salesOnUnknownCells == 0)
        #expect(statistics.salesAtZeroStock == 0)
        #expect(statistics.levelsBelowReplay == 0)
        #expect(statistics.idsNot13Digits == 0)
        #expect(statistics.malformedWebhookIDs == 0)
    }

    @Test("the same configuration with events gives the same stream")
    func deterministic() {
        #expect(Array(StoreSimulator(configuration: Self.configuration).events()) == Self.events)
    }
}

/// A catalog change and a demand shift together, on a store with promotions and censored stock,
/// shaped like the lifecycle demo's.
@Suite("Scenarios: combined")
struct CombinedScenarioTests {
    static let configuration: SimulationConfiguration = {
        var configuration = SimulationConfiguration.demo
        configuration.seed = 8
        configuration.days = 180
        configuration.productCount = 60
        configuration.posLocationCount = 1
        configuration.customerCount = 2_500
        configuration.averageOrdersPerDay = 45
        configuration.catalogEvents = [CatalogEvent(day: 90, addProducts: 6, repriceShare: 0.05, priceFactor: 1.15)]
        configuration.demandShifts = [DemandShift(
            startDay: 120, demandMultiplier: 1.5, productTypeMultipliers: ["Brewing": 4, "Mugs": 3, "Coffee": 0.5],
            unitsPerLineMultiplier: 1.4)]
        return configuration
    }()

    @Test("the stream keeps its integrity: time order, known variants, consistent totals, stock replayed")
    func integrity() {
        let simulator = StoreSimulator(configuration: Self.configuration)
        let statistics = StreamStatistics.gather(simulator)
        #expect(statistics.orders > 7_000)
        #expect(statistics.topicCounts["products/create"] == 61 + 6)  // 60 products and the gift card, then 6
        #expect(statistics.topicCounts["products/update", default: 0] > 0)
        #expect(statistics.outOfOrder == 0)
        #expect(statistics.unknownVariants == 0)
        #expect(statistics.inconsistentTotals == 0)
        #expect(statistics.salesOnUnknownCells == 0)
        #expect(statistics.salesAtZeroStock == 0)
        #expect(statistics.levelsBelowReplay == 0)
        #expect(statistics.duplicateOrderIDs == 0)
        #expect(statistics.overRefundedLines == 0)
    }
}

@Suite("Scenarios: demand series")
struct DemandSeriesShiftTests {
    @Test("demand series follow a shift's overall multiplier and are unchanged without one")
    func seriesFollowShift() {
        var configuration = ScenarioTests.quiet()
        let base = DemandSeriesSimulator(configuration: configuration)
        configuration.demandShifts = [DemandShift(startDay: 60, demandMultiplier: 3)]
        let shifted = DemandSeriesSimulator(configuration: configuration)
        var after = 0.0, baseAfter = 0.0
        for i in 0..<200 {
            let a = base.series(i), b = shifted.series(i)
            #expect(a[..<60] == b[..<60])
            baseAfter += a[60...].reduce(0, +)
            after += b[60...].reduce(0, +)
        }
        // Each day's mean triples after day 60; over 200 series of ~0.4 units a day for 60 days the
        // totals are in the thousands, so the ratio is 3 within a few %.
        #expect(abs(after / baseAfter - 3) < 0.3, "\(baseAfter) → \(after)")
    }
}
