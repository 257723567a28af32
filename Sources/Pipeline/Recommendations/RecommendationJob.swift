import Foundation
import Logging
import Recommendations
import Storage

/// Precomputes a shop's recommendations: reads its orders as baskets, trains co-purchase,
/// also-bought and complete-the-look neighbour lists plus best sellers and trending products,
/// and stores them as one model version.
///
/// `build` reads everything and replaces every list in one transaction; `update` continues from a
/// kept `RecommendationState`, reads only orders after its cursor and replaces the lists of the
/// products those orders touched (an incremental version `r12.3`). A full build now and then
/// (the service's schedule) also picks up cancellations and catalog changes.
///
/// ```swift
/// let job = RecommendationJob(store: store)
/// var state = try await job.build(shopID: shop.id)
/// // … orders arrive …
/// try await job.update(&state)
/// ```
public struct RecommendationJob: Sendable {
    public typealias Store = RecommendationStore

    let store: any Store
    let options: RecommendationOptions
    let logger: Logger
    /// Orders read per query, so a large shop is read in pages, not one huge array of rows.
    let pageSize: Int
    /// Run rows kept per shop.
    let keepRuns: Int

    public init(store: any Store, options: RecommendationOptions = .init(), pageSize: Int = 50_000, keepRuns: Int = 50,
                logger: Logger = Logger(label: "storewise.recommendations")) {
        self.store = store; self.options = options; self.pageSize = pageSize; self.keepRuns = keepRuns; self.logger = logger
    }

    /// Trains from every order of the shop and stores a new full version.
    public func build(shopID: Int64, progress: (@Sendable (Int) -> Void)? = nil) async throws -> RecommendationState {
        let started = ContinuousClock.now
        let catalog = try await store.recommendationCatalog(shopID: shopID)
        var products = ItemVocabulary<Int64>()
        var productTypes = ItemVocabulary<String>()
        for product in catalog { _ = products.index(for: product.productID) }
        var customers = ItemVocabulary<Int64>()
        var trainer = RecommendationTrainer(configuration: options.training)
        var cursor: BasketCursor?
        var orders = 0
        while true {
            let page = try await store.recommendationBaskets(shopID: shopID, after: cursor, limit: pageSize)
            for row in page {
                trainer.add(Self.basket(row, products: &products, customers: &customers))
            }
            orders += page.count
            progress?(orders)
            guard let last = page.last else { break }
            cursor = BasketCursor(after: last)
            if page.count < pageSize { break }
        }
        guard orders > 0 else { throw RecommendationError.noBaskets(shopID: shopID) }
        trainer.setGroups(Self.groups(catalog, products: products, types: &productTypes))
        let model = trainer.model()
        let (neighbours, popular) = Self.rows(model, products: products, items: 0..<Int32(model.itemCount))
        let latest = try await store.latestRecommendationRun(shopID: shopID)
        let run = RecommendationRun(
            shopID: shopID, createdAt: Int64(Date().timeIntervalSince1970), version: "r\((latest?.id ?? 0) + 1)", kind: "full",
            orders: orders, products: model.itemCount, pairs: neighbours.count, parameters: parameters(),
            durationMs: Self.milliseconds(since: started))
        let saved = try await store.saveRecommendationModel(run, neighbours: neighbours, popular: popular, keepRuns: keepRuns)
        logger.info("recommendations built", metadata: [
            "shop": "\(shopID)", "version": "\(saved.version)", "orders": "\(orders)", "products": "\(model.itemCount)",
            "neighbours": "\(neighbours.count)", "ms": "\(saved.durationMs)",
        ])
        return RecommendationState(shopID: shopID, trainer: trainer, products: products, customers: customers,
                                   productTypes: productTypes, cursor: cursor, fullRun: saved, builtAt: Date())
    }

    /// Adds the orders placed after the state's cursor and replaces the lists of the products they
    /// touched; nil when no order arrived.
    @discardableResult
    public func update(_ state: inout RecommendationState) async throws -> RecommendationRun? {
        let started = ContinuousClock.now
        var orders = 0
        var newProducts = false
        while true {
            let page = try await store.recommendationBaskets(shopID: state.shopID, after: state.cursor, limit: pageSize)
            for row in page {
                let known = state.products.count
                state.trainer.add(Self.basket(row, products: &state.products, customers: &state.customers))
                newProducts = newProducts || state.products.count > known
            }
            orders += page.count
            guard let last = page.last else { break }
            state.cursor = BasketCursor(after: last)
            if page.count < pageSize { break }
        }
        guard orders > 0 else { return nil }
        if newProducts {
            // A product first sold now: read its type, so complete-the-look and diversity know it.
            let catalog = try await store.recommendationCatalog(shopID: state.shopID)
            state.trainer.setGroups(Self.groups(catalog, products: state.products, types: &state.productTypes))
        }
        let touched = state.trainer.takeTouchedItems()
        var neighbours: [NeighbourRow] = []
        for kind in Self.listKinds {
            // The many-item call computes the lists on the trainer's threads.
            let lists = state.trainer.neighbours(of: touched, kind: kind)
            for (item, list) in zip(touched, lists) {
                for (rank, n) in list.enumerated() {
                    neighbours.append(NeighbourRow(productID: state.products.key(at: item), kind: kind.rawValue, rank: rank,
                                                   neighbourID: state.products.key(at: n.item), score: n.score, evidence: n.count))
                }
            }
        }
        let popular = Self.popularRows(state.trainer.popularity(), products: state.products)
        state.increments += 1
        let run = RecommendationRun(
            shopID: state.shopID, createdAt: Int64(Date().timeIntervalSince1970),
            version: "\(state.fullRun.version).\(state.increments)", kind: "incremental",
            orders: orders, products: touched.count, pairs: neighbours.count, parameters: parameters(),
            durationMs: Self.milliseconds(since: started))
        let saved = try await store.updateRecommendationNeighbours(
            run, productIDs: touched.map { state.products.key(at: $0) }, neighbours: neighbours, popular: popular, keepRuns: keepRuns)
        state.latestRun = saved
        logger.debug("recommendations updated", metadata: [
            "shop": "\(state.shopID)", "version": "\(saved.version)", "orders": "\(orders)", "products": "\(touched.count)",
        ])
        return saved
    }

    // MARK: - Conversions

    static let listKinds: [SignalKind] = [.boughtTogether, .alsoBought, .completeTheLook]

    static func basket(_ row: OrderBasketRow, products: inout ItemVocabulary<Int64>, customers: inout ItemVocabulary<Int64>) -> Basket {
        Basket(id: String(row.orderID), customer: row.customerID.map { customers.index(for: $0) }, time: row.createdAt,
               items: row.productIDs.map { products.index(for: $0) })
    }

    /// Product type per dense item, `-1` for none (products only seen in orders, or untyped).
    static func groups(_ catalog: [RecommendableProduct], products: ItemVocabulary<Int64>, types: inout ItemVocabulary<String>) -> [Int32] {
        var groups = [Int32](repeating: -1, count: products.count)
        for product in catalog {
            guard let index = products.index(of: product.productID),
                  let type = product.productType?.trimmingCharacters(in: .whitespaces), !type.isEmpty else { continue }
            groups[Int(index)] = types.index(for: type.lowercased())
        }
        return groups
    }

    static func rows(_ model: RecommendationModel, products: ItemVocabulary<Int64>, items: Range<Int32>) -> ([NeighbourRow], [PopularRow]) {
        var neighbours: [NeighbourRow] = []
        neighbours.reserveCapacity(items.count * 20)
        for item in items {
            let productID = products.key(at: item)
            for kind in listKinds {
                for (rank, n) in model.neighbours(of: item, kind: kind).enumerated() {
                    neighbours.append(NeighbourRow(productID: productID, kind: kind.rawValue, rank: rank,
                                                   neighbourID: products.key(at: n.item), score: n.score, evidence: n.count))
                }
            }
        }
        return (neighbours, popularRows((model.popular, model.trending), products: products))
    }

    static func popularRows(_ lists: (popular: [Neighbour], trending: [Neighbour]), products: ItemVocabulary<Int64>) -> [PopularRow] {
        var rows: [PopularRow] = []
        for (kind, list) in [(SignalKind.popular, lists.popular), (.trending, lists.trending)] {
            for (rank, n) in list.enumerated() {
                rows.append(PopularRow(kind: kind.rawValue, rank: rank, productID: products.key(at: n.item), score: n.score, evidence: n.count))
            }
        }
        return rows
    }

    func parameters() -> [String: String] {
        let t = options.training
        return [
            "neighbours": "\(t.neighbours)", "min_co_purchases": "\(t.minimumCoPurchases)", "shrinkage": "\(t.shrinkage)",
            "similarity": "\(t.similarity)",
        ]
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let d = ContinuousClock.now - start
        return Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }
}
