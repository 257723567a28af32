import Commerce
import Foundation

/// Products launched after the opening catalog, drawn the way the opening ones were.
extension CatalogBuilder {
    /// Appends `count` new products to `catalog`, created at `time` (Unix seconds), and returns
    /// their product indices. Types cycle through `types`, or follow the kinds' usual shares when
    /// it is empty. Ids continue the catalog's sequences; all other randomness comes from `rng`,
    /// so the opening catalog is the same with or without launches.
    static func launch(
        _ count: Int, types: [String], into catalog: inout Catalog, at time: Int64,
        rng: inout Xoshiro256StarStar, ids: inout Xoshiro256StarStar
    ) -> Range<Int> {
        let first = catalog.products.count
        let kinds = ProductKind.all
        let kindTable = AliasTable(weights: kinds.map(\.share))
        let currency = catalog.items[0].price.currency
        let date = Date(timeIntervalSince1970: TimeInterval(time))
        let rankedProducts = catalog.openingProductCount - 1  // the gift card has no rank
        for k in 0..<count {
            let kind = types.isEmpty
                ? kinds[kindTable.sample(&rng)] : kinds.first { $0.type == types[k % types.count] }!
            let siblings = catalog.products.indices.filter { catalog.products[$0].productType == kind.type }
            let n = siblings.count
            let title = n < kind.names.count
                ? kind.names[n] : "\(kind.names[n % kind.names.count]) No. \(n / kind.names.count + 1)"
            let productID = catalog.idSequences.product.next(&ids)
            let variantCount = Self.variantCount(&rng)
            let base = rng.int(in: kind.basePrice)
            let costShare = rng.uniform(kind.costShare.lowerBound, kind.costShare.upperBound)
            let vendor = ProductKind.vendors[kind.vendorIndex]
            var shares = (0..<variantCount).map { _ in rng.gamma(shape: 1) }
            shares.sort(by: >)
            shares[0] += 0.5 * shares.reduce(0, +)
            let shareTotal = shares.reduce(0, +)
            // A launch is as popular as a product of random rank in the opening long tail.
            let zipf = 1 / pow(Double(rng.int(below: max(1, rankedProducts)) + 1), 0.9)
            var variants: [Variant] = []
            var indices: [Int] = []
            for v in 0..<variantCount {
                let price = Self.retailPrice(Double(base) * kind.optionPriceFactors[v])
                let variant = Variant(
                    id: catalog.idSequences.variant.next(&ids), productID: productID, title: kind.options[v],
                    sku: "\(kind.skuCode)-\(Self.padded(n + 1))-\(v + 1)", price: Money(minorUnits: price, currency: currency),
                    inventoryItemID: catalog.idSequences.inventoryItem.next(&ids), createdAt: date, updatedAt: date)
                variants.append(variant)
                indices.append(catalog.items.count)
                catalog.itemProduct.append(catalog.products.count)
                catalog.itemVendor.append(kind.vendorIndex)
                let share = shares[v] / shareTotal
                catalog.items.append(CatalogItem(
                    variant: variant, productTitle: title, productType: kind.type, vendor: vendor.name,
                    cost: Money(minorUnits: Int64((Double(price) * costShare).rounded()), currency: currency),
                    leadTimeDays: vendor.leadTimeDays, packSize: kind.packSize, isGiftCard: false,
                    onlinePopularity: kind.onlineWeight * zipf * share / catalog.onlineWeightTotal,
                    posPopularity: kind.posWeight * zipf * share / catalog.posWeightTotal))
            }
            catalog.variantTables.append(AliasTable(weights: shares))
            // It goes with what its kind goes with: a new brewer wants filters like the others.
            let model = siblings.isEmpty ? nil : siblings[rng.int(below: siblings.count)]
            catalog.complements.append(model.map { catalog.complements[$0] } ?? [])
            catalog.productItems.append(indices)
            catalog.products.append(Product(
                id: productID, title: title, vendor: vendor.name, productType: kind.type, handle: Self.handle(title),
                status: "active", tags: [kind.type.lowercased(), "new"], createdAt: date, updatedAt: date,
                variants: variants))
        }
        return first..<catalog.products.count
    }

    /// `price` × `factor` rounded to the nearest price ending in .95, one dollar step away from
    /// `price` if rounding would leave it unchanged.
    static func repriced(_ price: Int64, by factor: Double) -> Int64 {
        let target = Double(price) * factor
        var cents = max(95, Int64(((target - 95) / 100).rounded()) * 100 + 95)
        if cents == price { cents = factor > 1 ? price + 100 : max(95, price - 100) }
        return cents
    }
}
