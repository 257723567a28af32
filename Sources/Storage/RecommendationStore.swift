import Foundation

/// Recommendations' inputs (orders as baskets, the catalog with stock and cost, a customer's
/// purchases), the precomputed model (neighbour lists per product, shop-wide popular and trending
/// lists, and the runs that wrote them), merchant rules, and the log of served responses.
///
/// Product ids are Shopify's; times are seconds since 1970. A model is saved in one transaction,
/// so the serving cache never loads half of one run and half of another.
///
/// ```swift
/// var cursor: BasketCursor? = nil
/// while case let page = try await store.recommendationBaskets(shopID: id, after: cursor, limit: 50_000), let last = page.last {
///     miner.add(page); cursor = BasketCursor(after: last)
/// }
/// let run = try await store.saveRecommendationModel(run, neighbours: rows, popular: popular, keepRuns: 20)
/// let cache = try await store.recommendationNeighbourLists(shopID: id)
/// ```
public protocol RecommendationStore: Sendable {
    // MARK: Inputs

    /// Orders as baskets, oldest first by (created at, order id), strictly after `after` when
    /// given, at most `limit` when given. Test orders, cancelled orders, gift-card lines and lines
    /// without a product are left out, and so is an order none of whose lines remain, so a page
    /// shorter than `limit` is the last one.
    func recommendationBaskets(shopID: Int64, after: BasketCursor?, limit: Int?) async throws -> [OrderBasketRow]
    /// Every product of the shop with its lowest price, stock and unit cost, by product id.
    func recommendationCatalog(shopID: Int64) async throws -> [RecommendableProduct]
    /// Every product's stock (nil = not tracked), by product id: the cheap refresh between runs.
    func recommendationAvailability(shopID: Int64) async throws -> [ProductAvailability]
    /// What the customer bought over their non-test, non-cancelled orders, by product id.
    func customerPurchases(shopID: Int64, customerID: Int64) async throws -> [CustomerPurchase]

    // MARK: Model

    /// Records the run (its `id` is ignored) and replaces ALL of the shop's neighbour and popular
    /// rows, in one transaction; keeps the newest `keepRuns` (at least 1) run rows.
    func saveRecommendationModel(_ run: RecommendationRun, neighbours: [NeighbourRow], popular: [PopularRow],
                                 keepRuns: Int) async throws -> RecommendationRun
    /// Records the run and replaces the neighbour rows of `productIDs` only (a product listed without
    /// rows loses its rows), and the popular rows when `popular` is given, in one transaction.
    /// Rows of products not in `productIDs` are ignored.
    func updateRecommendationNeighbours(_ run: RecommendationRun, productIDs: [Int64], neighbours: [NeighbourRow],
                                        popular: [PopularRow]?, keepRuns: Int) async throws -> RecommendationRun
    func latestRecommendationRun(shopID: Int64) async throws -> RecommendationRun?
    /// Newest first.
    func recommendationRuns(shopID: Int64, limit: Int) async throws -> [RecommendationRun]

    /// Every neighbour row of the shop, ordered by product, kind and rank. Ranks read back as
    /// positions 0, 1, … in the saved rank order.
    func recommendationNeighbours(shopID: Int64) async throws -> [NeighbourRow]
    /// The same as lists (one per product and kind, same order), without a struct per neighbour:
    /// what the serving cache should load.
    func recommendationNeighbourLists(shopID: Int64) async throws -> [NeighbourList]
    /// One product's rows, ordered by kind and rank.
    func recommendationNeighbours(shopID: Int64, productID: Int64) async throws -> [NeighbourRow]
    /// The shop-wide lists, ordered by kind and rank.
    func recommendationPopular(shopID: Int64) async throws -> [PopularRow]

    // MARK: Merchant rules

    /// Ordered by product (0, every page, first), then position and target.
    func recommendationRules(shopID: Int64) async throws -> [RecommendationRule]
    /// Inserts the rule, or replaces the rule of the same shop, product and target.
    func setRecommendationRule(_ rule: RecommendationRule) async throws
    /// Whether there was such a rule.
    @discardableResult
    func deleteRecommendationRule(shopID: Int64, productID: Int64, targetID: Int64) async throws -> Bool

    // MARK: Response log

    /// Appends a batch of served responses in one transaction.
    func appendRecommendationLog(shopID: Int64, _ entries: [RecommendationLogEntry]) async throws
    /// Newest first.
    func recommendationLog(shopID: Int64, limit: Int) async throws -> [RecommendationLogEntry]
    func recommendationLogCount(shopID: Int64) async throws -> Int
    /// Deletes every shop's entries older than `before` (seconds since 1970); returns how many.
    @discardableResult
    func pruneRecommendationLog(before: Int64) async throws -> Int
    /// customers/redact: deletes the shop's entries of one customer (by the hash the server logged); returns how many.
    @discardableResult
    func deleteRecommendationLog(shopID: Int64, customerHash: String) async throws -> Int
}

extension RecommendationStore {
    /// How many run rows a shop keeps when the caller does not say.
    public static var defaultKeptRecommendationRuns: Int { 50 }

    public func saveRecommendationModel(_ run: RecommendationRun, neighbours: [NeighbourRow],
                                        popular: [PopularRow]) async throws -> RecommendationRun {
        try await saveRecommendationModel(run, neighbours: neighbours, popular: popular, keepRuns: Self.defaultKeptRecommendationRuns)
    }

    public func updateRecommendationNeighbours(_ run: RecommendationRun, productIDs: [Int64], neighbours: [NeighbourRow],
                                               popular: [PopularRow]?) async throws -> RecommendationRun {
        try await updateRecommendationNeighbours(run, productIDs: productIDs, neighbours: neighbours, popular: popular,
                                                 keepRuns: Self.defaultKeptRecommendationRuns)
    }
}
