import Recommendations
import Storage

/// What the engine keeps in memory per shop to answer a request without reading the database:
/// the neighbour lists as a model over dense indices, the servable catalog, stock, margins,
/// product types and the merchant's rules.
struct RecommendationSnapshot: Sendable {
    let runID: Int64?
    let version: String
    /// Dense index → product, and back. Only catalog products are servable.
    let products: [RecommendableProduct]
    let index: [Int64: Int32]
    let recommender: Recommender
    let groups: [Int32]
    let margin: [Float]?
    /// Units per product (nil: not tracked) and whether it may be shown; refreshed between versions.
    var units: [Int?]
    var available: [Bool]
    /// Pins and blocks by the product page they apply to (0 = every page).
    var rules: [Int64: [RecommendationRule]]
    let shopCurrency: String
    /// Key for customer hashes in the log (the shop's secret: a hash of a small integer id
    /// without a secret key could be reversed by trying every id).
    let customerHashKey: String
    var loadedAt: ContinuousClock.Instant
    var checkedAt: ContinuousClock.Instant
    var stockAt: ContinuousClock.Instant

    init(run: RecommendationRun?, catalog: [RecommendableProduct], neighbours: [NeighbourList], popular: [PopularRow],
         rules: [RecommendationRule], options: RecommendationOptions, shopCurrency: String, customerHashKey: String) {
        let now = ContinuousClock.now
        runID = run?.id
        version = run?.version ?? "none"
        let servable = catalog.filter { !options.hiddenStatuses.contains(($0.status ?? "active").lowercased()) && $0.priceMinor != nil }
        products = servable
        var index: [Int64: Int32] = [:]
        index.reserveCapacity(servable.count)
        for (i, product) in servable.enumerated() { index[product.productID] = Int32(i) }
        self.index = index
        let count = servable.count

        var lists: [SignalKind: [[Neighbour]]] = [:]
        for kind in RecommendationJob.listKinds { lists[kind] = [[Neighbour]](repeating: [], count: count) }
        // Each stored list is in rank order; neighbours no longer servable are dropped.
        for list in neighbours {
            guard let kind = SignalKind(rawValue: list.kind), lists[kind] != nil, let item = index[list.productID] else { continue }
            var entries: [Neighbour] = []
            entries.reserveCapacity(list.neighbourIDs.count)
            for i in list.neighbourIDs.indices {
                guard let neighbour = index[list.neighbourIDs[i]] else { continue }
                entries.append(Neighbour(item: neighbour, score: list.scores[i], count: Int(list.evidence[i])))
            }
            lists[kind]![Int(item)] = entries
        }
        var popularList: [Neighbour] = [], trending: [Neighbour] = []
        for row in popular.sorted(by: { $0.rank < $1.rank }) {
            guard let item = index[row.productID] else { continue }
            let n = Neighbour(item: item, score: row.score, count: row.evidence)
            if row.kind == SignalKind.trending.rawValue { trending.append(n) } else if row.kind == SignalKind.popular.rawValue { popularList.append(n) }
        }
        let model = RecommendationModel(
            itemCount: count, basketCount: run?.orders ?? 0, boughtTogether: lists[.boughtTogether]!,
            alsoBought: lists[.alsoBought]!, completeTheLook: lists[.completeTheLook]!, popular: popularList, trending: trending)
        recommender = Recommender(model: model, weights: options.weights)

        var types = ItemVocabulary<String>()
        groups = servable.map { product in
            guard let type = product.productType?.trimmingCharacters(in: .whitespaces).lowercased(), !type.isEmpty else { return -1 }
            return types.index(for: type)
        }
        var margins = [Float](repeating: .nan, count: count)
        var anyMargin = false
        for (i, product) in servable.enumerated() {
            if let cost = product.unitCostMinor, let price = product.priceMinor, price > 0 {
                margins[i] = Float(price - cost) / Float(price)
                anyMargin = true
            }
        }
        margin = anyMargin ? margins : nil
        units = servable.map(\.available)
        available = servable.map { ($0.available ?? 1) > 0 }
        self.rules = Dictionary(grouping: rules, by: \.productID)
        self.shopCurrency = shopCurrency
        self.customerHashKey = customerHashKey
        loadedAt = now; checkedAt = now; stockAt = now
    }

    /// Stock from a cheap refresh; products not listed keep their state.
    mutating func apply(_ stock: [ProductAvailability]) {
        for row in stock {
            guard let item = index[row.productID] else { continue }
            units[Int(item)] = row.available
            available[Int(item)] = (row.available ?? 1) > 0
        }
        stockAt = .now
    }
}
