import Commerce
import Foundation

/// Everything the fake store holds, as one value: the actor mutates it, and queries and bulk runs
/// read a copy (copy-on-write), so a bulk file is written from a consistent snapshot.
struct FakeShopData: Sendable {
    var shopID: Int64 = 1
    var shopName = "Storewise Demo"
    var domain: String
    var currency = "USD"
    var timeZone = "UTC"

    var products: [Int64: Product] = [:]
    private(set) var productIDs: [Int64] = []
    /// Variant id → (product id, index in the product's variants).
    private(set) var variantIndex: [Int64: Int64] = [:]
    /// Inventory item id → variant id.
    private(set) var inventoryItemIndex: [Int64: Int64] = [:]
    var customers: [Int64: Customer] = [:]
    private(set) var customerIDs: [Int64] = []
    var locations: [Int64: Commerce.Location] = [:]
    private(set) var locationIDs: [Int64] = []
    /// Inventory item → location → level.
    var inventory: [Int64: [Int64: InventoryLevel]] = [:]
    var orders: [Int64: Order] = [:] {
        didSet { orderIDsByUpdatedAt = nil; customerStatsCache = nil }
    }
    private(set) var orderIDs: [Int64] = []
    /// Order ids by (updatedAt, id): incremental sync pages with `sortKey: UPDATED_AT`; kept until an order changes.
    private(set) var orderIDsByUpdatedAt: [Int64]?
    /// Orders and money spent per customer (`numberOfOrders`, `amountSpent`); kept until an order changes.
    private(set) var customerStatsCache: [Int64: (orders: Int, spent: Int64)]?

    var metafields: [String: [FakeMetafield]] = [:]
    var risks: [Int64: [FakeRiskAssessment]] = [:]
    var draftOrders: [FakeDraftOrder] = []
    var discounts: [FakeDiscount] = []
    var subscriptions: [FakeWebhookSubscription] = []
    var bulkOperations: [FakeBulkOperation] = []
    /// Ids for objects the fake creates (metafields, draft orders, discounts, subscriptions, bulk operations).
    var nextID: Int64 = 7_000_000_000_001

    init(domain: String) { self.domain = domain }

    mutating func makeID() -> Int64 { defer { nextID += 1 }; return nextID }

    // MARK: - Upserts (later `updatedAt` wins)

    mutating func upsert(_ product: Product) {
        if let existing = products[product.id], let old = existing.updatedAt, let new = product.updatedAt, new < old { return }
        if products[product.id] == nil { Self.insertSorted(product.id, into: &productIDs) }
        products[product.id] = product
        for variant in product.variants {
            variantIndex[variant.id] = product.id
            if let item = variant.inventoryItemID { inventoryItemIndex[item] = variant.id }
        }
    }

    mutating func deleteProduct(_ id: Int64) {
        guard let product = products.removeValue(forKey: id) else { return }
        productIDs.removeAll { $0 == id }
        for variant in product.variants {
            variantIndex[variant.id] = nil
            if let item = variant.inventoryItemID { inventoryItemIndex[item] = nil }
        }
    }

    mutating func upsert(_ customer: Customer) {
        if let existing = customers[customer.id], let old = existing.updatedAt, let new = customer.updatedAt, new < old { return }
        if customers[customer.id] == nil { Self.insertSorted(customer.id, into: &customerIDs) }
        customers[customer.id] = customer
    }

    mutating func upsert(_ location: Commerce.Location) {
        if locations[location.id] == nil { Self.insertSorted(location.id, into: &locationIDs) }
        locations[location.id] = location
    }

    mutating func upsert(_ level: InventoryLevel) {
        if let old = inventory[level.inventoryItemID]?[level.locationID], level.updatedAt < old.updatedAt { return }
        inventory[level.inventoryItemID, default: [:]][level.locationID] = level
    }

    mutating func upsert(_ order: Order) {
        if let existing = orders[order.id], order.updatedAt < existing.updatedAt { return }
        if orders[order.id] == nil { Self.insertSorted(order.id, into: &orderIDs) }
        orders[order.id] = order
        if let customer = order.customer, customers[customer.id] == nil { upsert(customer) }
    }

    /// Many orders at once (seeding 50,000): one sort instead of 50,000 inserts.
    mutating func insert(orders newOrders: [Order]) {
        for order in newOrders {
            if orders[order.id] == nil { orderIDs.append(order.id) }
            orders[order.id] = order
        }
        orderIDs.sort()
    }

    mutating func insert(customers newCustomers: [Customer]) {
        for customer in newCustomers {
            if customers[customer.id] == nil { customerIDs.append(customer.id) }
            customers[customer.id] = customer
        }
        customerIDs.sort()
    }

    /// Computes the caches queries read, before a snapshot is taken.
    mutating func prepareCaches() {
        if orderIDsByUpdatedAt == nil {
            let orders = self.orders
            orderIDsByUpdatedAt = orderIDs.sorted { (orders[$0]!.updatedAt, $0) < (orders[$1]!.updatedAt, $1) }
        }
        if customerStatsCache == nil { customerStatsCache = customerStats() }
    }

    /// The variant whose inventory item this is.
    func variant(inventoryItem id: Int64) -> Variant? { inventoryItemIndex[id].flatMap { variant($0) } }

    func variant(_ id: Int64) -> Variant? {
        guard let productID = variantIndex[id] else { return nil }
        return products[productID]?.variants.first { $0.id == id }
    }

    /// Every inventory level, by item then location.
    var allLevels: [InventoryLevel] {
        inventory.keys.sorted().flatMap { item in inventory[item]!.keys.sorted().map { inventory[item]![$0]! } }
    }

    private static func insertSorted(_ id: Int64, into ids: inout [Int64]) {
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        ids.insert(id, at: low)
    }
}
