import Commerce
import Foundation
import Pipeline
import Storage
import TestSupport

/// A UTC shop with seven products, their stock, three customers and eight orders, ingested
/// through the real SQLite store, then the recommendation job's full build (`r1`).
///
/// Products (variant = product × 10 + 1, inventory item = variant × 10):
///
/// | id | title | type | price | stock |
/// |---|---|---|---|---|
/// | 910 | Pour-over Dripper | Brewing | 30.00 | 10 |
/// | 920 | Paper Filters | Filters | 6.00 | 40 |
/// | 930 | House Blend | Coffee | 12.50 | 5 |
/// | 940 | Harbour Mug | Mugs | 15.00 | 0 (sold out) |
/// | 950 | Gooseneck Kettle | Kettles | 45.00 | not tracked (no level) |
/// | 960 | Tea Towel | Linen | 8.00 | 3 |
/// | 970 | Burr Grinder | Grinders | 120.00 | 2 (never ordered) |
///
/// Orders (2024-03-01 … 03-08, noon UTC; customers 7001 Ada, 7002 Bob, 7003 Cy; 7009 exists but never ordered):
///
/// | order | who | products |
/// |---|---|---|
/// | 101 | Ada | 910, 920 |
/// | 102 | Bob | 910, 920, 930 |
/// | 103 | Cy | 910, 920, 940 |
/// | 104 | guest | 910, 930, 940 |
/// | 105 | guest | 920, 930 |
/// | 106 | Ada | 930, 950 |
/// | 107 | Bob | 960 |
/// | 108 | guest | 910, 940 |
///
/// By hand, orders holding 910 together with: 920 in 101, 102, 103 = 3; 930 in 102, 104 = 2;
/// 940 in 103, 104, 108 = 3; 950 and 960 never. Customers who bought 910 (Ada, Bob, Cy) and also
/// 920: all 3; also 930: Ada (106) and Bob = 2. Orders per product: 910 5, 920 4, 930 4, 940 3,
/// 950 1, 960 1, 970 0. So product 910's page has bought-together neighbours 920 (3) and 930 (2)
/// at the job's minimum of 2 co-purchases; 940 (3) is a neighbour too but sold out.
enum RecommendationFixture {
    static let dripper: Int64 = 910, filters: Int64 = 920, blend: Int64 = 930, mug: Int64 = 940
    static let kettle: Int64 = 950, towel: Int64 = 960, grinder: Int64 = 970
    static let ada: Int64 = 7001, bob: Int64 = 7002, cy: Int64 = 7003, neverOrdered: Int64 = 7009

    static let products: [(id: Int64, title: String, type: String, cents: Int64, stock: Int?)] = [
        (910, "Pour-over Dripper", "Brewing", 3000, 10), (920, "Paper Filters", "Filters", 600, 40),
        (930, "House Blend", "Coffee", 1250, 5), (940, "Harbour Mug", "Mugs", 1500, 0),
        (950, "Gooseneck Kettle", "Kettles", 4500, nil), (960, "Tea Towel", "Linen", 800, 3),
        (970, "Burr Grinder", "Grinders", 12000, 2),
    ]

    static let orders: [(id: Int64, customer: Int64?, day: Int, products: [Int64])] = [
        (101, 7001, 1, [910, 920]), (102, 7002, 2, [910, 920, 930]), (103, 7003, 3, [910, 920, 940]),
        (104, nil, 4, [910, 930, 940]), (105, nil, 5, [920, 930]), (106, 7001, 6, [930, 950]),
        (107, 7002, 7, [960]), (108, nil, 8, [910, 940]),
    ]

    /// The shop with its orders and (when `build`) the recommendation model built.
    static func makeApp(build: Bool = true) async throws -> TestApp {
        let app = try await TestApp(timeZone: "UTC")
        let shopID = app.shop.id
        var events: [IncomingEvent] = []
        func add(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) {
            events.append(IncomingEvent(shopID: shopID, topic: topic, webhookID: id, body: ShopifyJSON.encode(payload), payload: payload,
                                        receivedAt: Date(), source: .webhook))
        }
        let updated = SampleOrders.date("2024-02-01T00:00:00Z")
        for p in products {
            let variant = Variant(id: p.id * 10 + 1, productID: p.id, title: "Default Title", sku: "SKU-\(p.id)",
                                  price: SampleOrders.usd(p.cents), inventoryItemID: (p.id * 10 + 1) * 10)
            add(.product(Product(id: p.id, title: p.title, vendor: "Harbour Goods", productType: p.type,
                                 handle: p.title.lowercased().replacingOccurrences(of: " ", with: "-"), status: "active",
                                 updatedAt: updated, variants: [variant])), .productsCreate, "p\(p.id)")
            if let stock = p.stock {
                add(.inventoryLevel(InventoryLevel(inventoryItemID: variant.id * 10, locationID: 1, available: stock, updatedAt: updated)),
                    .inventoryLevelsUpdate, "inv\(p.id)")
            }
        }
        var customers: [Int64: Customer] = [:]
        for (id, email) in [(ada, "ada@example.com"), (bob, "bob@example.com"), (cy, "cy@example.com"), (neverOrdered, "dee@example.com")] {
            let customer = SampleOrders.customer(id: id, email: email)
            customers[id] = customer
            add(.customer(customer), .customersCreate, "c\(id)")
        }
        for o in orders {
            // SampleOrders makes line i's product id variant / 10 and prices it at `cents`.
            let lines = o.products.map { id in (variant: id * 10 + 1, quantity: 1, cents: products.first { $0.id == id }!.cents) }
            var order = SampleOrders.order(id: o.id, name: "#\(o.id)", createdAt: "2024-03-0\(o.day)T12:00:00Z", lines: lines,
                                           customer: o.customer.flatMap { customers[$0] })
            if o.customer == nil { order.email = nil }
            add(.order(order), .ordersCreate, "o\(o.id)")
        }
        _ = try await app.store.ingest(events)
        if build { _ = try await RecommendationJob(store: app.store).build(shopID: shopID) }
        return app
    }

    static func json(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw FixtureError.notJSON(text)
        }
        return object
    }

    /// The `products` of a recommendations response.
    static func products(_ text: String) throws -> [[String: Any]] {
        guard let list = try json(text)["products"] as? [[String: Any]] else { throw FixtureError.notJSON(text) }
        return list
    }

    /// The product ids of a recommendations response, in order.
    static func ids(_ text: String) throws -> [Int64] {
        try products(text).compactMap { ($0["product_id"] as? Int).map(Int64.init) }
    }

    enum FixtureError: Error { case notJSON(String) }
}
