import Commerce
import Foundation
import GRDB
@testable import Storage

/// A fresh temporary database file per test; the directory goes when the fixture does.
final class TestDatabase: Sendable {
    let store: SQLiteStore
    let directory: URL

    init() throws {
        (store, directory) = try SQLiteStore.temporary()
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func makeShop(domain: String = "demo.myshopify.com", timeZone: String = "America/New_York") async throws -> ShopRecord {
        try await store.createShop(
            Shop(id: 9, domain: domain, name: "Demo", currency: "USD", timeZone: timeZone),
            webhookSecret: "secret", apiTokenHash: "hash-\(domain)", at: utc("2024-01-01T00:00:00Z"))
    }

    func ingest(_ events: [IncomingEvent]) async throws -> [IngestOutcome] {
        try await store.ingest(events)
    }

    /// Rows of a table for the shop, as text, in key order: for comparing table contents.
    func rows(_ table: String, shopID: Int64) async throws -> [String] {
        let orderBy = SQLiteMigrations.projectionTables.first { $0.name == table }?.orderBy ?? "rowid"
        return try await store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE shop_id = ? ORDER BY \(orderBy)", arguments: [shopID])
                .map { $0.description }
        }
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) async throws -> Int {
        try await store.writer.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }
}

func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)!
}

func usd(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: "USD") }

func line(_ id: Int64, variant: Int64?, quantity: Int, price: Int64, discount: Int64 = 0, giftCard: Bool = false) -> LineItem {
    LineItem(id: id, productID: 500, variantID: variant, title: "Item \(id)", quantity: quantity, price: usd(price),
             totalDiscount: usd(discount), isGiftCard: giftCard)
}

func makeOrder(
    id: Int64, createdAt: String, updatedAt: String? = nil, lines: [LineItem], locationID: Int64? = nil,
    customer: Customer? = nil, email: String? = nil, cancelledAt: String? = nil, test: Bool = false,
    channel: Channel = .web, refunds: [Refund] = [], note: String = ""
) -> Order {
    let total = lines.reduce(Int64(0)) { $0 + $1.netRevenue.minorUnits }
    return Order(
        id: id, name: "#\(id)", email: email, phone: email == nil ? nil : "+1555000\(id)",
        createdAt: utc(createdAt), updatedAt: utc(updatedAt ?? createdAt),
        cancelledAt: cancelledAt.map(utc), currency: "USD", channel: channel, locationID: locationID,
        customer: customer, browserIP: email == nil ? nil : "203.0.113.7",
        billingAddress: email == nil ? nil : Address(firstName: "First\(id)", lastName: email?.components(separatedBy: "@").first, address1: "\(id) Main St", city: "Springfield", zip: "12345"),
        subtotalPrice: usd(total), totalPrice: usd(total), totalDiscounts: usd(0), totalTax: usd(0),
        lineItems: lines, tags: note.isEmpty ? [] : [note], test: test, refunds: refunds)
}

func event(
    shopID: Int64, _ payload: WebhookPayload, topic: WebhookTopic, webhookID: String, body: Data? = nil,
    receivedAt: String = "2024-03-15T12:00:00Z"
) -> IncomingEvent {
    // Shopify's own shape, with the shop's offsets, so a replay decodes exactly what was ingested.
    let rawBody = body ?? ShopifyJSON.encode(payload, timeZone: TimeZone(identifier: "America/New_York")!)
    return IncomingEvent(shopID: shopID, topic: topic, webhookID: webhookID, body: rawBody, payload: payload,
                         receivedAt: utc(receivedAt), source: .webhook, apiVersion: "2024-01")
}

func orderEvent(shopID: Int64, _ order: Order, webhookID: String? = nil, topic: WebhookTopic = .ordersUpdated) -> IncomingEvent {
    event(shopID: shopID, .order(order), topic: topic, webhookID: webhookID ?? "order-\(order.id)-\(order.updatedAt.timeIntervalSince1970)")
}
