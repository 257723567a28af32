import Commerce
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import Storage

@Suite struct SQLitePrivacyTests {
    static let ada = Customer(id: 1, email: "ada@example.com", phone: "+15550001111", firstName: "Ada", lastName: "Lovelace",
                              tags: ["vip"], updatedAt: utc("2024-03-01T00:00:00Z"))
    static let bob = Customer(id: 2, email: "bob@example.com", phone: "+15550002222", firstName: "Bob", lastName: "Babbage",
                              updatedAt: utc("2024-03-01T00:00:00Z"))

    /// Ada: a customer record, an order as a customer, and a guest order named in the request.
    /// Bob: a customer record and an order.
    func seed(_ db: ConformanceDatabase, shopID: Int64) async throws {
        let outcomes = try await db.ingest([
            event(shopID: shopID, .customer(Self.ada), topic: .customersCreate, webhookID: "c1"),
            event(shopID: shopID, .customer(Self.bob), topic: .customersCreate, webhookID: "c2"),
            orderEvent(shopID: shopID, makeOrder(id: 2001, createdAt: "2024-03-05T15:00:00Z", lines: [line(1, variant: 11, quantity: 1, price: 1000)],
                                                 customer: Self.ada, email: "ada@example.com")),
            orderEvent(shopID: shopID, makeOrder(id: 2002, createdAt: "2024-03-06T15:00:00Z", lines: [line(2, variant: 11, quantity: 2, price: 1000)],
                                                 email: "ada@example.com")),
            orderEvent(shopID: shopID, makeOrder(id: 2003, createdAt: "2024-03-06T16:00:00Z", lines: [line(3, variant: 12, quantity: 1, price: 1000)],
                                                 customer: Self.bob, email: "bob@example.com")),
        ])
        #expect(outcomes.allSatisfy { if case .stored = $0 { true } else { false } })
    }

    /// Rows of every table of the database that contain `text` anywhere, as text or bytes.
    func occurrences(of text: String, in db: ConformanceDatabase) async throws -> Int {
        if let sqlite = db.sqlite {
            return try await sqlite.writer.read { db in
                var total = 0
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                for table in tables {
                    let columns = try db.columns(in: table).map(\.name)
                    let condition = columns.map { "instr(CAST(\"\($0)\" AS BLOB), CAST(?1 AS BLOB)) > 0" }.joined(separator: " OR ")
                    total += try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\" WHERE \(condition)", arguments: [text]) ?? 0
                }
                return total
            }
        }
        // PostgreSQL: the row as text (every non-binary column), and each BYTEA column's bytes.
        let postgres = try #require(db.postgres)
        var total = 0
        for row in try await postgres.rows("""
            SELECT t.table_name, coalesce(string_agg(c.column_name, ',') FILTER (WHERE c.data_type = 'bytea'), '')
            FROM information_schema.tables t JOIN information_schema.columns c
              ON c.table_schema = t.table_schema AND c.table_name = t.table_name
            WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' GROUP BY t.table_name
            """) {
            let (table, byteColumns) = try row.decode((String, String).self)
            let bytes = byteColumns.split(separator: ",").map { " OR position(convert_to($1, 'UTF8') IN \"\($0)\") > 0" }.joined()
            var binds = PostgresBindings()
            binds.append(text)
            let found = try await postgres.rows(PostgresQuery(
                unsafeSQL: "SELECT count(*) FROM \"\(table)\" AS r WHERE strpos(r::text, $1) > 0\(bytes)", binds: binds))
            total += Int(try found.first?.decode(Int64.self) ?? 0)
        }
        return total
    }

    /// Events whose raw body contains `text`.
    func eventsContaining(_ text: String, in db: ConformanceDatabase, shopID: Int64) async throws -> Int {
        try await db.store.events(shopID: shopID, after: 0, limit: 1_000)
            .filter { $0.body.range(of: Data(text.utf8)) != nil }.count
    }

    @Test(arguments: Backend.all) func customersRedactForgetsTheCustomerEverywhereAndNoOneElse(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        try await seed(db, shopID: shop.id)
        for text in ["ada@example.com", "+15550001111", "Lovelace", "2001 Main St", "2002 Main St"] {
            #expect(try await occurrences(of: text, in: db) > 0, "seed holds \(text)")
        }
        #expect(try await eventsContaining("ada@example.com", in: db, shopID: shop.id) == 3)
        let demandBefore = try await db.rows("daily_demand", shopID: shop.id)

        let request = CustomerPrivacyRequest(shopID: 9, shopDomain: "demo.myshopify.com", customerID: 1, customerEmail: "ada@example.com",
                                             customerPhone: "+15550001111", orderIDs: [2002], requestID: nil)
        let outcome = try await db.ingest([event(shopID: shop.id, .customersRedact(request), topic: .customersRedact, webhookID: "redact-1")])
        #expect(outcome == [.stored(sequence: 6, applied: true)])

        for text in ["ada@example.com", "+15550001111", "Lovelace", "Ada", "2001 Main St", "2002 Main St", "First2001"] {
            #expect(try await occurrences(of: text, in: db) == 0, "\(text) is gone")
        }
        #expect(try await eventsContaining("ada@example.com", in: db, shopID: shop.id) == 0)
        let customer = try #require(try await db.store.customer(shopID: shop.id, id: 1))
        #expect(customer.email == nil && customer.phone == nil && customer.firstName == nil && customer.lastName == nil)
        #expect(customer.tags == ["vip"])
        for id: Int64 in [2001, 2002] {
            let order = try #require(try await db.store.order(shopID: shop.id, id: id))
            #expect(order.email == nil && order.phone == nil && order.billingAddress == nil && order.browserIP == nil)
            #expect(order.lineItems.count == 1)
        }
        // The redacted bodies still decode: ids, lines and money stay.
        let events = try await db.store.events(shopID: shop.id, after: 0, limit: 100)
        for stored in events {
            _ = try ShopifyJSON.decode(topic: WebhookTopic(stored.topic), body: stored.body, shopCurrency: "USD")
        }
        // Bob is untouched, and so is demand.
        for text in ["bob@example.com", "+15550002222", "Babbage", "2003 Main St"] {
            #expect(try await occurrences(of: text, in: db) > 0, "\(text) is kept")
        }
        #expect(try await db.store.customer(shopID: shop.id, id: 2) == Self.bob)
        #expect(try await db.store.order(shopID: shop.id, id: 2003)?.email == "bob@example.com")
        #expect(try await db.rows("daily_demand", shopID: shop.id) == demandBefore)
    }

    @Test(arguments: Backend.all) func customerDataExportsTheCustomerAndTheirOrders(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        try await seed(db, shopID: shop.id)
        let export = try await db.store.customerData(shopID: shop.id, customerID: 1)
        #expect(export.customer == Self.ada)
        #expect(export.orders.map(\.id) == [2001])
        #expect(export.orders.first?.lineItems.first?.variantID == 11)
        #expect(export.orders.first?.customer == Self.ada)
    }

    @Test(arguments: Backend.all) func deleteShopDataRemovesEveryRowOfThatShopOnly(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let gone = try await db.makeShop(domain: "gone.myshopify.com")
        let kept = try await db.makeShop(domain: "kept.myshopify.com")
        for shop in [gone, kept] {
            try await seed(db, shopID: shop.id)
            _ = try await db.ingest([
                event(shopID: shop.id, .product(Product(id: 500, title: "Tee", updatedAt: utc("2024-03-01T00:00:00Z"), variants: [
                    Variant(id: 11, productID: 500, title: "S", price: usd(1000), inventoryItemID: 7011)])), topic: .productsCreate, webhookID: "p"),
                event(shopID: shop.id, .location(Location(id: 77, name: "Store", isPOS: true)), topic: .locationsCreate, webhookID: "l"),
                event(shopID: shop.id, .inventoryLevel(InventoryLevel(inventoryItemID: 7011, locationID: 77, available: 3,
                                                                      updatedAt: utc("2024-03-07T00:00:00Z"))), topic: .inventoryLevelsUpdate, webhookID: "i"),
                event(shopID: shop.id, .refund(Refund(id: 1, orderID: 2001, createdAt: utc("2024-03-08T00:00:00Z"), lineItems: [
                    RefundLineItem(id: 1, lineItemID: 1, variantID: 11, quantity: 1, restockType: "return", locationID: nil, subtotal: usd(1000))])),
                      topic: .refundsCreate, webhookID: "r"),
            ])
        }
        let tables = ["events"] + SQLiteMigrations.projectionTables.map(\.name)
        var keptCounts: [String: Int] = [:]
        for table in tables {
            #expect(try await db.count("SELECT count(*) FROM \(table) WHERE shop_id = ?", [gone.id]) > 0, "\(table) seeded")
            keptCounts[table] = try await db.count("SELECT count(*) FROM \(table) WHERE shop_id = ?", [kept.id])
        }
        let keptDigest = try await db.store.projectionDigest(shopID: kept.id)
        try await db.store.deleteShopData(shopID: gone.id)
        for table in tables {
            #expect(try await db.count("SELECT count(*) FROM \(table) WHERE shop_id = ?", [gone.id]) == 0, "\(table) emptied")
            #expect(try await db.count("SELECT count(*) FROM \(table) WHERE shop_id = ?", [kept.id]) == keptCounts[table], "\(table) kept")
        }
        #expect(try await db.store.shop(id: gone.id) == nil)
        #expect(try await db.store.shops().map(\.id) == [kept.id])
        #expect(try await db.store.projectionDigest(shopID: kept.id) == keptDigest)
    }
}
