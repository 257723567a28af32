import ArgumentParser
import Foundation
import Storage

/// `storewise status`: what each shop's event log and projections hold.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show ingest status per shop.")

    @Option(help: "Only this shop's domain.") var shop: String?
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let shops: [ShopRecord]
        if let shop {
            shops = [try await runtime.shop(shop)]
        } else {
            shops = try await runtime.store.shops()
        }
        print("Database: \(runtime.configuration.database)")
        if shops.isEmpty { print("No shops yet. Run `storewise demo` or `storewise shops add`.") }
        let formatter = ISO8601DateFormatter()
        for record in shops {
            let stats = try await runtime.store.stats(shopID: record.id)
            print("")
            print("\(record.shop.name) · \(record.shop.domain) · \(record.shop.timeZone) · \(record.shop.currency)\(record.uninstalledAt == nil ? "" : " · UNINSTALLED")")
            print("  events      \(stats.events)  (last \(stats.lastEventAt.map(formatter.string(from:)) ?? "never"))")
            for (topic, count) in stats.eventsByTopic.sorted(by: { $0.key < $1.key }) {
                print("    " + pad(topic, 28) + "\(count)")
            }
            print("  orders      \(stats.orders)  (\(stats.firstOrderAt.map(formatter.string(from:)) ?? "—") … \(stats.lastOrderAt.map(formatter.string(from:)) ?? "—"))")
            print("  catalog     \(stats.products) products, \(stats.variants) variants, \(stats.locations) locations")
            print("  customers   \(stats.customers)")
            print("  demand rows \(stats.demandRows) (variant × location × day)")
        }
    }
}
