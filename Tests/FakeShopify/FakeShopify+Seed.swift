import Commerce
import Foundation
import Simulation

/// Filling the fake store.
extension FakeShopify {
    /// Adds (or updates, later `updatedAt` winning) the given objects.
    public func seed(products: [Product] = [], customers: [Customer] = [], locations: [Commerce.Location] = [],
                     inventory: [InventoryLevel] = [], orders: [Order] = []) async {
        await state.seed(products: products, customers: customers, locations: locations, inventory: inventory, orders: orders)
    }

    /// Folds a simulator's webhook stream into the store (catalog, locations, customers, stock, orders,
    /// later updates winning) until `orderLimit` distinct orders were created. Returns the orders held.
    @discardableResult
    public func seed(from simulator: StoreSimulator, orderLimit: Int = .max) async -> Int {
        var products: [Product] = []
        var deleted: [Int64] = []
        var customers: [Customer] = []
        var levels: [InventoryLevel] = []
        var orders: [Int64: Order] = [:]
        var locations = simulator.locations
        for event in simulator.events() {
            switch event.payload {
            case .order(let order):
                if orders[order.id] == nil, orders.count >= orderLimit { break }
                if let old = orders[order.id], old.updatedAt > order.updatedAt { break }
                orders[order.id] = order
            case .product(let product): products.append(product)
            case .productDeleted(let id): deleted.append(id)
            case .customer(let customer): customers.append(customer)
            case .inventoryLevel(let level): levels.append(level)
            case .location(let location): locations.append(location)
            default: break
            }
            if orders.count >= orderLimit, event.topic == .ordersCreate { break }
        }
        await state.seed(products: products, customers: customers, locations: locations, inventory: levels,
                         orders: orders.values.sorted { $0.id < $1.id }, deletedProducts: deleted,
                         shop: simulator.shop)
        return await orderCount
    }

    /// `count` deterministic synthetic orders (1–3 lines over the seeded catalog, or a 20-product catalog
    /// made here), spread over two years from 2024-01-01, among `customers` customers. Seconds for 50,000.
    public func seedSyntheticOrders(count: Int, customers customerCount: Int = 1_000, seed: UInt64 = 42) async {
        await state.seedSynthetic(count: count, customerCount: customerCount, seed: seed)
    }
}

extension FakeShopState {
    func seed(products: [Product], customers: [Customer], locations: [Commerce.Location], inventory: [InventoryLevel],
              orders: [Order], deletedProducts: [Int64] = [], shop: Shop? = nil) {
        if let shop {
            data.shopName = shop.name; data.currency = shop.currency; data.timeZone = shop.timeZone
            if let id = shop.id { data.shopID = id }
        }
        for location in locations { data.upsert(location) }
        for product in products { data.upsert(product) }
        for id in deletedProducts { data.deleteProduct(id) }
        for customer in customers { data.upsert(customer) }
        for level in inventory { data.upsert(level) }
        let fresh = orders.filter { data.orders[$0.id] == nil }
        data.insert(orders: fresh)
        for order in orders where !fresh.contains(where: { $0.id == order.id }) { data.upsert(order) }
        for order in fresh { if let customer = order.customer, data.customers[customer.id] == nil { data.upsert(customer) } }
    }

    func seedSynthetic(count: Int, customerCount: Int, seed: UInt64) {
        var random = SyntheticRandom(state: seed)
        let start = Date(timeIntervalSince1970: 1_704_067_200) // 2024-01-01T00:00:00Z
        let span = 2 * 365 * 86_400.0
        if data.products.isEmpty {
            if data.locations.isEmpty { data.upsert(Commerce.Location(id: 80_000_000_001, name: "Warehouse", isPOS: false)) }
            for index in 0..<20 {
                let productID = Int64(8_000_000_000 + index)
                let variant = Variant(id: Int64(4_000_000_000 + index), productID: productID, title: "Default Title", sku: "SYN-\(index)",
                                      price: Money(minorUnits: Int64(500 + index * 250), currency: data.currency),
                                      inventoryItemID: Int64(4_500_000_000 + index), inventoryQuantity: 100, createdAt: start, updatedAt: start)
                data.upsert(Product(id: productID, title: "Synthetic product \(index + 1)", vendor: "Vendor \(index % 4 + 1)",
                                    productType: "Goods", status: "active", createdAt: start, updatedAt: start, variants: [variant]))
                for location in data.locations.keys {
                    data.upsert(InventoryLevel(inventoryItemID: variant.inventoryItemID!, locationID: location, available: 100, updatedAt: start))
                }
            }
        }
        let variants = data.products.keys.sorted().flatMap { data.products[$0]!.variants }
        let customers = (0..<max(1, customerCount)).map { index in
            Customer(id: Int64(5_000_000_000 + index), email: "customer\(index)@example.com", firstName: "Customer", lastName: String(index),
                     state: "enabled", currency: data.currency, createdAt: start, updatedAt: start)
        }
        data.insert(customers: customers.filter { data.customers[$0.id] == nil })
        let firstID = Int64(6_000_000_000) + Int64(data.orders.count)
        var orders: [Order] = []
        orders.reserveCapacity(count)
        for index in 0..<count {
            let created = start.addingTimeInterval(span * Double(index) / Double(max(1, count)))
            let lineCount = 1 + Int(random.next() % 3)
            var lines: [LineItem] = []
            var subtotal: Int64 = 0
            for line in 0..<lineCount {
                let variant = variants[Int(random.next() % UInt64(variants.count))]
                let quantity = 1 + Int(random.next() % 3)
                subtotal += variant.price.minorUnits * Int64(quantity)
                lines.append(LineItem(id: (firstID + Int64(index)) * 10 + Int64(line), productID: variant.productID, variantID: variant.id,
                                      title: data.products[variant.productID]?.title ?? variant.title, variantTitle: variant.title, sku: variant.sku,
                                      quantity: quantity, price: variant.price, totalDiscount: .zero(data.currency)))
            }
            let customer = customers[Int(random.next() % UInt64(customers.count))]
            let id = firstID + Int64(index)
            orders.append(Order(id: id, name: "#\(1001 + data.orders.count + index)", orderNumber: 1001 + data.orders.count + index,
                                email: customer.email, createdAt: created, processedAt: created, updatedAt: created.addingTimeInterval(60),
                                currency: data.currency, channel: .web, customer: customer, financialStatus: "paid",
                                subtotalPrice: Money(minorUnits: subtotal, currency: data.currency),
                                totalPrice: Money(minorUnits: subtotal, currency: data.currency),
                                totalDiscounts: .zero(data.currency), totalTax: .zero(data.currency), lineItems: lines))
        }
        data.insert(orders: orders)
    }
}
