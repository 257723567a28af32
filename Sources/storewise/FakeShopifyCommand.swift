import ArgumentParser
import Commerce
import FakeShopify
import Foundation
import Server
import ShopifyAdmin
import Storage

/// `storewise fake-shopify` (hidden): the local fake Shopify as a process, for scripts and demos.
///
/// With `--connect` it also adds the fake's shop to the configured database with its offline token
/// sealed, as an install would, so `storewise backfill --shop <domain> --shopify-admin-base-url <url>`
/// runs against it. On SIGINT/SIGTERM it prints its counters (`fake-shopify stats requests=… throttled=…`)
/// and exits.
struct FakeShopifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-shopify",
        abstract: "Run the local fake Shopify (Admin GraphQL, bulk operations, OAuth, webhooks).",
        shouldDisplay: false
    )

    @Option(help: "Port (0 picks a free one; the URL is printed).") var port: Int = 0
    @Option(help: "Synthetic orders to seed.") var orders: Int = 0
    @Option(help: "Leaky bucket size in points.") var bucketSize: Double = 2000
    @Option(help: "Points restored per second.") var restoreRate: Double = 100
    @Option(help: "Bulk objects per second a bulk operation advances.") var bulkObjectsPerSecond: Double = 50_000
    @Flag(help: "Add the fake's shop and sealed token to the configured database.") var connect = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let fakeConfiguration = FakeShopifyConfiguration(bucketSize: bucketSize, restoreRate: restoreRate,
                                                         bulkObjectsPerSecond: bulkObjectsPerSecond, port: port)
        let fake = try await FakeShopify.start(fakeConfiguration)
        if orders > 0 { await fake.seedSyntheticOrders(count: orders) }
        if connect {
            let (runtime, _) = try await Runtime.start(arguments: configuration)
            let domain = fakeConfiguration.shopDomain
            let record: ShopRecord
            if let existing = try await runtime.store.shop(domain: domain) {
                record = existing
            } else {
                let shop = Shop(domain: domain, name: "Fake Shopify", currency: "USD", timeZone: "UTC")
                record = try await runtime.store.createShop(shop, webhookSecret: fakeConfiguration.clientSecret,
                                                           apiTokenHash: APIToken.hash(APIToken.generate()), at: Date())
            }
            let cipher = try runtime.tokenCipher(try runtime.settings.shopifySettings())
            try await runtime.store.saveCredential(ShopCredential(
                shopID: record.id, sealedToken: try cipher.seal(fakeConfiguration.accessToken),
                scopes: ShopifySettings.defaultScopes.joined(separator: ","), installedAt: Date()))
        }
        say("fake-shopify listening on \(fake.baseURL.absoluteString) shop \(fakeConfiguration.shopDomain) orders \(await fake.orderCount)")

        // Wait for SIGINT/SIGTERM, then report the counters scripts assert on.
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        for await _ in signals { break }
        for source in sources { source.cancel() }
        say("fake-shopify stats requests=\(await fake.requestCount) throttled=\(await fake.throttledResponses)")
        await fake.stop()
    }
}
