/// What baskets draw from on a day that differs from the opening catalog: the products launched so
/// far and the product-type and units multipliers of the demand shifts in force.
struct BasketMix: Sendable {
    /// Items that can be drawn (merchandise of the opening catalog, then launched items).
    var merchandise: [Int]
    /// Draw tables over `merchandise`: popularity × the type's multiplier.
    var onlineTable: AliasTable
    var posTable: AliasTable
    /// Multiplier of each product's type (by product index), for complements and favourites.
    var productFactor: [Double]
    var giftCardFactor: Double
    var unitsMultiplier: Double

    /// The mix of products `0..<productLimit` under `typeFactors` and `unitsMultiplier`.
    init(catalog: Catalog, productLimit: Int, typeFactors: [String: Double], unitsMultiplier: Double) {
        var merchandise = catalog.merchandise
        for product in catalog.openingProductCount..<productLimit {
            merchandise.append(contentsOf: catalog.productItems[product])
        }
        self.merchandise = merchandise
        let itemFactor = merchandise.map { typeFactors[catalog.items[$0].productType] ?? 1 }
        let online = merchandise.indices.map { catalog.items[merchandise[$0]].onlinePopularity * itemFactor[$0] }
        let pos = merchandise.indices.map { catalog.items[merchandise[$0]].posPopularity * itemFactor[$0] }
        precondition(online.contains { $0 > 0 } && pos.contains { $0 > 0 },
                     "demandShifts.productTypeMultipliers leave no product to sell")
        onlineTable = AliasTable(weights: online)
        posTable = AliasTable(weights: pos)
        productFactor = catalog.products.map { typeFactors[$0.productType ?? ""] ?? 1 }
        giftCardFactor = typeFactors["Gift Cards"] ?? 1
        self.unitsMultiplier = unitsMultiplier
    }
}
