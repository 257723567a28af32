import Commerce
import Foundation
@testable import Storage
import Testing
import TestSupport

/// `LifecycleInputs` on both backends (the conformance suite), on a small ingested shop (America/New_York).
@Suite struct LifecycleInputsTests {
    /// Tee (Apparel: variants 101 at $20, 102 at $25), Mug (Kitchen: 201 at $12), a draft (301).
    func products() -> [Product] {
        [
            Product(id: 10, title: "Tee", productType: "Apparel", status: "active", updatedAt: utc("2024-02-01T00:00:00Z"), variants: [
                Variant(id: 101, productID: 10, title: "S", price: usd(2000)),
                Variant(id: 102, productID: 10, title: "M", price: usd(2500)),
            ]),
            Product(id: 20, title: "Mug", productType: "Kitchen", status: "active", updatedAt: utc("2024-02-01T00:00:00Z"), variants: [
                Variant(id: 201, productID: 20, title: "Default Title", price: usd(1200)),
            ]),
            Product(id: 30, title: "Old", productType: "Apparel", status: "draft", updatedAt: utc("2024-02-01T00:00:00Z"), variants: [
                Variant(id: 301, productID: 30, title: "Default Title", price: usd(900)),
            ]),
        ]
    }

    func item(_ id: Int64, product: Int64, variant: Int64, quantity: Int, price: Int64, discount: Int64 = 0) -> LineItem {
        LineItem(id: id, productID: product, variantID: variant, title: "Item \(id)", quantity: quantity, price: usd(price),
                 totalDiscount: usd(discount))
    }

    /// Nine events: three products, six orders (1, 2, 5 in the window; 3 cancelled, 4 a test; 6 after it).
    func ingestShop(_ database: ConformanceDatabase) async throws -> Int64 {
        let shop = try await database.makeShop()
        let customer = Customer(id: 900, email: "a@example.com")
        let orders = [
            makeOrder(id: 1, createdAt: "2024-03-01T15:00:00Z", lines: [
                item(11, product: 10, variant: 101, quantity: 1, price: 2000), item(12, product: 20, variant: 201, quantity: 2, price: 1200),
            ], customer: customer),
            makeOrder(id: 2, createdAt: "2024-03-05T15:00:00Z", lines: [
                item(21, product: 10, variant: 102, quantity: 1, price: 2500, discount: 500),
            ], customer: customer, channel: .pos),
            makeOrder(id: 3, createdAt: "2024-03-04T15:00:00Z", lines: [item(31, product: 20, variant: 201, quantity: 1, price: 1200)],
                      customer: customer, cancelledAt: "2024-03-04T16:00:00Z"),
            makeOrder(id: 4, createdAt: "2024-03-04T15:00:00Z", lines: [item(41, product: 20, variant: 201, quantity: 1, price: 1200)],
                      customer: customer, test: true),
            makeOrder(id: 5, createdAt: "2024-03-07T15:00:00Z", lines: [item(51, product: 20, variant: 201, quantity: 1, price: 1200)]),
            makeOrder(id: 6, createdAt: "2024-03-10T15:00:00Z", lines: [item(61, product: 20, variant: 201, quantity: 1, price: 1200)],
                      customer: customer),
        ]
        var events = products().map { event(shopID: shop.id, .product($0), topic: .productsCreate, webhookID: "p\($0.id)") }
        events += orders.map { orderEvent(shopID: shop.id, $0, topic: .ordersCreate) }
        _ = try await database.ingest(events)
        return shop.id
    }

    @Test(arguments: Backend.all) func eventRangeOfTheShop(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let shopID = try await ingestShop(database)
        // A fresh database: sequences 1…9.
        #expect(try await database.store.eventRange(shopID: shopID) == EventRange(firstEventID: 1, lastEventID: 9, count: 9))
        let empty = try await database.makeShop(domain: "empty.myshopify.com")
        #expect(try await database.store.eventRange(shopID: empty.id) == EventRange(firstEventID: 0, lastEventID: 0, count: 0))
    }

    @Test(arguments: Backend.all) func projectionDigestOfNamedTables(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let shopID = try await ingestShop(database)
        let store = database.store
        #expect(try await store.projectionDigest(shopID: shopID, tables: SQLiteMigrations.projectionTables.map(\.name))
                == store.projectionDigest(shopID: shopID))
        #expect(try await store.projectionDigest(shopID: shopID, tables: ["orders", "line_items"])
                == store.projectionDigest(shopID: shopID, tables: ["line_items", "orders"]))
        #expect(try await store.projectionDigest(shopID: shopID, tables: ["orders"])
                != store.projectionDigest(shopID: shopID, tables: ["line_items"]))

        // A new customer changes the customers digest, not the demand one.
        let demand = try await store.projectionDigest(shopID: shopID, tables: ["daily_demand"])
        let customers = try await store.projectionDigest(shopID: shopID, tables: ["customers"])
        _ = try await database.ingest([event(shopID: shopID, .customer(Customer(id: 901, email: "b@example.com",
                                                                                   updatedAt: utc("2024-03-02T00:00:00Z"))),
                                             topic: .customersCreate, webhookID: "c901")])
        #expect(try await store.projectionDigest(shopID: shopID, tables: ["daily_demand"]) == demand)
        #expect(try await store.projectionDigest(shopID: shopID, tables: ["customers"]) != customers)

        await #expect(throws: UnknownProjectionTableError(table: "order_lines")) {
            try await store.projectionDigest(shopID: shopID, tables: ["orders", "order_lines"])
        }
    }

    @Test(arguments: Backend.all) func catalogSnapshotHoldsActiveProductsVariants(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let shopID = try await ingestShop(database)
        #expect(try await database.store.catalogSnapshot(shopID: shopID) == [
            CatalogEntry(variantID: 101, productID: 10, priceMinor: 2000),
            CatalogEntry(variantID: 102, productID: 10, priceMinor: 2500),
            CatalogEntry(variantID: 201, productID: 20, priceMinor: 1200),
        ])
    }

    @Test(arguments: Backend.all) func orderFeatureRowsOfCountedOrdersInTheWindow(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let shopID = try await ingestShop(database)
        let rows = try await database.store.orderFeatureRows(
            shopID: shopID, from: utc("2024-03-01T00:00:00Z"), to: utc("2024-03-10T15:00:00Z"))
        #expect(rows == [
            // 2000 + 2 × 1200; the Mug line (2400) is larger than the Tee (2000).
            OrderFeatureRow(orderID: 1, createdAt: utc("2024-03-01T15:00:00Z"), day: "2024-03-01", totalMinor: 4400, lineCount: 2,
                            units: 3, channel: "online", discounted: false, priorOrders: 0, topProductType: "Kitchen"),
            // 2500 − 500 discount; one earlier counted order (3 is cancelled, 4 a test).
            OrderFeatureRow(orderID: 2, createdAt: utc("2024-03-05T15:00:00Z"), day: "2024-03-05", totalMinor: 2000, lineCount: 1,
                            units: 1, channel: "pos", discounted: true, priorOrders: 1, topProductType: "Apparel"),
            // No customer.
            OrderFeatureRow(orderID: 5, createdAt: utc("2024-03-07T15:00:00Z"), day: "2024-03-07", totalMinor: 1200, lineCount: 1,
                            units: 1, channel: "online", discounted: false, priorOrders: nil, topProductType: "Kitchen"),
        ])
        let later = try await database.store.orderFeatureRows(
            shopID: shopID, from: utc("2024-03-10T15:00:00Z"), to: utc("2024-03-11T00:00:00Z"))
        #expect(later.map(\.orderID) == [6] && later.first?.priorOrders == 2)
    }

    /// The same events give the same digest, table by table, on SQLite and PostgreSQL (what a
    /// model version records, so `db copy` keeps "trained on unchanged data" recognisable).
    @Test func projectionDigestIsTheSameOnBothBackends() async throws {
        guard TestPostgres.isAvailable else { return TestPostgres.noteSkipped() }
        let sqlite = try await ConformanceDatabase(.sqlite)
        let postgres = try await ConformanceDatabase(.postgres)
        let sqliteShop = try await ingestShop(sqlite)
        let postgresShop = try await ingestShop(postgres)
        for table in SQLiteMigrations.projectionTables.map(\.name) {
            #expect(try await sqlite.store.projectionDigest(shopID: sqliteShop, tables: [table])
                    == postgres.store.projectionDigest(shopID: postgresShop, tables: [table]), "\(table)")
        }
        #expect(try await sqlite.store.projectionDigest(shopID: sqliteShop, tables: ["orders", "daily_demand"])
                == postgres.store.projectionDigest(shopID: postgresShop, tables: ["daily_demand", "orders"]))
    }
}
