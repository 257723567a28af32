import Commerce
import Foundation
import Simulation
import Testing

/// Fraud in the store simulator: off changes nothing, on leaves legitimate orders alone, and each
/// pattern has the shape `FraudConfiguration` documents.
@Suite("Store fraud patterns")
struct StoreFraudTests {
    /// What a legitimate order may differ in when fraud orders take order numbers between them:
    /// its number and name, and a guest's made-up email that contains the number.
    static func masked(_ order: Order) -> Order {
        var order = order
        order.name = ""; order.orderNumber = nil
        if order.customer == nil { order.email = nil }
        return order
    }

    @Test("the default configuration is .off, so presets keep their streams")
    func offByDefault() {
        #expect(SimulationConfiguration.small.fraud == .off)
        #expect(SimulationConfiguration.demo.fraud == .off)
        #expect(!FraudConfiguration.off.hasFraud && !FraudConfiguration.off.checkoutDetails)
        #expect(!FraudConfiguration.checkoutDetailsOnly.hasFraud && FraudConfiguration.checkoutDetailsOnly.checkoutDetails)
        #expect(StoreSimulator(configuration: .small).fraudTruth().isEmpty)
    }

    @Test("switching fraud on leaves every legitimate order and refund as it was (same seed)")
    func legitimateUnchanged() {
        let clean = StoreFraudRun.clean, boosted = StoreFraudRun.boosted
        #expect(clean.truth.isEmpty)
        #expect(boosted.fraudIDs.count > 100)
        #expect(clean.created.count == boosted.legitimate.count)
        #expect(clean.created.map(Self.masked) == boosted.legitimate.map(Self.masked))
        func refunds(_ run: StoreFraudRun, excluding ids: Set<Int64>) -> [Refund] {
            run.events.compactMap { event -> Refund? in
                guard case .refund(let refund) = event.payload, !ids.contains(refund.id) else { return nil }
                return refund
            }
        }
        let abusive = Set(boosted.truth.compactMap(\.refundID))
        #expect(!abusive.isEmpty)
        #expect(refunds(clean, excluding: []) == refunds(boosted, excluding: abusive))
        // Legitimate webhook ids do not move either: fraud draws its own.
        let cleanIDs = clean.events.map(\.webhookID)
        #expect(Set(cleanIDs).isSubset(of: boosted.events.map(\.webhookID)))
    }

    @Test("at the default rates about 0.5–1 % of online orders are fraudulent")
    func defaultRate() {
        let run = StoreFraudRun.standard
        let online = run.created.filter { $0.channel == .web }
        let fraud = online.filter { run.fraudIDs.contains($0.id) }
        let rate = Double(fraud.count) / Double(online.count)
        // Configured: 0.3 + 0.1 + 0.08 + 0.02 × 8 (card testing bursts) ≈ 0.64 % of legitimate online
        // orders; with ~6,500 online orders the count is ~40 ± 7, so 0.35–1.1 % is a 4σ band.
        #expect(rate > 0.0035 && rate < 0.011, "\(fraud.count) of \(online.count)")
        for pattern in [FraudPattern.stolenCard, .cardTesting, .accountTakeover, .giftCardFraud] {
            #expect(!(StoreFraudRun.boosted.fraudByPattern[pattern] ?? []).isEmpty, "\(pattern)")
        }
    }

    @Test("boosted: each pattern's count is near its configured rate")
    func patternRates() {
        let run = StoreFraudRun.boosted
        let online = Double(run.legitimate.filter { $0.channel == .web }.count)
        let rates = StoreFraudRun.boostedFraud
        func within(_ pattern: FraudPattern, _ expected: Double, _ tolerance: Double) {
            let n = Double(run.fraudByPattern[pattern]?.count ?? 0)
            #expect(abs(n - expected) < tolerance, "\(pattern): \(n) vs \(expected)")
        }
        // Poisson counts: tolerance 4√expected (plus a few orders lost to items out of stock).
        let stolen = online * rates.stolenCardRate
        within(.stolenCard, stolen, 4 * stolen.squareRoot() + 3)
        let takeover = online * rates.accountTakeoverRate
        within(.accountTakeover, takeover, 4 * takeover.squareRoot() + 3)
        let gift = online * rates.giftCardFraudRate
        within(.giftCardFraud, gift, 4 * gift.squareRoot() + 3)
        // Bursts of 4–12 (mean 8) orders: the count's sd is about 8.3·√bursts.
        let bursts = online * rates.cardTestingBurstRate
        within(.cardTesting, 8 * bursts, 4 * 8.3 * bursts.squareRoot() + 3)
    }

    @Test("card testing: every order sits in a burst of tiny orders from one IP and one BIN inside an hour")
    func cardTestingBursts() throws {
        let run = StoreFraudRun.boosted
        let tests = try #require(run.fraudByPattern[.cardTesting])
        var clustered = 0
        for order in tests {
            let bin = order.payments.last?.cardBIN
            let mates = tests.filter {
                $0.id != order.id && $0.browserIP == order.browserIP && $0.payments.last?.cardBIN == bin
                    && abs($0.createdAt.timeIntervalSince(order.createdAt)) < 3_600
            }
            if mates.count >= 2 { clustered += 1 }
        }
        #expect(Double(clustered) >= 0.95 * Double(tests.count), "\(clustered) of \(tests.count)")
        let legitimateMean = run.legitimate.reduce(0.0) { $0 + Double($1.subtotalPrice.minorUnits) } / Double(run.legitimate.count)
        #expect(tests.allSatisfy { $0.lineItems.count == 1 && $0.lineItems[0].quantity == 1 })
        #expect(tests.allSatisfy { Double($0.subtotalPrice.minorUnits) < legitimateMean })
    }

    @Test("stolen cards: new buyers, big baskets, countries that differ, express, failed tries, AVS misses, pooled IPs")
    func stolenCardShape() throws {
        let run = StoreFraudRun.boosted
        let stolen = try #require(run.fraudByPattern[.stolenCard])
        let web = run.legitimate.filter { $0.channel == .web }
        func share(_ orders: [Order], _ predicate: (Order) -> Bool) -> Double {
            Double(orders.filter(predicate).count) / Double(max(orders.count, 1))
        }
        let mismatch: (Order) -> Bool = { $0.billingAddress?.countryCode != $0.shippingAddress?.countryCode }
        // Designed: 75 % of stolen-card orders cross a border; real buyers ship abroad ~6 % of the time to themselves.
        #expect(share(stolen, mismatch) > 0.6)
        #expect(share(web, mismatch) < 0.02)
        let domesticStolen = stolen.filter { $0.shippingAddress?.countryCode == "US" }
        #expect(share(domesticStolen) { $0.shippingLines.first?.title == "Express" } > 0.5)
        #expect(share(web) { $0.shippingLines.first?.title == "Express" } < 0.12)
        // Attempts in time order, the successful one last.
        let all = run.created.filter { $0.channel == .web }
        #expect(all.allSatisfy { order in
            order.payments.last?.status == "success"
                && zip(order.payments, order.payments.dropFirst()).allSatisfy { $0.createdAt! <= $1.createdAt! }
        })
        let failed: (Order) -> Bool = { $0.payments.contains { $0.status == "failure" } }
        #expect(share(stolen, failed) > 0.45)  // designed 60 %
        #expect((0.015...0.05).contains(share(web, failed)))  // designed 3 %
        let avsMiss: (Order) -> Bool = { !["Y", "U"].contains($0.payments.last?.avsResultCode ?? "Y") }
        #expect(share(stolen, avsMiss) > 0.3)
        #expect(share(web, avsMiss) < 0.08)
        let webMean = web.reduce(0.0) { $0 + Double($1.subtotalPrice.minorUnits) } / Double(web.count)
        let stolenMean = stolen.reduce(0.0) { $0 + Double($1.subtotalPrice.minorUnits) } / Double(stolen.count)
        #expect(stolenMean > 2 * webMean)
        // New to the shop: no earlier legitimate order of the same customer.
        let seen = Set(web.compactMap { $0.customer?.id })
        #expect(stolen.allSatisfy { $0.customer.map { !seen.contains($0.id) } ?? true })
        // A small shared pool: most stolen-card IPs recur across fraud orders.
        var ipCounts: [String: Int] = [:]
        for orders in run.fraudByPattern.values { for order in orders { ipCounts[order.browserIP ?? "", default: 0] += 1 } }
        #expect(share(stolen) { ipCounts[$0.browserIP ?? ""]! > 1 } > 0.7)
    }

    @Test("account takeover ships an existing customer's big basket to a new address; gift-card fraud buys only gift cards")
    func takeoverAndGiftCards() throws {
        let run = StoreFraudRun.boosted
        let takeovers = try #require(run.fraudByPattern[.accountTakeover])
        var firstSeen: [Int64: Date] = [:]
        for event in run.events {
            if case .customer(let customer) = event.payload, event.topic == .customersCreate {
                firstSeen[customer.id] = firstSeen[customer.id] ?? event.occurredAt
            }
        }
        for order in takeovers {
            let customer = try #require(order.customer)
            #expect(firstSeen[customer.id].map { $0 < order.createdAt } == true)
            #expect(order.shippingAddress != customer.defaultAddress)
        }
        let gifts = try #require(run.fraudByPattern[.giftCardFraud])
        #expect(gifts.allSatisfy { $0.lineItems.allSatisfy(\.isGiftCard) && $0.shippingLines.isEmpty })
    }

    @Test("POS abuse: one associate refunds sales nobody returned; another gives friends 40–80 % off")
    func posAbuse() throws {
        let run = StoreFraudRun.boosted
        let refundIDs = Set(run.truth.compactMap(\.refundID))
        let abusive = run.events.compactMap { event -> Refund? in
            guard case .refund(let refund) = event.payload, refundIDs.contains(refund.id) else { return nil }
            return refund
        }
        #expect(abusive.count == refundIDs.count && abusive.count > 10)
        #expect(Set(abusive.compactMap(\.userID)).count == 1)
        #expect(Set(abusive.compactMap(\.locationID)).count == 1)
        #expect(abusive.allSatisfy { $0.lineItems.allSatisfy { $0.restockType == "no_restock" } })
        // A legitimate sale of the stream (45 %), one Storewise never saw (30 %), or a sale the
        // associate rang up for their one accomplice (25 %).
        var unseen = 0, accomplice = 0
        var accomplices = Set<Int64>()
        for refund in abusive {
            if let sale = run.byID[refund.orderID] {
                #expect(sale.channel == .pos && sale.createdAt < refund.createdAt)
                if run.fraudIDs.contains(sale.id) {
                    accomplice += 1
                    #expect(sale.userID == refund.userID)
                    if let id = sale.customer?.id { accomplices.insert(id) }
                }
            } else {
                unseen += 1
            }
        }
        let n = Double(abusive.count)
        #expect(Double(unseen) / n > 0.15 && Double(unseen) / n < 0.5, "designed 30 %")
        #expect(Double(accomplice) / n > 0.1 && Double(accomplice) / n < 0.45, "designed 25 %")
        #expect(accomplices.count == 1)
        let discounts = try #require(run.fraudByPattern[.discountOverrideAbuse])
        #expect(Set(discounts.compactMap(\.userID)).count == 1)
        #expect(Set(discounts.compactMap { $0.customer?.id }).count <= 3)
        #expect(discounts.allSatisfy { $0.discountApplications.contains { $0.isManual && $0.value >= 40 } })
        // Legitimate POS: every sale has its associate; a few get small manual discounts.
        let pos = run.legitimate.filter { $0.channel == .pos }
        #expect(pos.allSatisfy { $0.userID != nil })
        let manual = pos.filter { $0.discountApplications.contains(where: \.isManual) }
        let share = Double(manual.count) / Double(pos.count)
        #expect(share > 0.01 && share < 0.05, "designed 2.5 % of sales with merchandise")
        #expect(manual.allSatisfy { $0.discountApplications.allSatisfy { !$0.isManual || $0.value <= 30 } })
    }
}
