import Commerce
import Foundation
import GRDB
@testable import Storage
import Testing

/// `inventorySnapshot` and `unitsOnOrder` on Shopify-shaped events ingested through the log, on every backend.
@Suite struct ReplenishmentSnapshotTests {
    static let store77: Int64 = 77

    /// A small catalog (tee in two sizes, a mug without stock tracking, two gift cards, a hat
    /// that gets deleted), stock levels at the online location (0) and the Downtown store (77),
    /// and orders in every fulfillment state.
    func seed(_ db: ConformanceDatabase, shopID: Int64) async throws {
        let at = utc("2024-03-01T00:00:00Z")
        let products = [
            Product(id: 500, title: "Tee", vendor: "Acme", productType: "Shirts", updatedAt: at, variants: [
                // Listed on 10 January: the snapshot carries it so a new listing is not read as dead stock.
                Variant(id: 11, productID: 500, title: "S", sku: "TEE-S", price: usd(1500), inventoryItemID: 7011,
                        createdAt: utc("2024-01-10T09:00:00Z")),
                Variant(id: 12, productID: 500, title: "M", sku: "TEE-M", price: usd(1600), inventoryItemID: 7012),
            ]),
            Product(id: 700, title: "Mug", updatedAt: at, variants: [
                Variant(id: 31, productID: 700, title: "Default Title", sku: "MUG", price: usd(800)),
            ]),
            Product(id: 600, title: "Gift Card", productType: "Gift Card", updatedAt: at, variants: [
                Variant(id: 21, productID: 600, title: "$50", price: usd(5000), inventoryItemID: 7021),
            ]),
            // A gift card that only its order lines reveal.
            Product(id: 610, title: "E-voucher", updatedAt: at, variants: [
                Variant(id: 22, productID: 610, title: "$25", price: usd(2500), inventoryItemID: 7022),
            ]),
            Product(id: 800, title: "Old hat", vendor: "Acme", updatedAt: at, variants: [
                Variant(id: 41, productID: 800, title: "One size", price: usd(900), inventoryItemID: 7041),
            ]),
        ]
        func level(_ item: Int64, _ location: Int64, _ available: Int?) -> IncomingEvent {
            event(shopID: shopID, .inventoryLevel(InventoryLevel(inventoryItemID: item, locationID: location, available: available,
                                                                  updatedAt: utc("2024-03-14T15:00:00Z"))),
                  topic: .inventoryLevelsUpdate, webhookID: "inv-\(item)-\(location)")
        }
        var events = products.map { event(shopID: shopID, .product($0), topic: .productsCreate, webhookID: "p\($0.id)") }
        events.append(event(shopID: shopID, .location(Location(id: Self.store77, name: "Downtown", isPOS: true)),
                            topic: .locationsCreate, webhookID: "loc77"))
        events += [
            level(7011, Self.store77, 5), level(7011, 0, 12), level(7012, Self.store77, nil), level(7021, Self.store77, 100),
            level(7022, Self.store77, 40), level(7041, Self.store77, 3),
            level(9999, Self.store77, 4),  // an inventory item no variant names
        ]
        var fulfilled = makeOrder(id: 2002, createdAt: "2024-03-15T14:00:00Z", lines: [line(3, variant: 11, quantity: 3, price: 1500)])
        fulfilled.fulfillmentStatus = "fulfilled"
        var partial = makeOrder(id: 2003, createdAt: "2024-03-15T15:00:00Z",
                                lines: [line(4, variant: 11, quantity: 1, price: 1500), line(5, variant: 12, quantity: 4, price: 1600)],
                                locationID: Self.store77, channel: .pos)
        partial.fulfillmentStatus = "partial"
        let orders = [
            makeOrder(id: 2001, createdAt: "2024-03-15T13:00:00Z",
                      lines: [line(1, variant: 11, quantity: 2, price: 1500), line(2, variant: 31, quantity: 1, price: 800)]),
            fulfilled, partial,
            makeOrder(id: 2004, createdAt: "2024-03-15T16:00:00Z", lines: [line(6, variant: 11, quantity: 5, price: 1500)],
                      cancelledAt: "2024-03-15T17:00:00Z"),
            makeOrder(id: 2005, createdAt: "2024-03-15T16:30:00Z", lines: [line(7, variant: 11, quantity: 7, price: 1500)], test: true),
            makeOrder(id: 2006, createdAt: "2024-03-15T18:00:00Z", lines: [
                line(8, variant: 21, quantity: 1, price: 5000, giftCard: true), line(9, variant: 22, quantity: 1, price: 2500, giftCard: true),
                line(10, variant: 12, quantity: 2, price: 1600),
            ]),
            makeOrder(id: 2007, createdAt: "2024-03-15T19:00:00Z", lines: [line(11, variant: 41, quantity: 1, price: 900)],
                      locationID: Self.store77, channel: .pos),
            makeOrder(id: 2008, createdAt: "2024-03-15T20:00:00Z", lines: [line(12, variant: 11, quantity: 4, price: 1500)]),
        ]
        events += orders.map { orderEvent(shopID: shopID, $0, topic: .ordersCreate) }
        events.append(event(shopID: shopID, .productDeleted(id: 800), topic: .productsDelete, webhookID: "p800-delete"))
        _ = try await db.ingest(events)
    }

    func row(_ variant: Int64, _ location: Int64, available: Int?, committed: Int) -> InventoryRow {
        let tee = variant == 11 || variant == 12
        return InventoryRow(
            variantID: variant, locationID: location, productID: tee ? 500 : 700, productTitle: tee ? "Tee" : "Mug",
            variantTitle: [11: "S", 12: "M", 31: "Default Title"][variant]!, sku: [11: "TEE-S", 12: "TEE-M", 31: "MUG"][variant],
            vendor: tee ? "Acme" : nil, productType: tee ? "Shirts" : nil, priceMinor: [11: 1500, 12: 1600, 31: 800][variant]!,
            currency: "USD", locationName: location == Self.store77 ? "Downtown" : nil, available: available, committed: committed,
            listedAt: variant == 11 ? utc("2024-01-10T09:00:00Z") : nil)
    }

    @Test(arguments: Backend.all) func snapshotJoinsStockDemandAndOpenOrders(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        try await seed(db, shopID: shop.id)
        let store: any ReplenishmentStore = db.store
        // committed, by hand (open = not cancelled, not test, fulfillment NULL or partial):
        //   (11, 0):  order 2001 (2) + order 2008 (4) = 6; 2002 is fulfilled, 2004 cancelled, 2005 a test.
        //   (11, 77): order 2003, partial, 1.      (12, 77): order 2003, 4.
        //   (12, 0):  order 2006, 2 (its gift-card lines do not count).   (31, 0): order 2001, 1.
        // available: Shopify's level through the variant's inventory item; 7012 at 77 is untracked (nil);
        //   (12, 0) and (31, 0) have demand but no level (nil).
        // Left out: 21 (product type Gift Card), 22 (sold as a gift-card line), 41 (product deleted),
        //   item 9999 (no variant).
        let expected = [
            row(11, 0, available: 12, committed: 6), row(11, 77, available: 5, committed: 1),
            row(12, 0, available: nil, committed: 2), row(12, 77, available: nil, committed: 4),
            row(31, 0, available: nil, committed: 1),
        ]
        #expect(try await store.inventorySnapshot(shopID: shop.id) == expected)

        // Order 2008 ships: its 4 units are no longer committed at (11, 0): 6 − 4 = 2.
        var shipped = makeOrder(id: 2008, createdAt: "2024-03-15T20:00:00Z", updatedAt: "2024-03-16T09:00:00Z",
                                lines: [line(12, variant: 11, quantity: 4, price: 1500)])
        shipped.fulfillmentStatus = "fulfilled"
        _ = try await db.ingest([orderEvent(shopID: shop.id, shipped, topic: .ordersUpdated)])
        let after = try await store.inventorySnapshot(shopID: shop.id)
        #expect(after.first == row(11, 0, available: 12, committed: 2))
        #expect(Array(after.dropFirst()) == Array(expected.dropFirst()))

        // Another shop sees nothing of this one.
        let other = try await db.makeShop(domain: "other.myshopify.com")
        #expect(try await store.inventorySnapshot(shopID: other.id).isEmpty)
    }

    /// SQLite only: it checks SQLite's query plan (the pinned index and join order).
    @Test func snapshotUsesTheOpenOrdersIndexAndALooseDemandScan() async throws {
        let db = try TestDatabase()
        let plan = try await db.store.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(SQLiteStore.snapshotSQL)", arguments: [1])
                .map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(plan.contains("orders_open"))
        #expect(plan.contains("line_items_gift_card"))
        #expect(!plan.contains("SCAN daily_demand"))
        #expect(!plan.contains("SCAN o "))
    }

    @Test(arguments: Backend.all) func unitsOnOrderCountOnlyOrderedPurchaseOrders(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let store: any ReplenishmentStore = db.store
        let at = utc("2024-04-01T06:00:00Z")
        func order(_ vendor: String, _ lines: [(Int64, Int64, Int)]) -> PurchaseOrderDraft {
            PurchaseOrderDraft(shopID: shop.id, planRunID: 0, vendor: vendor, createdAt: at, updatedAt: at, expectedArrivalDay: "2024-04-15",
                               currency: "USD", lines: lines.map { PurchaseOrderLine(variantID: $0.0, locationID: $0.1, sku: nil, title: "Item",
                                                                                      quantity: $0.2, suggestedQuantity: $0.2, unitCostMinor: 700, reason: "") })
        }
        let run = ReplenishmentPlanRun(shopID: shop.id, forecastRunID: 1, createdAt: at, asOfDay: "2024-03-31", lineCount: 0,
                                       orderLineCount: 3, durationSeconds: 0.1)
        _ = try await store.saveReplenishmentPlan(run, lines: [], transfers: [], drafts: [
            order("Acme", [(11, 0, 10), (12, 0, 6)]), order("Beta", [(11, 0, 5), (31, 77, 2)]), order("Gamma", [(11, 0, 100)]),
        ], keepPlans: 5)
        let drafts = try await store.purchaseOrders(shopID: shop.id, statuses: [])
        let byVendor = Dictionary(uniqueKeysWithValues: drafts.map { ($0.vendor, $0.id) })
        for vendor in ["Acme", "Beta"] {
            _ = try await store.setPurchaseOrderStatus(shopID: shop.id, orderID: byVendor[vendor]!, status: .approved, expectedArrivalDay: nil)
            _ = try await store.setPurchaseOrderStatus(shopID: shop.id, orderID: byVendor[vendor]!, status: .ordered, expectedArrivalDay: nil)
        }
        // Acme and Beta are ordered; Gamma is still a draft and does not count.
        // (11, 0): 10 + 5 = 15; (12, 0): 6; (31, 77): 2.
        #expect(try await store.unitsOnOrder(shopID: shop.id) == [
            VariantLocation(variantID: 11, locationID: 0): 15, VariantLocation(variantID: 12, locationID: 0): 6,
            VariantLocation(variantID: 31, locationID: 77): 2,
        ])
        // Received goods are on hand, no longer on order: (11, 0) = 10, (12, 0) = 6 leave.
        _ = try await store.setPurchaseOrderStatus(shopID: shop.id, orderID: byVendor["Acme"]!, status: .received, expectedArrivalDay: nil)
        #expect(try await store.unitsOnOrder(shopID: shop.id) == [
            VariantLocation(variantID: 11, locationID: 0): 5, VariantLocation(variantID: 31, locationID: 77): 2,
        ])
    }
}
