import Commerce
import Foundation
import Testing
@testable import Storage

/// Daily demand against hand calculations. The shop is in America/New_York: EST (UTC−5) until
/// 2024-03-10 07:00Z, EDT (UTC−4) after.
@Suite struct SQLiteDemandTests {
    static let posLocation: Int64 = 77

    /// Orders across the day boundaries, one cancelled later, one test order, one gift card line.
    func seed(_ db: ConformanceDatabase, shopID: Int64) async throws {
        let orders = [
            // 03:30Z − 5h = 2024-03-09 22:30 EST. Variant 11: 2 × 1500 − 300 = 2700. Variant 12: 999.
            makeOrder(id: 1001, createdAt: "2024-03-10T03:30:00Z",
                      lines: [line(1, variant: 11, quantity: 2, price: 1500, discount: 300), line(2, variant: 12, quantity: 1, price: 999)]),
            // 12:00Z − 4h = 2024-03-10 08:00 EDT. Variant 11: 3 × 1500 = 4500.
            makeOrder(id: 1002, createdAt: "2024-03-10T12:00:00Z", lines: [line(3, variant: 11, quantity: 3, price: 1500)]),
            // 2024-03-11 03:59Z − 4h = 2024-03-10 23:59 EDT, at the POS location: 1500.
            makeOrder(id: 1003, createdAt: "2024-03-11T03:59:00Z", lines: [line(4, variant: 11, quantity: 1, price: 1500)],
                      locationID: Self.posLocation, channel: .pos),
            // 2024-03-11 04:00Z − 4h = 2024-03-11 00:00 EDT. The gift card line is not demand.
            makeOrder(id: 1004, createdAt: "2024-03-11T04:00:00Z",
                      lines: [line(5, variant: 11, quantity: 1, price: 1500), line(6, variant: 99, quantity: 1, price: 5000, giftCard: true)]),
            // A test order never counts.
            makeOrder(id: 1005, createdAt: "2024-03-10T15:00:00Z", lines: [line(7, variant: 11, quantity: 5, price: 1500)], test: true),
        ]
        let outcomes = try await db.ingest(orders.map { orderEvent(shopID: shopID, $0, topic: .ordersCreate) })
        #expect(outcomes.allSatisfy { if case .stored(_, true) = $0 { true } else { false } })
    }

    func rows(_ db: ConformanceDatabase, _ shopID: Int64) async throws -> [DemandDay] {
        try await db.store.demand(shopID: shopID, variantID: nil, locationID: nil, fromDay: nil, toDay: nil, limit: 100)
    }

    @Test(arguments: Backend.all) func ordersLandOnShopLocalDays(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        try await seed(db, shopID: shop.id)
        #expect(try await rows(db, shop.id) == [
            DemandDay(variantID: 11, locationID: 0, day: "2024-03-09", units: 2, refundedUnits: 0, revenueMinor: 2700, inStock: true),
            DemandDay(variantID: 11, locationID: 0, day: "2024-03-10", units: 3, refundedUnits: 0, revenueMinor: 4500, inStock: true),
            DemandDay(variantID: 11, locationID: 0, day: "2024-03-11", units: 1, refundedUnits: 0, revenueMinor: 1500, inStock: true),
            DemandDay(variantID: 11, locationID: 77, day: "2024-03-10", units: 1, refundedUnits: 0, revenueMinor: 1500, inStock: true),
            DemandDay(variantID: 12, locationID: 0, day: "2024-03-09", units: 1, refundedUnits: 0, revenueMinor: 999, inStock: true),
        ])
        // Shop-wide: 03-09 one order (2700 + 999); 03-10 orders 1002 and 1003 (4500 + 1500, one POS);
        // 03-11 order 1004 (1500 + 5000 gift card, 2 units).
        #expect(try await db.store.salesByDay(shopID: shop.id, fromDay: nil, toDay: nil) == [
            SalesDay(day: "2024-03-09", orders: 1, units: 3, revenueMinor: 3699, posOrders: 0),
            SalesDay(day: "2024-03-10", orders: 2, units: 4, revenueMinor: 6000, posOrders: 1),
            SalesDay(day: "2024-03-11", orders: 1, units: 2, revenueMinor: 6500, posOrders: 0),
        ])
        #expect(try await db.store.salesByDay(shopID: shop.id, fromDay: "2024-03-10", toDay: "2024-03-10").map(\.day) == ["2024-03-10"])
    }

    @Test(arguments: Backend.all) func cancellationRemovesDemandAndRefundsAddRefundedUnits(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        try await seed(db, shopID: shop.id)
        let cancelled = makeOrder(id: 1002, createdAt: "2024-03-10T12:00:00Z", updatedAt: "2024-03-12T09:00:00Z",
                                  lines: [line(3, variant: 11, quantity: 3, price: 1500)], cancelledAt: "2024-03-12T09:00:00Z")
        // Refund of one unit of order 1001 at 2024-03-12 02:00Z − 4h = 2024-03-11 22:00 EDT.
        let refund = Refund(id: 900, orderID: 1001, createdAt: utc("2024-03-12T02:00:00Z"), lineItems: [
            RefundLineItem(id: 1, lineItemID: 1, variantID: 11, quantity: 1, restockType: "return", locationID: nil, subtotal: usd(1350)),
        ], amount: usd(1350))
        // Refund of the POS order 1003 at 2024-03-12 15:00Z = 11:00 EDT: a refund-only row, no stock known.
        let posRefund = Refund(id: 901, orderID: 1003, createdAt: utc("2024-03-12T15:00:00Z"), lineItems: [
            RefundLineItem(id: 2, lineItemID: 4, variantID: 11, quantity: 1, restockType: "no_restock", locationID: nil, subtotal: usd(1500)),
        ])
        _ = try await db.ingest([
            orderEvent(shopID: shop.id, cancelled, topic: .ordersCancelled),
            event(shopID: shop.id, .refund(refund), topic: .refundsCreate, webhookID: "r900"),
            event(shopID: shop.id, .refund(posRefund), topic: .refundsCreate, webhookID: "r901"),
        ])
        let v11 = try await db.store.demand(shopID: shop.id, variantID: 11, locationID: nil, fromDay: nil, toDay: nil, limit: 100)
        #expect(v11 == [
            DemandDay(variantID: 11, locationID: 0, day: "2024-03-09", units: 2, refundedUnits: 0, revenueMinor: 2700, inStock: true),
            DemandDay(variantID: 11, locationID: 0, day: "2024-03-11", units: 1, refundedUnits: 1, revenueMinor: 1500, inStock: true),
            DemandDay(variantID: 11, locationID: 77, day: "2024-03-10", units: 1, refundedUnits: 0, revenueMinor: 1500, inStock: true),
            DemandDay(variantID: 11, locationID: 77, day: "2024-03-12", units: 0, refundedUnits: 1, revenueMinor: 0, inStock: false),
        ])
        let order = try #require(try await db.store.order(shopID: shop.id, id: 1001))
        #expect(order.refunds == [refund])
        // A refund embedded in a later order update is the same refund: no double count.
        var updated = makeOrder(id: 1001, createdAt: "2024-03-10T03:30:00Z", updatedAt: "2024-03-12T03:00:00Z",
                                lines: [line(1, variant: 11, quantity: 2, price: 1500, discount: 300), line(2, variant: 12, quantity: 1, price: 999)])
        updated.refunds = [refund]
        _ = try await db.ingest([orderEvent(shopID: shop.id, updated)])
        let after = try await db.store.demand(shopID: shop.id, variantID: 11, locationID: 0, fromDay: "2024-03-11", toDay: "2024-03-11", limit: 10)
        #expect(after.map(\.refundedUnits) == [1])
    }

    @Test(arguments: Backend.all) func stockObservationsSetInStock(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let product = Product(id: 500, title: "Tee", updatedAt: utc("2024-03-01T00:00:00Z"), variants: [
            Variant(id: 11, productID: 500, title: "S", price: usd(1500), inventoryItemID: 7011),
        ])
        func level(_ available: Int?, _ at: String) -> IncomingEvent {
            event(shopID: shop.id, .inventoryLevel(InventoryLevel(inventoryItemID: 7011, locationID: Self.posLocation, available: available, updatedAt: utc(at))),
                  topic: .inventoryLevelsUpdate, webhookID: "inv-\(at)")
        }
        // Unknown item: kept as a level only.
        let unknown = event(shopID: shop.id, .inventoryLevel(InventoryLevel(inventoryItemID: 1, locationID: 77, available: 3, updatedAt: utc("2024-03-13T12:00:00Z"))),
                            topic: .inventoryLevelsUpdate, webhookID: "inv-unknown")
        _ = try await db.ingest([
            event(shopID: shop.id, .product(product), topic: .productsCreate, webhookID: "p500"), unknown,
            level(0, "2024-03-13T14:00:00Z"),  // 10:00 EDT on the 13th: out of stock, nothing sold
            level(4, "2024-03-14T10:00:00Z"),  // restocked on the 14th
        ])
        let sale = makeOrder(id: 3001, createdAt: "2024-03-15T16:00:00Z", lines: [line(1, variant: 11, quantity: 1, price: 1500)],
                             locationID: Self.posLocation, channel: .pos)
        // A refund-only day after the restock: stock carried from the 14th (4) makes it in stock.
        let refund = Refund(id: 950, orderID: 3001, createdAt: utc("2024-03-16T16:00:00Z"), lineItems: [
            RefundLineItem(id: 1, lineItemID: 1, variantID: 11, quantity: 1, restockType: "return", locationID: 77, subtotal: usd(1500)),
        ])
        _ = try await db.ingest([orderEvent(shopID: shop.id, sale), event(shopID: shop.id, .refund(refund), topic: .refundsCreate, webhookID: "r950")])
        #expect(try await rows(db, shop.id) == [
            DemandDay(variantID: 11, locationID: 77, day: "2024-03-13", units: 0, refundedUnits: 0, revenueMinor: 0, inStock: false),
            DemandDay(variantID: 11, locationID: 77, day: "2024-03-14", units: 0, refundedUnits: 0, revenueMinor: 0, inStock: true),
            DemandDay(variantID: 11, locationID: 77, day: "2024-03-15", units: 1, refundedUnits: 0, revenueMinor: 1500, inStock: true),
            DemandDay(variantID: 11, locationID: 77, day: "2024-03-16", units: 0, refundedUnits: 1, revenueMinor: 0, inStock: true),
        ])
        // A late observation for the 12th (stock 2) makes the 13th in stock: it started the day with 2.
        _ = try await db.ingest([level(2, "2024-03-12T20:00:00Z")])
        let thirteenth = try await db.store.demand(shopID: shop.id, variantID: 11, locationID: 77, fromDay: "2024-03-12", toDay: "2024-03-13", limit: 10)
        #expect(thirteenth.map(\.inStock) == [true, true])
        #expect(try await db.count("SELECT available FROM inventory_levels WHERE inventory_item_id = 7011") == 4)
        #expect(try await db.count("SELECT count(*) FROM inventory_levels") == 2)
    }

    /// Online orders name no location; a shop that fulfils them from a warehouse counts their
    /// demand there, beside the warehouse's stock.
    @Test(arguments: Backend.all) func onlineOrdersCountAtTheShopsOnlineLocation(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.store.createShop(
            Shop(domain: "wh.myshopify.com", name: "WH", currency: "USD", timeZone: "America/New_York", onlineLocationID: 55),
            webhookSecret: "s", apiTokenHash: "h-wh", at: utc("2024-01-01T00:00:00Z"))
        #expect(try await db.store.shop(id: shop.id)?.shop.onlineLocationID == 55)
        let product = Product(id: 500, title: "Tee", updatedAt: utc("2024-03-01T00:00:00Z"), variants: [
            Variant(id: 11, productID: 500, title: "S", price: usd(1500), inventoryItemID: 7011),
        ])
        let online = makeOrder(id: 4001, createdAt: "2024-03-20T16:00:00Z", lines: [line(1, variant: 11, quantity: 2, price: 1500)])
        let pos = makeOrder(id: 4002, createdAt: "2024-03-20T17:00:00Z", lines: [line(2, variant: 11, quantity: 1, price: 1500)],
                            locationID: 77, channel: .pos)
        _ = try await db.ingest([
            event(shopID: shop.id, .product(product), topic: .productsCreate, webhookID: "p"),
            // 2024-03-21 14:00Z is 10:00 EDT on the 21st: the warehouse is out of stock.
            event(shopID: shop.id, .inventoryLevel(InventoryLevel(inventoryItemID: 7011, locationID: 55, available: 0, updatedAt: utc("2024-03-21T14:00:00Z"))),
                  topic: .inventoryLevelsUpdate, webhookID: "inv"),
            orderEvent(shopID: shop.id, online), orderEvent(shopID: shop.id, pos),
        ])
        #expect(try await rows(db, shop.id) == [
            DemandDay(variantID: 11, locationID: 55, day: "2024-03-20", units: 2, refundedUnits: 0, revenueMinor: 3000, inStock: true),
            DemandDay(variantID: 11, locationID: 55, day: "2024-03-21", units: 0, refundedUnits: 0, revenueMinor: 0, inStock: false),
            DemandDay(variantID: 11, locationID: 77, day: "2024-03-20", units: 1, refundedUnits: 0, revenueMinor: 1500, inStock: true),
        ])
    }

    /// Shopify does not order deliveries: a stock report that arrives before its product must
    /// give the same demand rows as one that arrives after it.
    @Test(arguments: Backend.all) func stockReportBeforeItsProductGivesTheSameRows(_ backend: Backend) async throws {
        let product = Product(id: 500, title: "Tee", updatedAt: utc("2024-03-01T00:00:00Z"), variants: [
            Variant(id: 11, productID: 500, title: "S", price: usd(1500), inventoryItemID: 7011),
        ])
        var results: [[DemandDay]] = []
        for productFirst in [true, false] {
            let db = try await ConformanceDatabase(backend)
            let shop = try await db.makeShop()
            let productEvent = event(shopID: shop.id, .product(product), topic: .productsCreate, webhookID: "p")
            let stock = event(shopID: shop.id, .inventoryLevel(InventoryLevel(inventoryItemID: 7011, locationID: 77, available: 0, updatedAt: utc("2024-03-13T14:00:00Z"))),
                              topic: .inventoryLevelsUpdate, webhookID: "inv")
            _ = try await db.ingest(productFirst ? [productEvent, stock] : [stock, productEvent])
            results.append(try await rows(db, shop.id))
        }
        #expect(results[0] == [DemandDay(variantID: 11, locationID: 77, day: "2024-03-13", units: 0, refundedUnits: 0, revenueMinor: 0, inStock: false)])
        #expect(results[1] == results[0])
    }
}
