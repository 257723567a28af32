import Foundation
import ShopifyAdmin

/// One kind of object a backfill reads from the Admin API.
public enum BackfillResource: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case products
    case customers
    /// Locations with their inventory levels.
    case inventory
    case orders

    /// The order a backfill runs them in: the catalog and customers before the orders that point at them.
    public static let runOrder: [BackfillResource] = [.products, .customers, .inventory, .orders]

    /// The bulk inner query.
    public var query: GraphQLDocument {
        switch self {
        case .products: BackfillQueries.products
        case .customers: BackfillQueries.customers
        case .inventory: BackfillQueries.inventory
        case .orders: BackfillQueries.orders
        }
    }

    public var description: String { rawValue }

    /// Parses "orders,products" (any order, any case); the result is in `runOrder`.
    public static func parseList(_ text: String) throws -> [BackfillResource] {
        var chosen: Set<BackfillResource> = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let resource = BackfillResource(rawValue: name) ?? (name == "locations" ? .inventory : nil) else {
                throw BackfillError.invalidOption("resources: unknown resource \"\(name)\" (expected orders, products, customers, inventory)")
            }
            chosen.insert(resource)
        }
        return runOrder.filter(chosen.contains)
    }
}

/// How a backfill runs.
public struct BackfillOptions: Sendable, Hashable {
    /// The resources to read, run in `BackfillResource.runOrder`.
    public var resources: [BackfillResource]
    /// Forget earlier checkpoints and start every resource again (the event log still dedupes).
    public var restart: Bool
    /// Events per `EventLog.ingest` call (and per checkpoint).
    public var batchSize: Int
    /// Seconds between polls of a running bulk operation (Shopify suggests polling, not tight loops).
    public var pollInterval: Double
    /// The shop's currency: variant prices carry none in GraphQL, as in the products webhooks.
    public var shopCurrency: String
    /// Keep the downloaded JSONL after a resource completes (it is deleted otherwise).
    public var keepFiles: Bool

    public init(resources: [BackfillResource] = BackfillResource.runOrder, restart: Bool = false, batchSize: Int = 500,
                pollInterval: Double = 1, shopCurrency: String = "USD", keepFiles: Bool = false) {
        self.resources = resources; self.restart = restart; self.batchSize = batchSize
        self.pollInterval = pollInterval; self.shopCurrency = shopCurrency; self.keepFiles = keepFiles
    }
}

/// Why a backfill stopped.
public enum BackfillError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidOption(String)
    /// Shopify ended the resource's bulk operation FAILED, CANCELED or EXPIRED (after the restarts allowed).
    case bulkOperationFailed(resource: String, id: String, status: String, errorCode: String?)
    /// The downloaded file could not be read or written.
    case file(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidOption(let reason): reason
        case .bulkOperationFailed(let resource, let id, let status, let errorCode):
            "\(resource): bulk operation \(id) ended \(status)" + (errorCode.map { " (\($0))" } ?? "")
        case .file(let path, let reason): "\(path): \(reason)"
        }
    }
}
