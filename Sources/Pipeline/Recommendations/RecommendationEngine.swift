import Crypto
import Foundation
import Logging
import Recommendations
import Storage
import Synchronization

/// Serves recommendations from memory: per shop, the latest model version's neighbour lists,
/// the servable catalog, stock and the merchant's pins and blocks, refreshed in the background
/// of requests (a version check every few seconds, stock every `stockRefreshSeconds`).
///
/// A request reads the database only for a customer's own purchases (the customer surface, or
/// leaving out what a logged-in shopper bought). Every response is handed to the log writer,
/// which stores it in batches, so lift can be measured later.
///
/// ```swift
/// let engine = RecommendationEngine(store: store, log: writer)
/// let response = try await engine.recommend(RecommendationQuery(shopID: 1, surface: .product(42)))
/// ```
public final class RecommendationEngine: Sendable {
    public typealias Store = RecommendationStore & ShopStore

    let store: any Store
    let options: RecommendationOptions
    let log: RecommendationLogWriter?
    let logger: Logger
    private let snapshots = Mutex<[Int64: RecommendationSnapshot]>([:])
    private let requestCounter = Atomic<UInt64>(0)

    public init(store: any Store, options: RecommendationOptions = .init(), log: RecommendationLogWriter? = nil,
                logger: Logger = Logger(label: "storewise.recommendations")) {
        self.store = store; self.options = options; self.log = log; self.logger = logger
    }

    /// Recommendations for a product page, a cart or a customer, ranked under the merchant's rules.
    public func recommend(_ query: RecommendationQuery) async throws -> RecommendationResponse {
        try await recommend(query, logged: true)
    }

    func recommend(_ query: RecommendationQuery, logged: Bool) async throws -> RecommendationResponse {
        let started = ContinuousClock.now
        guard (1...50).contains(query.limit) else {
            throw RecommendationError.invalid(field: "limit", reason: "must be 1…50, got \(query.limit)")
        }
        let snapshot = try await snapshot(shopID: query.shopID)
        let (request, seedIDs, seedText) = try await request(for: query, snapshot: snapshot)

        var rules = MerchantRules(
            available: snapshot.available, margin: snapshot.margin, marginBoost: options.marginBoost,
            groups: snapshot.groups, maxPerGroup: options.maxPerProductType)
        apply(snapshot.rules[0] ?? [], to: &rules, snapshot: snapshot)
        for id in seedIDs { apply(snapshot.rules[id] ?? [], to: &rules, snapshot: snapshot) }
        let exclude = query.excludePurchased ?? options.excludePurchasedByDefault
        if exclude, let customer = query.customerID {
            let bought = try await purchases(shopID: query.shopID, customerID: customer, snapshot: snapshot)
            rules.purchased = Set(bought.map(\.item))
            rules.excludePurchased = true
        }

        let shown = snapshot.recommender.recommendations(for: request, rules: rules, limit: query.limit)
        let products = shown.map { served($0, snapshot: snapshot) }
        let requestID = query.requestID ?? nextRequestID()
        if logged, let log {
            let latency = ContinuousClock.now - started
            log.append(shopID: query.shopID, RecommendationLogEntry(
                at: Int64(Date().timeIntervalSince1970), requestID: requestID, surface: query.channel == "api" ? query.surface.name : "\(query.surface.name)@\(query.channel)",
                seed: seedText, customerHash: query.customerID.map { Self.customerHash($0, key: snapshot.customerHashKey) },
                modelVersion: snapshot.version, items: products.map(\.productID),
                latencyMicros: Int(latency.components.seconds * 1_000_000 + latency.components.attoseconds / 1_000_000_000_000)))
        }
        return RecommendationResponse(requestID: requestID, modelVersion: snapshot.version, surface: query.surface.name, products: products)
    }

    /// Drops the shop's cached snapshot, so the next request reloads it (after a rule change or a
    /// new model version written by this process).
    public func invalidate(shopID: Int64) {
        _ = snapshots.withLock { $0.removeValue(forKey: shopID) }
    }

    // MARK: - Requests

    private func request(for query: RecommendationQuery, snapshot: RecommendationSnapshot) async throws
        -> (RecommendationRequest, [Int64], String) {
        func item(_ id: Int64, field: String) throws -> Int32 {
            guard let item = snapshot.index[id] else { throw RecommendationError.unknownProduct(id) }
            return item
        }
        switch query.surface {
        case .product(let id):
            return (.product(try item(id, field: "product_id")), [id], String(id))
        case .cart(let items, let viewed):
            guard !items.isEmpty || !viewed.isEmpty else {
                throw RecommendationError.invalid(field: "items", reason: "a cart request needs at least one product id")
            }
            guard items.count + viewed.count <= 100 else {
                throw RecommendationError.invalid(field: "items", reason: "at most 100 cart and viewed products, got \(items.count + viewed.count)")
            }
            let request = RecommendationRequest.cart(try items.map { try item($0, field: "items") },
                                                     viewed: try viewed.map { try item($0, field: "viewed") })
            return (request, items, items.map(String.init).joined(separator: ","))
        case .home(let viewed):
            guard viewed.count <= 100 else {
                throw RecommendationError.invalid(field: "viewed", reason: "at most 100 viewed products, got \(viewed.count)")
            }
            return (.cart([], viewed: try viewed.map { try item($0, field: "viewed") }), viewed, "home")
        case .customer(let customer, let viewed):
            let history = try await purchases(shopID: query.shopID, customerID: customer, snapshot: snapshot)
            let request = RecommendationRequest.customer(history: history, viewed: try viewed.map { try item($0, field: "viewed") },
                                                         now: Int64(Date().timeIntervalSince1970))
            return (request, [], "customer")
        }
    }

    private func purchases(shopID: Int64, customerID: Int64, snapshot: RecommendationSnapshot) async throws -> [PurchasedItem] {
        try await store.customerPurchases(shopID: shopID, customerID: customerID).compactMap { purchase in
            snapshot.index[purchase.productID].map { PurchasedItem(item: $0, orders: purchase.orders, lastTime: purchase.lastAt) }
        }
    }

    private func apply(_ list: [RecommendationRule], to rules: inout MerchantRules, snapshot: RecommendationSnapshot) {
        for rule in list.sorted(by: { ($0.position, $0.targetID) < ($1.position, $1.targetID) }) {
            guard let target = snapshot.index[rule.targetID] else { continue }
            switch rule.action {
            case .block: rules.blocked.insert(target)
            case .pin where !rules.pinned.contains(target): rules.pinned.append(target)
            case .pin: break
            }
        }
    }

    private func served(_ r: Recommendation, snapshot: RecommendationSnapshot) -> RecommendedProduct {
        let product = snapshot.products[Int(r.item)]
        return RecommendedProduct(
            productID: product.productID, title: product.title, handle: product.handle, productType: product.productType,
            vendor: product.vendor, priceMinor: product.priceMinor ?? 0, currency: product.currency ?? snapshot.shopCurrency,
            available: snapshot.units[Int(r.item)], position: r.position, score: r.score, signal: r.reason.kind.rawValue,
            evidence: r.reason.count, reason: r.reason.text { snapshot.products[Int($0)].title })
    }

    private func nextRequestID() -> String {
        let n = requestCounter.add(1, ordering: .relaxed).newValue
        return "rec-\(String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36))-\(String(n, radix: 36))"
    }

    /// A customer id hashed with the shop's key: the log can join a customer's responses without
    /// holding the id.
    static func customerHash(_ id: Int64, key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(String(id).utf8), using: SymmetricKey(data: Data(key.utf8)))
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(24)
        for byte in mac.prefix(12) { hex.append(digits[Int(byte >> 4)]); hex.append(digits[Int(byte & 0xF)]) }
        return String(decoding: hex, as: UTF8.self)
    }

    // MARK: - Snapshots

    /// The shop's snapshot, loaded on first use and refreshed when the model version or the rules
    /// changed (checked every `versionCheckSeconds`, so changes made through another `serve`
    /// replica are served within that bound) or stock is older than `stockRefreshSeconds`.
    func snapshot(shopID: Int64) async throws -> RecommendationSnapshot {
        let now = ContinuousClock.now
        let cached = snapshots.withLock { $0[shopID] }
        if var snapshot = cached {
            let versionDue = now - snapshot.checkedAt > .seconds(options.versionCheckSeconds)
            let stockDue = now - snapshot.stockAt > .seconds(options.stockRefreshSeconds)
            if !versionDue && !stockDue { return snapshot }
            if versionDue {
                // Another replica may have saved a run or changed a rule (pin, block from its
                // dashboard): both are read every `versionCheckSeconds`, the staleness bound.
                async let latestRun = store.latestRecommendationRun(shopID: shopID)
                async let currentRules = store.recommendationRules(shopID: shopID)
                let (latest, rules) = try await (latestRun, currentRules)
                if latest?.version != (snapshot.runID == nil ? nil : snapshot.version) || Set(rules) != Set(snapshot.rules.values.joined()) {
                    return try await load(shopID: shopID)
                }
                snapshot.checkedAt = now
            }
            if stockDue {
                snapshot.apply(try await store.recommendationAvailability(shopID: shopID))
            }
            let updated = snapshot
            snapshots.withLock { $0[shopID] = updated }
            return updated
        }
        return try await load(shopID: shopID)
    }

    private func load(shopID: Int64) async throws -> RecommendationSnapshot {
        guard let shop = try await store.shop(id: shopID) else {
            throw RecommendationError.invalid(field: "shop", reason: "no shop \(shopID)")
        }
        async let run = store.latestRecommendationRun(shopID: shopID)
        async let catalog = store.recommendationCatalog(shopID: shopID)
        async let neighbours = store.recommendationNeighbourLists(shopID: shopID)
        async let popular = store.recommendationPopular(shopID: shopID)
        async let rules = store.recommendationRules(shopID: shopID)
        let snapshot = try await RecommendationSnapshot(
            run: run, catalog: catalog, neighbours: neighbours, popular: popular, rules: rules, options: options,
            shopCurrency: shop.shop.currency, customerHashKey: shop.webhookSecret)
        snapshots.withLock { $0[shopID] = snapshot }
        return snapshot
    }
}
