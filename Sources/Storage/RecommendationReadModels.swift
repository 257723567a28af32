import Foundation

/// Where a page of baskets ends: the last row's order time (seconds since 1970) and id. The next
/// page starts strictly after it in (created at, order id) order.
public struct BasketCursor: Sendable, Hashable, Codable {
    public var createdAt: Int64
    public var orderID: Int64

    public init(createdAt: Int64, orderID: Int64) {
        self.createdAt = createdAt; self.orderID = orderID
    }

    /// The cursor just after `row`.
    public init(after row: OrderBasketRow) {
        self.init(createdAt: row.createdAt, orderID: row.orderID)
    }
}

/// One order as a basket: the distinct products bought in it.
public struct OrderBasketRow: Sendable, Hashable {
    public var orderID: Int64
    public var customerID: Int64?
    /// Seconds since 1970 (Shopify instants are whole seconds).
    public var createdAt: Int64
    /// The order's sales channel as stored ("web", "pos", "shopify_draft_order", …; `Channel.name`).
    public var channel: String
    /// Shopify product ids, distinct and ascending.
    public var productIDs: [Int64]

    public init(orderID: Int64, customerID: Int64?, createdAt: Int64, channel: String, productIDs: [Int64]) {
        self.orderID = orderID; self.customerID = customerID; self.createdAt = createdAt; self.channel = channel
        self.productIDs = productIDs
    }
}

/// A product as recommendations show and filter it.
public struct RecommendableProduct: Sendable, Hashable {
    public var productID: Int64
    public var title: String
    public var handle: String?
    public var productType: String?
    public var vendor: String?
    public var tags: [String]
    /// Shopify's product status ("active", "draft", "archived"); nil when the payload had none.
    public var status: String?
    /// The lowest variant price in minor units; nil for a product without variants.
    public var priceMinor: Int64?
    public var currency: String?
    /// Units available summed over every location of every variant; nil when the product has no
    /// inventory level at all (stock not tracked), which is not the same as 0 (sold out).
    public var available: Int?
    /// The merchant's unit cost (replenishment settings) of the variant that sets `priceMinor`,
    /// or of another variant when that one has none; nil when no cost is set.
    public var unitCostMinor: Int64?

    public init(productID: Int64, title: String, handle: String?, productType: String?, vendor: String?, tags: [String],
                status: String?, priceMinor: Int64?, currency: String?, available: Int?, unitCostMinor: Int64?) {
        self.productID = productID; self.title = title; self.handle = handle; self.productType = productType
        self.vendor = vendor; self.tags = tags; self.status = status; self.priceMinor = priceMinor; self.currency = currency
        self.available = available; self.unitCostMinor = unitCostMinor
    }
}

/// A product's stock for the cheap refresh between model runs.
public struct ProductAvailability: Sendable, Hashable {
    public var productID: Int64
    /// As `RecommendableProduct.available`: nil when not tracked.
    public var available: Int?

    public init(productID: Int64, available: Int?) {
        self.productID = productID; self.available = available
    }
}

/// What one customer bought, for "buy again" and for leaving out what they already own.
public struct CustomerPurchase: Sendable, Hashable {
    public var productID: Int64
    /// Orders (non-test, not cancelled) containing the product.
    public var orders: Int
    /// The newest of those orders, seconds since 1970.
    public var lastAt: Int64

    public init(productID: Int64, orders: Int, lastAt: Int64) {
        self.productID = productID; self.orders = orders; self.lastAt = lastAt
    }
}

/// One precompute of the recommendation model: what it read, what it stored, how long it took
/// and how well it did on a holdout.
public struct RecommendationRun: Sendable, Hashable, Codable {
    /// Assigned by the store when saved.
    public var id: Int64
    public var shopID: Int64
    /// Seconds since 1970.
    public var createdAt: Int64
    /// The model version served responses name (`RecommendationLogEntry.modelVersion`).
    public var version: String
    /// "full" (every product's rows replaced) or "incremental" (some products' rows).
    public var kind: String
    /// Orders read, products with rows, and co-occurring pairs counted.
    public var orders: Int
    public var products: Int
    public var pairs: Int
    /// Parameters by name (minimum support, shrinkage, half-life, …).
    public var parameters: [String: String]
    public var durationMs: Int
    /// The offline evaluation as JSON text, when one ran.
    public var evaluation: String?

    public init(id: Int64 = 0, shopID: Int64, createdAt: Int64, version: String, kind: String, orders: Int, products: Int,
                pairs: Int, parameters: [String: String] = [:], durationMs: Int, evaluation: String? = nil) {
        self.id = id; self.shopID = shopID; self.createdAt = createdAt; self.version = version; self.kind = kind
        self.orders = orders; self.products = products; self.pairs = pairs; self.parameters = parameters
        self.durationMs = durationMs; self.evaluation = evaluation
    }
}

/// One precomputed neighbour of a product: the `rank`-th (0 first) item of list `kind`.
public struct NeighbourRow: Sendable, Hashable {
    public var productID: Int64
    /// `SignalKind.rawValue` ("boughtTogether", "alsoBought", "completeTheLook", …).
    public var kind: String
    public var rank: Int
    public var neighbourID: Int64
    public var score: Double
    /// How many baskets or customers support it (the count a reason shows).
    public var evidence: Int

    public init(productID: Int64, kind: String, rank: Int, neighbourID: Int64, score: Double, evidence: Int) {
        self.productID = productID; self.kind = kind; self.rank = rank; self.neighbourID = neighbourID
        self.score = score; self.evidence = evidence
    }
}

/// One entry of a shop-wide list: "popular" or "trending", best first (rank 0).
public struct PopularRow: Sendable, Hashable {
    public var kind: String
    public var rank: Int
    public var productID: Int64
    public var score: Double
    public var evidence: Int

    public init(kind: String, rank: Int, productID: Int64, score: Double, evidence: Int) {
        self.kind = kind; self.rank = rank; self.productID = productID; self.score = score; self.evidence = evidence
    }
}

/// What a merchant rule does to a target product.
public enum RecommendationRuleAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Always show the target, at `position` (0 first).
    case pin
    /// Never show the target.
    case block
}

/// A merchant's pin or block of `targetID` on product `productID`'s recommendations (0 = on every page).
public struct RecommendationRule: Sendable, Hashable, Codable {
    public var shopID: Int64
    /// The product page the rule applies to; 0 for every page.
    public var productID: Int64
    public var targetID: Int64
    public var action: RecommendationRuleAction
    /// Where a pinned target goes (0 first); ignored for a block.
    public var position: Int
    public var note: String?
    /// Seconds since 1970.
    public var createdAt: Int64

    public init(shopID: Int64, productID: Int64, targetID: Int64, action: RecommendationRuleAction, position: Int = 0,
                note: String? = nil, createdAt: Int64) {
        self.shopID = shopID; self.productID = productID; self.targetID = targetID; self.action = action
        self.position = position; self.note = note; self.createdAt = createdAt
    }
}

extension RecommendationRule {
    /// Checks the ids and the position; errors name the field.
    public func validate() throws {
        func bad(_ field: String, _ reason: String) -> RecommendationRuleError { .invalid(field: field, reason: reason) }
        guard productID >= 0 else { throw bad("productID", "must be a product id, or 0 for every page") }
        guard targetID > 0 else { throw bad("targetID", "must be a product id") }
        guard targetID != productID else { throw bad("targetID", "must differ from productID") }
        guard position >= 0 else { throw bad("position", "must be 0 or more") }
    }
}

/// A merchant rule that cannot be stored.
public enum RecommendationRuleError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid(field: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let field, let reason): "recommendation rule \(field) \(reason)"
        }
    }
}

/// One served response, kept so that lift (clicks, later orders) can be measured against what was shown.
public struct RecommendationLogEntry: Sendable, Hashable {
    /// Seconds since 1970.
    public var at: Int64
    public var requestID: String
    /// Where it was shown ("product", "cart", "home", "email", …).
    public var surface: String
    /// What the request was about: a product id, a cart's ids, "home" …
    public var seed: String
    /// A salted hash of the customer id, never the id itself; nil for anonymous visitors.
    public var customerHash: String?
    public var modelVersion: String
    /// The product ids shown, in order.
    public var items: [Int64]
    public var latencyMicros: Int?

    public init(at: Int64, requestID: String, surface: String, seed: String, customerHash: String?, modelVersion: String,
                items: [Int64], latencyMicros: Int?) {
        self.at = at; self.requestID = requestID; self.surface = surface; self.seed = seed; self.customerHash = customerHash
        self.modelVersion = modelVersion; self.items = items; self.latencyMicros = latencyMicros
    }
}

/// One product's neighbour list of one kind, best first, as parallel arrays: the serving cache's
/// shape (three arrays per list instead of a struct and a string per neighbour).
public struct NeighbourList: Sendable, Hashable {
    public var productID: Int64
    /// `SignalKind.rawValue`.
    public var kind: String
    public var neighbourIDs: [Int64]
    public var scores: [Double]
    public var evidence: [Int32]

    public init(productID: Int64, kind: String, neighbourIDs: [Int64], scores: [Double], evidence: [Int32]) {
        self.productID = productID; self.kind = kind; self.neighbourIDs = neighbourIDs; self.scores = scores
        self.evidence = evidence
    }

    /// The list as rows, ranked 0, 1, … in order.
    public var rows: [NeighbourRow] {
        neighbourIDs.indices.map {
            NeighbourRow(productID: productID, kind: kind, rank: $0, neighbourID: neighbourIDs[$0], score: scores[$0],
                         evidence: Int(evidence[$0]))
        }
    }
}
