/// The co-purchase structure of the catalog: which products go together and which sell as kits.
extension CatalogBuilder {
    private static let coffee = 0, tea = 1, mugs = 2, brewing = 3, filters = 4, chocolate = 5

    /// Complementary pairs: each brewer with its own filter, mugs with tea, tea with infusers,
    /// coffee with paper filters and something sweet.
    static func linkComplements(
        _ complements: inout [[Catalog.Complement]], productsOfKind: [[Int]], popularity: [Double],
        productItems: [[Int]], rng: inout Xoshiro256StarStar
    ) {
        let kinds = productsOfKind
        for (i, device) in kinds[brewing].enumerated() {
            if i < kinds[filters].count {
                let filter = kinds[filters][i]
                complements[device].append(.init(product: filter, probability: 0.45))
                complements[filter].append(.init(product: device, probability: 0.03))
            } else if let filter = kinds[filters].first {
                complements[device].append(.init(product: filter, probability: 0.2))
            }
        }
        for mug in kinds[mugs] {
            if !kinds[tea].isEmpty {
                complements[mug].append(.init(product: kinds[tea][rng.int(below: kinds[tea].count)], probability: 0.3))
            }
            if !kinds[coffee].isEmpty {
                complements[mug].append(.init(product: kinds[coffee][rng.int(below: kinds[coffee].count)], probability: 0.1))
            }
        }
        let teaAccessories = kinds[filters].enumerated().filter { $0.offset == 8 || $0.offset == 9 }.map(\.element)
        for t in kinds[tea] where !teaAccessories.isEmpty {
            complements[t].append(.init(product: teaAccessories[rng.int(below: teaAccessories.count)], probability: 0.1))
        }
        // Pour-over drinkers restock paper filters with their beans: each coffee has the filter its
        // buyers use, which makes coffee + filter the store's most common pair, as in real cafés.
        let paperFilters = Array(kinds[filters].prefix(3))
        for (n, c) in kinds[coffee].enumerated() {
            if !paperFilters.isEmpty {
                complements[c].append(.init(product: paperFilters[n % paperFilters.count], probability: 0.2))
            }
            if !kinds[chocolate].isEmpty {
                complements[c].append(.init(product: kinds[chocolate][rng.int(below: kinds[chocolate].count)], probability: 0.04))
            }
        }
    }

    /// Kits sold together: a pour-over starter, a cold-brew kit and a tea set, where the catalog has
    /// their parts.
    static func bundles(productsOfKind kinds: [[Int]], productItems: [[Int]], popularity: [Double]) -> [[Int]] {
        func at(_ kind: Int, _ index: Int) -> Int? { index < kinds[kind].count ? kinds[kind][index] : nil }
        let topCoffee = kinds[coffee].max { a, b in
            productItems[a].reduce(0) { $0 + popularity[$1] } < productItems[b].reduce(0) { $0 + popularity[$1] }
        }
        let candidates: [[Int?]] = [
            [at(brewing, 0), at(filters, 0), topCoffee],
            [at(brewing, 5), at(filters, 5), at(coffee, 24) ?? topCoffee],
            [at(mugs, 0), at(tea, 0), at(filters, 8)],
        ]
        return candidates.map { $0.compactMap { $0 } }.filter { $0.count >= 2 }
    }
}
