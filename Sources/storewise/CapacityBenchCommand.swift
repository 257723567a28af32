import ArgumentParser
import Commerce
import Foundation
import Pipeline
import Server
import Simulation
import Storage

/// `storewise bench-capacity` (hidden): how one node grows with a shop's size, for the capacity
/// plan (`docs/scale-out.md`, `scripts/bench-capacity`). One simulated shop of `--orders` orders
/// over two years and a catalog of `--products` products (about 2.5 variants each, at the
/// warehouse and `--locations` POS locations: the forecast series) goes into the configured
/// database (`--db-url`, SQLite or PostgreSQL) through the store's ingest path in batches of 256,
/// then the steps a node runs for it are timed once each: projection reads, the forecast of every
/// series, customer scoring and the recommendation build. Prints one `CAPACITY key=value …` line.
struct CapacityBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-capacity", abstract: "Time ingest, reads and training for one simulated shop of a given size.", shouldDisplay: false)

    @Option(help: "Orders over the simulated two years.") var orders = 10_000
    @Option(help: "Products in the catalog (series ≈ products × 2.5 variants × (locations + 1)).") var products = 120
    @Option(help: "POS locations besides the online warehouse.") var locations = 3
    @Option(help: "Days simulated.") var days = 730
    @Option(help: "Steps to time after ingest: any of reads, forecast, customers, recommendations (comma-separated), or none.")
    var steps = "reads,forecast,customers,recommendations"
    @Option(help: "Simulation seed.") var seed: UInt64 = 5

    @Argument(parsing: .allUnrecognized, help: "Configuration flags, e.g. --db-url postgres://storewise@127.0.0.1:5432/capacity")
    var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration + ["--log-level", "error"])
        let store = runtime.store
        var simulation = SimulationConfiguration.load(orders: orders, seed: seed)
        simulation.days = days
        simulation.averageOrdersPerDay = Double(orders) / Double(days)
        simulation.productCount = products
        simulation.posLocationCount = locations
        simulation.startDate = Date().addingTimeInterval(-Double(days) * 86_400)
        let simulator = StoreSimulator(configuration: simulation)
        var shop = simulator.shop
        shop.domain = "capacity-\(orders)-\(products)-\(UUID().uuidString.prefix(6).lowercased()).myshopify.com"
        shop.onlineLocationID = simulator.warehouseLocationID
        let record = try await store.createShop(shop, webhookSecret: "capacity", apiTokenHash: APIToken.hash(UUID().uuidString), at: Date())
        let zone = TimeZone(identifier: shop.timeZone) ?? .gmt
        var fields: [(String, String)] = [("backend", runtime.sqlite == nil ? "postgres" : "sqlite"), ("orders", "\(orders)"),
                                          ("products", "\(products)"), ("variants", "\(simulator.catalog.count)")]

        // Ingest: the store's own path (what a replica's writer does after the HMAC check), in its batch size.
        let clock = ContinuousClock()
        var progress = ProgressLine("ingest", total: nil)
        var batch: [IncomingEvent] = []
        var events = 0, failed = 0
        let started = clock.now
        var ingestTime = Duration.zero
        for event in simulator.events() {
            batch.append(IncomingEvent(shopID: record.id, topic: event.topic, webhookID: event.webhookID, body: event.body(timeZone: zone),
                                       payload: event.payload, receivedAt: event.occurredAt, source: .jsonlImport, apiVersion: "2026-04"))
            if batch.count == 256 {
                let t = clock.now
                failed += try await store.ingest(batch).filter { if case .failed = $0 { true } else { false } }.count
                ingestTime += clock.now - t
                events += batch.count
                batch.removeAll(keepingCapacity: true)
                if events % 25_600 == 0 { progress.update(events) }
            }
        }
        if !batch.isEmpty {
            let t = clock.now
            failed += try await store.ingest(batch).filter { if case .failed = $0 { true } else { false } }.count
            ingestTime += clock.now - t
            events += batch.count
        }
        progress.finish(events, summary: "\(events) events in \(Self.seconds(clock.now - started)) s")
        guard failed == 0 else { throw CLIError("\(failed) events failed to ingest") }
        fields += [("events", "\(events)"), ("ingest_s", Self.seconds(ingestTime)),
                   ("ingest_events_per_s", String(Int(Double(events) / max(Self.secondsValue(ingestTime), 1e-9))))]

        let wanted = Set(steps.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        if wanted.contains("reads") {
            // Median of 9 calls each: what the dashboard and the API read for a shop of this size.
            fields.append(("stats_ms", try await Self.median { _ = try await store.stats(shopID: record.id) }))
            fields.append(("sales_by_day_ms", try await Self.median { _ = try await store.salesByDay(shopID: record.id, fromDay: nil, toDay: nil) }))
            fields.append(("orders_page_ms", try await Self.median { _ = try await store.orders(shopID: record.id, from: nil, to: nil, limit: 50, offset: 0) }))
            fields.append(("demand_history_ms", try await Self.median {
                _ = try await store.stockedDemand(shopID: record.id, variantID: nil, locationID: nil, fromDay: nil, throughDay: nil)
            }))
        }
        if wanted.contains("forecast") {
            let t = clock.now
            let run = try await ForecastCommand.forecast(record, store: store, options: try runtime.settings.forecastOptions())
            fields += [("series", "\(run.seriesCount)"), ("forecast_s", Self.seconds(clock.now - t))]
        }
        if wanted.contains("customers") {
            let t = clock.now
            let run = try await CustomersScoreCommand.score(record, store: store, options: try runtime.settings.customerOptions())
            fields += [("customers", "\(run.customers)"), ("customers_s", Self.seconds(clock.now - t))]
        }
        if wanted.contains("recommendations") {
            let t = clock.now
            let run = try await RecommendBuildCommand.build(record, store: store, options: try runtime.settings.recommendationOptions())
            fields += [("rec_products", "\(run.products)"), ("recommendations_s", Self.seconds(clock.now - t))]
        }
        fields.append(("peak_rss_mb", "\(Self.peakResidentMegabytes())"))
        print("CAPACITY " + fields.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }

    static func secondsValue(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func seconds(_ duration: Duration) -> String { String(format: "%.2f", secondsValue(duration)) }

    /// The median wall time of 9 calls, in milliseconds.
    static func median(_ body: () async throws -> Void) async throws -> String {
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<9 {
            let t = clock.now
            try await body()
            times.append(secondsValue(clock.now - t) * 1000)
        }
        return String(format: "%.1f", times.sorted()[4])
    }

    /// The process's peak resident set (VmHWM), in MiB.
    static func peakResidentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
