import Commerce
import Foundation

/// Draws the catalog from `ProductKind`s: names, variants, prices, costs, SKUs, ids, long-tail
/// popularity, complementary pairs and bundles.
struct CatalogBuilder {
    let productCount: Int
    let currency: String
    let shopName: String
    /// Shopify `created_at` of the first product, in Unix seconds.
    let createdAt: Int64

    /// Builds the catalog; all randomness comes from `rng`, ids from `productIDs` & co.
    func build(_ rng: inout Xoshiro256StarStar, ids: inout Xoshiro256StarStar) -> Catalog {
        var sequences = Catalog.IDSequences()
        let kinds = ProductKind.all
        let counts = Self.allocate(productCount, shares: kinds.map(\.share))

        var products: [Product] = []
        var items: [CatalogItem] = []
        var productItems: [[Int]] = []
        var itemProduct: [Int] = []
        var itemVendor: [Int] = []
        var variantTables: [AliasTable] = []
        var productKind: [Int] = []
        var productsOfKind: [[Int]] = Array(repeating: [], count: kinds.count)
        var kindWeights: [(online: Double, pos: Double)] = []

        for (kindIndex, kind) in kinds.enumerated() {
            for n in 0..<counts[kindIndex] {
                let title = n < kind.names.count
                    ? kind.names[n] : "\(kind.names[n % kind.names.count]) No. \(n / kind.names.count + 1)"
                let time = Date(timeIntervalSince1970: TimeInterval(createdAt + Int64(products.count) * 3_607))
                let productID = sequences.product.next(&ids)
                let variantCount = Self.variantCount(&rng)
                let base = rng.int(in: kind.basePrice)
                let costShare = rng.uniform(kind.costShare.lowerBound, kind.costShare.upperBound)
                var variants: [Variant] = []
                var indices: [Int] = []
                for v in 0..<variantCount {
                    let price = Self.retailPrice(Double(base) * kind.optionPriceFactors[v])
                    let variant = Variant(
                        id: sequences.variant.next(&ids), productID: productID, title: kind.options[v],
                        sku: "\(kind.skuCode)-\(Self.padded(n + 1))-\(v + 1)",
                        price: Money(minorUnits: price, currency: currency),
                        inventoryItemID: sequences.inventoryItem.next(&ids), createdAt: time, updatedAt: time)
                    variants.append(variant)
                    indices.append(items.count)
                    itemProduct.append(products.count)
                    itemVendor.append(kind.vendorIndex)
                    let vendor = ProductKind.vendors[kind.vendorIndex]
                    items.append(CatalogItem(
                        variant: variant, productTitle: title, productType: kind.type, vendor: vendor.name,
                        cost: Money(minorUnits: Int64((Double(price) * costShare).rounded()), currency: currency),
                        leadTimeDays: vendor.leadTimeDays, packSize: kind.packSize, isGiftCard: false,
                        onlinePopularity: 0, posPopularity: 0))
                }
                // The first option is usually the best seller; the rest share a long tail.
                var shares = (0..<variantCount).map { _ in rng.gamma(shape: 1) }
                shares.sort(by: >)
                shares[0] += 0.5 * shares.reduce(0, +)
                variantTables.append(AliasTable(weights: shares))
                for (v, i) in indices.enumerated() {
                    items[i].onlinePopularity = shares[v]
                    items[i].posPopularity = shares[v]
                }
                productsOfKind[kindIndex].append(products.count)
                productKind.append(kindIndex)
                kindWeights.append((kind.onlineWeight, kind.posWeight))
                productItems.append(indices)
                products.append(Product(
                    id: productID, title: title, vendor: ProductKind.vendors[kind.vendorIndex].name,
                    productType: kind.type, handle: Self.handle(title), status: "active", tags: [kind.type.lowercased()],
                    createdAt: time, updatedAt: time, variants: variants))
            }
        }

        // Long-tail popularity: a random rank per product, Zipf-like weight 1/(rank+1)^0.9.
        var ranks = Array(0..<products.count)
        rng.shuffle(&ranks)
        let merchandise = Array(items.indices)
        var onlineWeights = [Double](repeating: 0, count: items.count)
        var posWeights = [Double](repeating: 0, count: items.count)
        for p in products.indices {
            let zipf = 1 / pow(Double(ranks[p] + 1), 0.9)
            let variantTotal = productItems[p].reduce(0.0) { $0 + items[$1].onlinePopularity }
            for i in productItems[p] {
                let share = items[i].onlinePopularity / variantTotal
                onlineWeights[i] = kindWeights[p].online * zipf * share
                posWeights[i] = kindWeights[p].pos * zipf * share
            }
        }
        let onlineTotal = onlineWeights.reduce(0, +), posTotal = posWeights.reduce(0, +)
        for i in items.indices {
            items[i].onlinePopularity = onlineWeights[i] / onlineTotal
            items[i].posPopularity = posWeights[i] / posTotal
        }

        var complements = [[Catalog.Complement]](repeating: [], count: products.count)
        Self.linkComplements(&complements, productsOfKind: productsOfKind, popularity: onlineWeights,
                             productItems: productItems, rng: &rng)
        let bundles = Self.bundles(productsOfKind: productsOfKind, productItems: productItems, popularity: onlineWeights)

        // The gift card: one product, three denominations, no stock, no cost.
        let giftTime = Date(timeIntervalSince1970: TimeInterval(createdAt + Int64(products.count) * 3_607))
        let giftID = sequences.product.next(&ids)
        var giftVariants: [Variant] = []
        var giftItems: [Int] = []
        for amount in [2_500, 5_000, 10_000] {
            let variant = Variant(
                id: sequences.variant.next(&ids), productID: giftID, title: "$\(amount / 100)", sku: "GIFT-\(amount / 100)",
                price: Money(minorUnits: Int64(amount), currency: currency),
                inventoryItemID: sequences.inventoryItem.next(&ids), createdAt: giftTime, updatedAt: giftTime)
            giftVariants.append(variant)
            giftItems.append(items.count)
            itemProduct.append(products.count)
            itemVendor.append(-1)
            items.append(CatalogItem(
                variant: variant, productTitle: "Gift Card", productType: "Gift Cards", vendor: shopName,
                cost: .zero(currency), leadTimeDays: 0, packSize: 1, isGiftCard: true,
                onlinePopularity: 0, posPopularity: 0))
        }
        productItems.append(giftItems)
        variantTables.append(AliasTable(weights: [0.35, 0.45, 0.2]))
        complements.append([])
        products.append(Product(
            id: giftID, title: "Gift Card", vendor: shopName, productType: "Gift Cards", handle: "gift-card",
            status: "active", tags: ["gift"], createdAt: giftTime, updatedAt: giftTime, variants: giftVariants))

        return Catalog(
            products: products, items: items, vendors: ProductKind.vendors, productItems: productItems,
            itemProduct: itemProduct, itemVendor: itemVendor, variantTables: variantTables,
            complements: complements, bundles: bundles, merchandise: merchandise,
            onlineTable: AliasTable(weights: merchandise.map { onlineWeights[$0] }),
            posTable: AliasTable(weights: merchandise.map { posWeights[$0] }),
            giftCardItems: giftItems, giftCardTable: AliasTable(weights: [0.35, 0.45, 0.2]),
            onlineWeightTotal: onlineTotal, posWeightTotal: posTotal, openingProductCount: products.count,
            idSequences: sequences)
    }

    /// Largest-remainder split of `total` by `shares`, at least one of each kind when there is room.
    static func allocate(_ total: Int, shares: [Double]) -> [Int] {
        let sum = shares.reduce(0, +)
        let exact = shares.map { Double(total) * $0 / sum }
        var counts = exact.map { total >= shares.count ? max(1, Int($0)) : Int($0) }
        let order = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down)) > (exact[$1] - exact[$1].rounded(.down)) }
        var k = 0
        while counts.reduce(0, +) < total { counts[order[k % order.count]] += 1; k += 1 }
        while counts.reduce(0, +) > total, let i = counts.indices.max(by: { counts[$0] < counts[$1] }) { counts[i] -= 1 }
        return counts
    }

    /// 1–4 variants, two most often.
    static func variantCount(_ rng: inout Xoshiro256StarStar) -> Int {
        let u = rng.uniform()
        return u < 0.25 ? 1 : u < 0.55 ? 2 : u < 0.8 ? 3 : 4
    }

    /// Rounds to a price ending in 95 cents, as retail prices usually do.
    static func retailPrice(_ cents: Double) -> Int64 {
        max(95, Int64(cents / 100) * 100 + 95)
    }

    static func padded(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 3 - s.count)) + s
    }

    static func handle(_ title: String) -> String {
        var out = ""
        var dash = false
        for c in title.lowercased() {
            if c.isLetter || c.isNumber { out.append(c); dash = false } else if !dash && !out.isEmpty { out.append("-"); dash = true }
        }
        return dash ? String(out.dropLast()) : out
    }
}
