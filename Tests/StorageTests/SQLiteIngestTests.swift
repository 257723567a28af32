import Commerce
import Foundation
import Testing
@testable import Storage

/// Ingest on every backend: outcomes, dedupe, failures rolled back alone, reads of the log.
@Suite struct SQLiteIngestTests {
    @Test(arguments: Backend.all) func redeliveryIsADuplicateAndChangesNothing(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let order = makeOrder(id: 1, createdAt: "2024-03-15T15:00:00Z", lines: [line(1, variant: 11, quantity: 2, price: 1000)])
        let delivery = orderEvent(shopID: shop.id, order, webhookID: "wh-1")
        let first = try await db.ingest([delivery])
        #expect(first == [.stored(sequence: 1, applied: true)])
        let digest = try await db.store.projectionDigest(shopID: shop.id)

        // Same webhook id, even with a different body: Shopify's retry of the same delivery.
        var changed = order
        changed.updatedAt = utc("2024-03-16T00:00:00Z")
        changed.lineItems[0].quantity = 9
        let again = try await db.ingest([orderEvent(shopID: shop.id, changed, webhookID: "wh-1")])
        #expect(again == [.duplicate])
        #expect(try await db.store.projectionDigest(shopID: shop.id) == digest)
        #expect(try await db.store.eventCount(shopID: shop.id) == 1)
        #expect(try await db.store.containsWebhook(shopID: shop.id, webhookID: "wh-1"))
        #expect(try await !db.store.containsWebhook(shopID: shop.id, webhookID: "wh-2"))
        let stored = try await db.store.events(shopID: shop.id, after: 0, limit: 10)
        #expect(stored.map(\.webhookID) == ["wh-1"])
        #expect(stored.first?.body == delivery.body)
        #expect(stored.first?.topic == "orders/updated")
    }

    @Test(arguments: Backend.all) func anOlderUpdateNeverOverwritesANewerOne(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let newer = makeOrder(id: 7, createdAt: "2024-03-15T15:00:00Z", updatedAt: "2024-03-15T18:00:00Z",
                              lines: [line(1, variant: 11, quantity: 3, price: 1000)], note: "newer")
        let older = makeOrder(id: 7, createdAt: "2024-03-15T15:00:00Z", updatedAt: "2024-03-15T16:00:00Z",
                              lines: [line(1, variant: 11, quantity: 1, price: 1000)], note: "older")
        var tie = older
        tie.updatedAt = newer.updatedAt
        let outcomes = try await db.ingest([orderEvent(shopID: shop.id, newer), orderEvent(shopID: shop.id, older)])
        #expect(outcomes == [.stored(sequence: 1, applied: true), .stored(sequence: 2, applied: false)])
        #expect(try await db.ingest([orderEvent(shopID: shop.id, tie, webhookID: "tie")]) == [.stored(sequence: 3, applied: false)])
        let kept = try #require(try await db.store.order(shopID: shop.id, id: 7))
        #expect(kept.tags == ["newer"])
        #expect(kept.lineItems.map(\.quantity) == [3])
        #expect(try await db.store.eventCount(shopID: shop.id) == 3)
        let demand = try await db.store.demand(shopID: shop.id, variantID: 11, locationID: nil, fromDay: nil, toDay: nil, limit: 10)
        #expect(demand.map(\.units) == [3])
    }

    @Test(arguments: Backend.all) func aFailingEventRollsBackAloneAndTheOthersCommit(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let good1 = makeOrder(id: 1, createdAt: "2024-03-15T15:00:00Z", lines: [line(1, variant: 11, quantity: 1, price: 500)])
        let good2 = makeOrder(id: 2, createdAt: "2024-03-15T16:00:00Z", lines: [line(2, variant: 12, quantity: 1, price: 500)])
        // Two refund lines with the same id break the refund_line_items key after the event row,
        // the refund row and the first line were written: all three must go.
        let badLine = RefundLineItem(id: 5, lineItemID: 1, variantID: 11, quantity: 1, restockType: "return", locationID: nil, subtotal: usd(500))
        let badRefund = Refund(id: 50, orderID: 1, createdAt: utc("2024-03-16T12:00:00Z"), lineItems: [badLine, badLine])
        let outcomes = try await db.ingest([
            orderEvent(shopID: shop.id, good1),
            event(shopID: shop.id, .refund(badRefund), topic: .refundsCreate, webhookID: "refund-50"),
            orderEvent(shopID: 999, good2),  // no such shop
            orderEvent(shopID: shop.id, good2),
        ])
        #expect(outcomes.count == 4)
        guard case .stored(let firstSequence, true) = outcomes[0], case .stored(let lastSequence, true) = outcomes[3] else {
            Issue.record("expected the good orders stored, got \(outcomes)"); return
        }
        guard case .failed(let refundReason) = outcomes[1], case .failed(let shopReason) = outcomes[2] else {
            Issue.record("expected two failures, got \(outcomes)"); return
        }
        switch backend {
        case .sqlite:
            // SQLite: a rolled-back AUTOINCREMENT value is handed out again, so the sequences are dense here.
            #expect(firstSequence == 1 && lastSequence == 2)
            #expect(refundReason.contains("UNIQUE"))
            #expect(shopReason.contains("FOREIGN KEY"))
        case .postgres:
            // PostgreSQL's identity never gives a value back (gaps are allowed): only the order holds.
            #expect(lastSequence > firstSequence)
            #expect(refundReason.contains("23505"), "unique violation: \(refundReason)")
            #expect(shopReason.contains("unknown shop id 999"))
        }
        #expect(try await db.count("SELECT count(*) FROM events") == 2)
        #expect(try await db.count("SELECT count(*) FROM refunds") == 0)
        #expect(try await db.count("SELECT count(*) FROM refund_line_items") == 0)
        #expect(try await db.count("SELECT CAST(sum(refunded_units) AS BIGINT) FROM daily_demand") == 0)
        #expect(try await db.store.orders(shopID: shop.id, from: nil, to: nil, limit: 10, offset: 0).map(\.id) == [2, 1])
        // The redelivery of the failed refund is not a duplicate: nothing of it was kept.
        var fixed = badRefund
        fixed.lineItems = [badLine]
        let redelivered = try await db.ingest([event(shopID: shop.id, .refund(fixed), topic: .refundsCreate, webhookID: "refund-50")])
        guard case .stored(let refundSequence, true) = redelivered.first else { Issue.record("\(redelivered)"); return }
        #expect(refundSequence > lastSequence)
        if backend == .sqlite { #expect(refundSequence == 3) }
    }

    @Test(arguments: Backend.all) func aRepeatInsideOneBatchIsADuplicate(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let order = makeOrder(id: 1, createdAt: "2024-03-15T15:00:00Z", lines: [line(1, variant: 11, quantity: 2, price: 1000)])
        let delivery = orderEvent(shopID: shop.id, order, webhookID: "same")
        // The same webhook id under another topic is another event: the key is shop + topic + id.
        let otherTopic = orderEvent(shopID: shop.id, order, webhookID: "same", topic: .ordersPaid)
        let outcomes = try await db.ingest([delivery, delivery, otherTopic])
        // Sequences only increase; a duplicate may use one up (AUTOINCREMENT), so gaps are allowed.
        guard case .stored(let first, true) = outcomes[0], case .stored(let second, false) = outcomes[2] else {
            Issue.record("\(outcomes)"); return
        }
        #expect(outcomes[1] == .duplicate)
        #expect(second > first)
        #expect(try await db.store.events(shopID: shop.id, after: 0, limit: 10).map(\.sequence) == [first, second])
    }

    @Test(arguments: Backend.all) func anOrderWithManyLinesKeepsThemAll(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let lines = (0..<250).map { line(Int64($0), variant: Int64(1_000 + $0 % 7), quantity: 1, price: 100) }
        let order = makeOrder(id: 1, createdAt: "2024-03-15T15:00:00Z", lines: lines)
        _ = try await db.ingest([orderEvent(shopID: shop.id, order)])
        let stored = try #require(try await db.store.order(shopID: shop.id, id: 1))
        #expect(stored.lineItems == lines)
        // 250 lines over 7 variants: 250 = 7 × 35 + 5, so variants 1000…1004 have 36 units, 1005 and 1006 have 35.
        let demand = try await db.store.demand(shopID: shop.id, variantID: nil, locationID: nil, fromDay: nil, toDay: nil, limit: 10)
        #expect(demand.map(\.units) == [36, 36, 36, 36, 36, 35, 35])
    }

    @Test(arguments: Backend.all) func shopRedactIsNotLoggedButHandledByDeleteShopData(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let outcome = try await db.ingest([event(shopID: shop.id, .shopRedact(shopID: 9, domain: "demo.myshopify.com"),
                                                 topic: .shopRedact, webhookID: "sr")])
        guard case .failed = outcome.first else { Issue.record("\(outcome)"); return }
        #expect(try await db.store.eventCount(shopID: shop.id) == 0)
    }

    @Test(arguments: Backend.all) func unknownTopicsAndDataRequestsAreStoredNotApplied(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let request = CustomerPrivacyRequest(shopID: 9, shopDomain: "demo.myshopify.com", customerID: 5, customerEmail: "x@example.com",
                                             customerPhone: nil, orderIDs: [1], requestID: 77)
        let outcomes = try await db.ingest([
            event(shopID: shop.id, .unknown(topic: "carts/update"), topic: .unknown("carts/update"), webhookID: "u1"),
            event(shopID: shop.id, .customersDataRequest(request), topic: .customersDataRequest, webhookID: "dr1"),
            event(shopID: shop.id, .appUninstalled(shopID: 9, domain: nil), topic: .appUninstalled, webhookID: "un1",
                  receivedAt: "2024-04-01T00:00:00Z"),
        ])
        #expect(outcomes == [.stored(sequence: 1, applied: false), .stored(sequence: 2, applied: false), .stored(sequence: 3, applied: true)])
        #expect(try await db.store.shop(id: shop.id)?.uninstalledAt == utc("2024-04-01T00:00:00Z"))
        let stats = try await db.store.stats(shopID: shop.id)
        #expect(stats.events == 3)
        #expect(stats.eventsByTopic == ["carts/update": 1, "customers/data_request": 1, "app/uninstalled": 1])
        #expect(stats.lastEventAt == utc("2024-04-01T00:00:00Z"))
    }
}
