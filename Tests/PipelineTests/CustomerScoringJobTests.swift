import Commerce
import CustomerValue
import Foundation
import Pipeline
import Simulation
import Storage
import Testing
import TestSupport

/// The customer scoring job on a real SQLite file: a hand-made shop whose every counted order,
/// spend, day and RFM score is worked out by hand, and a simulated shop for the holdout check.
@Suite struct CustomerScoringJobTests {
    static let now = SampleOrders.date("2024-02-15T18:00:00Z")

    static func customer(_ id: Int64, _ name: String, email: String?, phone: String?, emailConsent: Bool, smsConsent: Bool) -> Customer {
        Customer(id: id, email: email, phone: phone, firstName: name, lastName: "Test", state: "enabled",
                 acceptsEmailMarketing: emailConsent, acceptsSMSMarketing: smsConsent,
                 createdAt: SampleOrders.date("2024-01-01T00:00:00Z"), updatedAt: SampleOrders.date("2024-01-01T00:00:00Z"))
    }

    /// A UTC shop with three customers, and location 2 "Shop" (POS). Orders at noon UTC:
    ///
    /// | order | who | day | channel | total | what happens |
    /// |---|---|---|---|---|---|
    /// | 1 | Ada 7001 | 01-01 | online | 50.00 | counted |
    /// | 2 | guest, email " ADA@Example.com" | 01-11 | POS | 30.00 | Ada's, by email |
    /// | 3 | Ada | 01-21 | online | 99.00 | cancelled: left out |
    /// | 4 | Ada | 01-31 | online | 40.00 | refund 10.00: counts 30.00 |
    /// | 5 | Bob 7002 | 01-05 | online | 20.00 | refund 20.00: left out |
    /// | 6 | guest, phone "+1 (555) 010-0002" | 01-15 | POS | 25.00 | Bob's, by phone |
    /// | 7 | Cy 7003 | 01-02 | POS | 60.00 | counted |
    /// | 8 | Cy | 01-02 | online | 15.00 | same day as 7: one purchase day |
    /// | 9 | Cy | 02-09 | POS | 45.00 | counted |
    /// | 10 | guest, guest@example.com | 01-20 | online | 10.00 | no such customer: left out |
    func handMadeShop() async throws -> (SQLiteStore, Int64, URL) {
        let (store, directory) = try SQLiteStore.temporary()
        let shop = try await store.createShop(Shop(domain: "people.myshopify.com", name: "People", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        let ada = Self.customer(7001, "Ada", email: "ada@example.com", phone: nil, emailConsent: true, smsConsent: false)
        let bob = Self.customer(7002, "Bob", email: "bob@example.com", phone: "+15550100002", emailConsent: false, smsConsent: false)
        let cy = Self.customer(7003, "Cy", email: "cy@example.com", phone: "+15550100003", emailConsent: false, smsConsent: true)
        func event(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) -> IncomingEvent {
            IncomingEvent(shopID: shop.id, topic: topic, webhookID: id, body: ShopifyJSON.encode(payload), payload: payload,
                          receivedAt: Date(), source: .webhook)
        }
        func order(_ id: Int64, _ who: Customer?, _ day: String, _ cents: Int64, pos: Bool = false, cancelled: Bool = false,
                   email: String? = nil, phone: String? = nil) -> IncomingEvent {
            var o = SampleOrders.order(id: id, name: "#\(id)", createdAt: "\(day)T12:00:00Z", lines: [(9001, 1, cents)], customer: who,
                                       channel: pos ? .pos : .web, locationID: pos ? 2 : nil,
                                       cancelledAt: cancelled ? "\(day)T13:00:00Z" : nil)
            if who == nil { o.email = email; o.phone = phone }
            return event(.order(o), .ordersCreate, "order-\(id)")
        }
        func refund(_ id: Int64, order: Int64, _ day: String, _ cents: Int64) -> IncomingEvent {
            event(.refund(Refund(id: id, orderID: order, createdAt: SampleOrders.date("\(day)T15:00:00Z"), lineItems: [], amount: SampleOrders.usd(cents))),
                  .refundsCreate, "refund-\(id)")
        }
        let outcomes = try await store.ingest([
            event(.location(Location(id: 2, name: "Shop", isPOS: true)), .locationsCreate, "loc2"),
            event(.customer(ada), .customersCreate, "c1"), event(.customer(bob), .customersCreate, "c2"),
            event(.customer(cy), .customersCreate, "c3"),
            order(1, ada, "2024-01-01", 5000), order(2, nil, "2024-01-11", 3000, pos: true, email: " ADA@Example.com"),
            order(3, ada, "2024-01-21", 9900, cancelled: true), order(4, ada, "2024-01-31", 4000), refund(41, order: 4, "2024-02-01", 1000),
            order(5, bob, "2024-01-05", 2000), refund(51, order: 5, "2024-01-06", 2000),
            order(6, nil, "2024-01-15", 2500, pos: true, phone: "+1 (555) 010-0002"),
            order(7, cy, "2024-01-02", 6000, pos: true), order(8, cy, "2024-01-02", 1500), order(9, cy, "2024-02-09", 4500, pos: true),
            order(10, nil, "2024-01-20", 1000, email: "guest@example.com"),
        ])
        #expect(outcomes.allSatisfy { if case .stored = $0 { true } else { false } })
        return (store, shop.id, directory)
    }

    func options() -> CustomerScoringJob.Options {
        var options = CustomerScoringJob.Options()
        options.minimumCustomers = 3
        options.holdoutDays = 0
        options.asOfDay = "2024-02-15"
        return options
    }

    @Test func countsEachCustomerAcrossChannelsWithRefundsAndCancellations() async throws {
        let (store, shopID, directory) = try await handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CustomerScoringJob(store: store, options: options()).run(shopID: shopID, now: Self.now)
        #expect(run.orders == 10 && run.skippedOrders == 3)
        #expect(run.customers == 3 && run.repeatBuyers == 2)
        // Too few repeat buyers for Gamma-Gamma: every order is worth the mean counted order,
        // (50 + 30 + 30 + 25 + 60 + 15 + 45) / 7 = 255 / 7 = 36.428571.
        #expect(run.spendParameters.isEmpty)
        #expect(abs(run.meanOrderValue - 3642.857142) < 1e-5)
        #expect(run.model == "bgnbd" && run.unitDays == 1 && run.holdout == nil)

        let (rows, total) = try await store.customerScores(shopID: shopID, query: CustomerScoreQuery(sort: .spend))
        #expect(total == 3)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.customerID, $0) })
        let ada = try #require(byID[7001]), bob = try #require(byID[7002]), cy = try #require(byID[7003])
        // Ada: purchase days 01-01, 01-11, 01-31 → x = 2, t_x = 30, T = 45 (to 02-15); 50 + 30 + 30.
        #expect((ada.orders, ada.onlineOrders, ada.posOrders) == (3, 2, 1))
        #expect((ada.frequency, ada.recencyDays, ada.ageDays) == (2, 30, 45))
        #expect((ada.spendMinor, ada.refundedMinor) == (11000, 1000))
        #expect((ada.firstOrderDay, ada.lastOrderDay) == ("2024-01-01", "2024-01-31"))
        // Bob: only the POS order found by phone counts; the refunded one still shows its refund.
        #expect((bob.orders, bob.onlineOrders, bob.posOrders) == (1, 0, 1))
        #expect((bob.frequency, bob.recencyDays, bob.ageDays) == (0, 0, 31))
        #expect((bob.spendMinor, bob.refundedMinor) == (2500, 2000))
        // Cy: days 01-02 (two orders) and 02-09 → x = 1, t_x = 38, T = 44; 60 + 15 + 45.
        #expect((cy.orders, cy.onlineOrders, cy.posOrders) == (3, 1, 2))
        #expect((cy.frequency, cy.recencyDays, cy.ageDays) == (1, 38, 44))
        #expect(cy.spendMinor == 12000)
        // Sorted by spend: Cy, Ada, Bob.
        #expect(rows.map(\.customerID) == [7003, 7001, 7002])

        // RFM among three (score 1 + ⌊5k/3⌋ at rank k): days since last purchase Bob 31, Ada 15,
        // Cy 6 → R 1, 2, 4; purchase days Bob 1, Cy 2, Ada 3 → F 1, 2, 4; spend Bob, Ada, Cy → M 1, 2, 4.
        #expect([ada, bob, cy].map { "\($0.recencyScore)\($0.frequencyScore)\($0.monetaryScore)" } == ["242", "111", "424"])
        #expect([ada, bob, cy].map(\.segment) == ["at_risk", "hibernating", "potential_loyalists"])
        // BG/NBD: a customer without repeat purchases is alive (FHL 2005, δ_{x>0}).
        #expect(bob.probabilityAlive == 1)
        #expect(rows.allSatisfy { $0.expectedOrderValueMinor == 3643 && $0.lifetimeValueMinor >= 0 && $0.runID == run.id })
        #expect(rows.allSatisfy { (0...1).contains($0.probabilityAlive) && $0.expectedPurchases >= 0 })
    }

    @Test func profileAndAudienceReadTheScoredShop() async throws {
        let (store, shopID, directory) = try await handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await CustomerScoringJob(store: store, options: options()).run(shopID: shopID, now: Self.now)
        let ada = try #require(try await store.customerProfile(shopID: shopID, customerID: 7001))
        // Live: orders 1, 2 (guest, same email) and 4 less its refund: 50 + 30 + 40 − 10.
        #expect(ada.orders == 3 && ada.lifetimeSpendMinor == 11000 && ada.currency == "USD")
        #expect(ada.lastOnlinePurchase?.orderID == 4 && ada.lastInStorePurchase?.orderID == 2)
        #expect(ada.lastInStorePurchase?.locationName == "Shop")
        #expect(ada.lastOnlinePurchase?.lines.map(\.quantity) == [1])
        #expect(ada.acceptsEmailMarketing && !ada.acceptsSMSMarketing)
        #expect(ada.score?.segment == "at_risk")
        #expect(try await store.customerProfile(shopID: shopID, customerID: 9999) == nil)

        // Consent: only Ada may be emailed, only Cy texted; Bob allows neither.
        #expect(try await store.audience(shopID: shopID, segment: nil, channel: .email).map(\.customerID) == [7001])
        #expect(try await store.audience(shopID: shopID, segment: nil, channel: .sms).map(\.customerID) == [7003])
        #expect(try await store.audience(shopID: shopID, segment: "hibernating", channel: .email).isEmpty)
        let segments = try await store.segmentSummaries(shopID: shopID)
        #expect(Set(segments.map(\.segment)) == ["at_risk", "hibernating", "potential_loyalists"])
        #expect(segments.reduce(0) { $0 + $1.customers } == 3)
        #expect(segments.first { $0.segment == "at_risk" }?.emailConsented == 1)
        #expect(try await store.valueDistribution(shopID: shopID, bounds: []) == [3])
    }

    @Test func aSecondRunReplacesTheScoresAndKeepsRunHistory() async throws {
        let (store, shopID, directory) = try await handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = options()
        options.keepRuns = 1
        let first = try await CustomerScoringJob(store: store, options: options).run(shopID: shopID, now: Self.now)
        options.model = .mbgnbd
        let second = try await CustomerScoringJob(store: store, options: options).run(shopID: shopID, now: Self.now)
        #expect(second.id > first.id)
        #expect(try await store.customerValueRuns(shopID: shopID, limit: 10).map(\.id) == [second.id])
        let (rows, total) = try await store.customerScores(shopID: shopID, query: CustomerScoreQuery())
        #expect(total == 3 && rows.allSatisfy { $0.runID == second.id })
        #expect(Set(second.parameters.keys) == ["r", "alpha", "a", "b"])
    }

    @Test func tooFewCustomersAndBadOptionsAreNamed() async throws {
        let (store, shopID, directory) = try await handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = options()
        options.minimumCustomers = 4
        await #expect(throws: CustomerScoringJobError.notEnoughCustomers(shopID: shopID, customers: 3, minimum: 4)) {
            try await CustomerScoringJob(store: store, options: options).run(shopID: shopID, now: Self.now)
        }
        options.asOfDay = "15/02/2024"
        await #expect(throws: CustomerScoringJobError.invalidOption(name: "asOfDay", reason: "must be a YYYY-MM-DD date, got \"15/02/2024\"")) {
            try await CustomerScoringJob(store: store, options: options).run(shopID: shopID, now: Self.now)
        }
        await #expect(throws: CustomerScoringJobError.unknownShop(shopID: 999)) {
            try await CustomerScoringJob(store: store, options: self.options()).run(shopID: 999, now: Self.now)
        }
        #expect(try await store.latestCustomerValueRun(shopID: shopID) == nil)
    }

    /// The simulator draws its customers from a BG/NBD-like process, so the holdout check on its
    /// history must predict about as many repeat purchase days as happened. Actual is counted here
    /// independently: distinct (customer, day) pairs in the last 90 days of customers whose first
    /// counted order came before them.
    @Test func holdoutCheckOnASimulatedShop() async throws {
        // Two years, about 2,500 orders and 280 customers.
        let shop = try await SimulatedShop.ingest(.load(orders: 2500, seed: 11))
        defer { try? FileManager.default.removeItem(at: shop.directory) }
        let orders = try await shop.store.customerOrders(shopID: shop.shopID)
        let lastDay = try #require(orders.map(\.day).max())
        var options = CustomerScoringJob.Options()
        options.asOfDay = lastDay
        let run = try await CustomerScoringJob(store: shop.store, options: options).run(shopID: shop.shopID)
        let holdout = try #require(run.holdout)

        let end = try #require(CivilDate(lastDay)).dayNumber, start = end - 90
        let resolver = CustomerIdentityResolver(contacts: try await shop.store.customerContacts(shopID: shop.shopID))
        var first: [Int64: Int] = [:], holdoutDays = Set<String>()
        for o in orders where !o.cancelled && o.totalMinor - o.refundedMinor > 0 {
            guard let id = resolver.customer(of: o), let day = CivilDate(o.day)?.dayNumber else { continue }
            first[id] = min(first[id] ?? .max, day)
        }
        for o in orders where !o.cancelled && o.totalMinor - o.refundedMinor > 0 {
            guard let id = resolver.customer(of: o), let day = CivilDate(o.day)?.dayNumber, day > start, day <= end,
                  let born = first[id], born <= start else { continue }
            holdoutDays.insert("\(id)-\(day)")
        }
        #expect(holdout.actualPurchases == holdoutDays.count)
        #expect(holdout.customers == first.values.filter { $0 <= start }.count)
        #expect(holdout.actualPurchases > 50)
        // Within 25 % in total, and per customer better than predicting no purchases at all.
        #expect(abs(holdout.predictedPurchases - Double(holdout.actualPurchases)) < 0.25 * Double(holdout.actualPurchases))
        #expect(holdout.meanAbsoluteError < Double(holdout.actualPurchases) / Double(holdout.customers))
    }
}
