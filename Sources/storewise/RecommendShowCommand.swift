import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise recommend show`: what a product page, a cart or a customer is recommended, and why.
struct RecommendShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the recommendations served for a product, a cart or a customer, with reasons.",
        discussion: "Exactly one of --product, --cart or --customer. Merchant pins and blocks and stock apply, as when served."
    )

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "A product id: its page's recommendations, then each signal's precomputed list.") var product: Int64?
    @Option(help: "Cart product ids, comma-separated.") var cart: String?
    @Option(help: "A customer id: picks from their own history.") var customer: Int64?
    @Option(help: "How many to show (1…50).") var limit: Int = 8
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard [product != nil, cart != nil, customer != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --product, --cart or --customer")
        }
        guard (1...50).contains(limit) else { throw ValidationError("--limit must be in 1...50, got \(limit)") }
        if let cart, cart.split(separator: ",").contains(where: { Int64($0.trimmingCharacters(in: .whitespaces)) == nil }) {
            throw ValidationError("--cart must be product ids separated by commas, got '\(cart)'")
        }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let engine = RecommendationEngine(store: runtime.store, options: try runtime.settings.recommendationOptions())
        let surface: RecommendationQuery.Surface
        if let product {
            surface = .product(product)
        } else if let cart {
            surface = .cart(items: cart.split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }, viewed: [])
        } else {
            surface = .customer(customer!, viewed: [])
        }
        let response: RecommendationResponse
        do {
            response = try await engine.recommend(RecommendationQuery(shopID: record.id, surface: surface, limit: limit, customerID: customer, channel: "cli"))
        } catch let error as RecommendationError {
            throw CLIError(error.description)
        }
        say("Model \(response.modelVersion), \(response.surface):")
        Self.printProducts(response.products)
        if let product, let detail = try await engine.productDetail(shopID: record.id, productID: product) {
            for (kind, list) in detail.lists where !list.isEmpty {
                say("\nPrecomputed \(kind.replacingOccurrences(of: "_", with: " ")) (\(list.count)):")
                for n in list.prefix(limit) {
                    say("  " + pad(String(n.product.productID), 16) + pad(String(n.product.title.prefix(40)), 42) + n.reason + (n.servable ? "" : "  [not shown: out of stock or blocked]"))
                }
            }
        }
    }

    static func printProducts(_ products: [RecommendedProduct]) {
        if products.isEmpty { say("  (nothing to recommend)") }
        for p in products {
            say("  \(p.position + 1). " + pad(String(p.productID), 16) + pad(String(p.title.prefix(40)), 42)
                + pad(moneyText(p.priceMinor, p.currency), 14) + p.reason)
        }
    }
}
