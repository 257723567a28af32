import Commerce
import Foundation

/// Catalog events as they happen: launches and repricings, with their webhooks.
extension SimulationEngine {
    /// Launches a change's products (products/create and their opening stock), then reprices its
    /// variants (one products/update per product, with every variant's current price).
    func apply(_ change: ScenarioPlan.CatalogChange, at time: Int64) {
        let slots = world.locations.count
        for product in change.launched {
            emit(.productsCreate, .product(catalog.products[product]), at: time)
        }
        for product in change.launched {
            for item in catalog.productItems[product] {
                for slot in 0..<slots where world.carriedOnceLaunched[item * slots + slot] {
                    let cell = item * slots + slot
                    inventory.launch(cell, leadTime: catalog.items[item].leadTimeDays, pack: catalog.items[item].packSize)
                    if configuration.emitsInventoryEvents { emitLevel(cell, at: time) }
                }
            }
        }
        guard !change.reprices.isEmpty else { return }
        let date = Self.date(time)
        var touched: [Int] = []
        for reprice in change.reprices {
            let price = Money(minorUnits: reprice.price, currency: configuration.currency)
            let product = catalog.itemProduct[reprice.item]
            let v = catalog.productItems[product].firstIndex(of: reprice.item)!
            catalog.items[reprice.item].variant.price = price
            catalog.items[reprice.item].variant.updatedAt = date
            catalog.products[product].variants[v].price = price
            catalog.products[product].variants[v].updatedAt = date
            catalog.products[product].updatedAt = date
            if touched.last != product && !touched.contains(product) { touched.append(product) }
        }
        for product in touched.sorted() {
            emit(.productsUpdate, .product(catalog.products[product]), at: time)
        }
    }
}
