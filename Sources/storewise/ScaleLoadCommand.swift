import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import ShopifyAdmin
import Simulation
import Synchronization

/// `storewise bench-scale-load` (hidden): the load generator of `scripts/bench-scale`.
///
/// Builds the store simulator's signed webhooks for `--shops` shops (the domains of
/// `bench-scale-setup`), then posts them with `--connections` concurrent deliveries round-robin
/// across the `--url` replicas. A delivery that fails (connection refused or reset, timeout, 5xx,
/// 429) is retried on the next replica, as Shopify retries, with the same webhook id. Writes
/// `acked.csv` (every webhook answered 200), `unacked.csv` (gave up), `summary.txt` (key=value)
/// and keeps `progress` ("done total") current so the script can kill a replica mid-run.
///
/// ```
/// storewise bench-scale-load --shops 50 --orders-per-shop 200 --url http://127.0.0.1:8081 --url http://127.0.0.1:8082 --out /tmp/load
/// ```
struct ScaleLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-scale-load", abstract: "Post signed simulator webhooks for many shops across replicas (scripts/bench-scale).", shouldDisplay: false)

    @Option(help: "Number of shops (scale-001.myshopify.com upwards).") var shops: Int = 50
    @Option(help: "Approximate orders per shop over the simulated two years.") var ordersPerShop: Int = 300
    @Option(help: "The client secret the shops were added with.") var secret: String = "scale-bench-secret"
    @Option(name: .customLong("url"), help: "A replica's base URL (repeatable).") var urls: [String]
    @Option(help: "Concurrent deliveries.") var connections: Int = 32
    @Option(help: "Attempts per webhook before giving up.") var maxAttempts: Int = 40
    @Option(help: "Directory for acked.csv, unacked.csv, summary.txt and progress.") var out: String

    func validate() throws {
        guard (1...999).contains(shops) else { throw ValidationError("--shops must be in 1...999, got \(shops)") }
        guard ordersPerShop >= 1 else { throw ValidationError("--orders-per-shop must be positive, got \(ordersPerShop)") }
        guard !urls.isEmpty else { throw ValidationError("--url is needed at least once") }
        guard (1...1024).contains(connections) else { throw ValidationError("--connections must be in 1...1024, got \(connections)") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be positive, got \(maxAttempts)") }
    }

    /// The simulated store behind bench shop `shop` (0-based): its own seed, so its webhook ids are its own.
    /// A small shop (8 products, one café besides the online store): 50 of them retrain in minutes on 2 shared
    /// cores, where the load preset's 120 products × 4 locations took 10-25 s per shop and 30 products 35 s.
    static func simulation(shop: Int, orders: Int) -> SimulationConfiguration {
        var configuration = SimulationConfiguration.load(orders: orders, seed: 1_000 + UInt64(shop))
        configuration.productCount = 8
        configuration.posLocationCount = 1
        configuration.shopDomain = ScaleSetupCommand.domain(shop)
        return configuration
    }

    func run() async throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let built = ContinuousClock.now
        let corpus = buildCorpus()
        say("bench-scale-load: \(corpus.count) signed webhooks for \(shops) shops built in \(Self.seconds(ContinuousClock.now - built)) s")

        var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        // The generator retries itself (on the other replica); the client's own reconnect loop would hide a dead replica.
        pool.retryConnectionEstablishment = false
        let configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(2), read: .seconds(30)), connectionPool: pool)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let state = LoadState(total: corpus.count)
        let bases = urls.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        let maxAttempts = maxAttempts, out = out
        let started = ContinuousClock.now
        let outcomes = await withTaskGroup(of: [Outcome].self) { group in
            for _ in 0..<connections {
                group.addTask { await Self.deliverAll(corpus, bases: bases, client: client, state: state, maxAttempts: maxAttempts) }
            }
            group.addTask { [out] in
                // Keeps `progress` current for the script's mid-run kill; ends when every webhook is settled.
                while true {
                    let done = state.done.load(ordering: .relaxed)
                    try? "\(done) \(corpus.count)\n".write(toFile: out + "/progress", atomically: true, encoding: .utf8)
                    if done >= corpus.count { return [] }
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
            var all: [Outcome] = []
            all.reserveCapacity(corpus.count)
            for await part in group { all.append(contentsOf: part) }
            return all
        }
        let elapsed = ContinuousClock.now - started
        try await client.shutdown()
        try write(outcomes, corpus: corpus, elapsed: elapsed, failedAttempts: state.retries.load(ordering: .relaxed))
    }

    /// Every shop's webhooks, signed, interleaved shop by shop (event i of every shop before event i+1 of any).
    private func buildCorpus() -> [Delivery] {
        var perShop: [[Delivery]] = []
        for shop in 0..<shops {
            let simulator = StoreSimulator(configuration: Self.simulation(shop: shop, orders: ordersPerShop))
            let zone = TimeZone(identifier: simulator.shop.timeZone) ?? .gmt
            perShop.append(simulator.events().map { event in
                let body = event.body(timeZone: zone)
                return Delivery(shop: shop, topic: event.topic.rawValue, webhookID: event.webhookID,
                                signature: WebhookSignature.sign(body: body, secret: secret), body: ByteBuffer(bytes: body))
            })
        }
        var corpus: [Delivery] = []
        corpus.reserveCapacity(perShop.reduce(0) { $0 + $1.count })
        for index in 0..<(perShop.map(\.count).max() ?? 0) {
            for events in perShop where index < events.count { corpus.append(events[index]) }
        }
        return corpus
    }

    /// One connection's loop: takes the next undelivered webhook until none is left.
    private static func deliverAll(_ corpus: [Delivery], bases: [String], client: HTTPClient, state: LoadState, maxAttempts: Int) async -> [Outcome] {
        var outcomes: [Outcome] = []
        while true {
            let index = state.next.add(1, ordering: .relaxed).oldValue
            guard index < corpus.count else { return outcomes }
            outcomes.append(await deliver(corpus[index], index: index, bases: bases, client: client, state: state, maxAttempts: maxAttempts))
            state.done.add(1, ordering: .relaxed)
        }
    }

    /// Posts one webhook until a replica answers 200 or a final status, or the attempts run out.
    private static func deliver(_ delivery: Delivery, index: Int, bases: [String], client: HTTPClient, state: LoadState, maxAttempts: Int) async -> Outcome {
        var lastError = ""
        for attempt in 0..<maxAttempts {
            // Round-robin across replicas; each retry goes to the next one, as a load balancer would after a failure.
            let base = bases[(index + attempt) % bases.count]
            var request = HTTPClientRequest(url: base + "/webhooks/shopify")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "X-Shopify-Topic", value: delivery.topic)
            request.headers.add(name: "X-Shopify-Shop-Domain", value: ScaleSetupCommand.domain(delivery.shop))
            request.headers.add(name: "X-Shopify-Webhook-Id", value: delivery.webhookID)
            request.headers.add(name: "X-Shopify-Hmac-Sha256", value: delivery.signature)
            request.headers.add(name: "X-Shopify-API-Version", value: "2026-04")
            request.body = .bytes(delivery.body)
            let sent = ContinuousClock.now
            do {
                let response = try await client.execute(request, timeout: .seconds(30))
                let body = try await response.body.collect(upTo: 1 << 16)
                let latency = ContinuousClock.now - sent
                let status = Int(response.status.code)
                if status == 200 {
                    let duplicate = String(buffer: body).contains("\"duplicate\"")
                    return Outcome(index: index, status: 200, latency: latency, attempts: attempt + 1, duplicate: duplicate, error: nil)
                }
                lastError = "HTTP \(status): \(String(buffer: body).prefix(200))"
                guard status >= 500 || status == 429 else {
                    return Outcome(index: index, status: status, latency: latency, attempts: attempt + 1, duplicate: false, error: lastError)
                }
            } catch {
                lastError = String(describing: error)
            }
            state.retries.add(1, ordering: .relaxed)
            try? await Task.sleep(for: .milliseconds(min(1_000, 50 * (attempt + 1))))
        }
        return Outcome(index: index, status: 0, latency: .zero, attempts: maxAttempts, duplicate: false, error: lastError)
    }

    /// Writes acked.csv, unacked.csv and summary.txt, and prints the summary.
    private func write(_ outcomes: [Outcome], corpus: [Delivery], elapsed: Duration, failedAttempts: Int) throws {
        var acked = "shop,webhook_id,topic,latency_us,attempts,duplicate\n"
        var unacked = "shop,webhook_id,topic,status,attempts,error\n"
        var latencies: [Double] = []
        latencies.reserveCapacity(outcomes.count)
        var duplicates = 0, retried = 0
        for outcome in outcomes.sorted(by: { $0.index < $1.index }) {
            let delivery = corpus[outcome.index]
            if outcome.attempts > 1 { retried += 1 }
            if outcome.status == 200 {
                let micros = Int(Self.seconds(outcome.latency) * 1_000_000)
                latencies.append(Self.seconds(outcome.latency) * 1_000)
                if outcome.duplicate { duplicates += 1 }
                acked += "\(ScaleSetupCommand.domain(delivery.shop)),\(delivery.webhookID),\(delivery.topic),\(micros),\(outcome.attempts),\(outcome.duplicate ? 1 : 0)\n"
            } else {
                let error = (outcome.error ?? "").replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: "\n", with: " ")
                unacked += "\(ScaleSetupCommand.domain(delivery.shop)),\(delivery.webhookID),\(delivery.topic),\(outcome.status),\(outcome.attempts),\(error)\n"
            }
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            // Nearest rank: the smallest latency with at least p of all at or below it.
            let rank = Int((p * Double(latencies.count)).rounded(.up))
            return latencies[min(latencies.count - 1, max(0, rank - 1))]
        }
        let duration = Self.seconds(elapsed)
        let summary: [(String, String)] = [
            ("webhooks", "\(corpus.count)"), ("acked", "\(latencies.count)"), ("unacked", "\(outcomes.count - latencies.count)"),
            ("acked_as_duplicate", "\(duplicates)"), ("retried_webhooks", "\(retried)"), ("failed_attempts", "\(failedAttempts)"),
            ("duration_s", String(format: "%.3f", duration)),
            ("webhooks_per_s", String(format: "%.0f", Double(latencies.count) / max(duration, 1e-9))),
            ("p50_ms", String(format: "%.2f", percentile(0.50))), ("p99_ms", String(format: "%.2f", percentile(0.99))),
            ("max_ms", String(format: "%.2f", latencies.last ?? 0)),
        ]
        let text = summary.map { "\($0.0)=\($0.1)" }.joined(separator: "\n") + "\n"
        try acked.write(toFile: out + "/acked.csv", atomically: true, encoding: .utf8)
        try unacked.write(toFile: out + "/unacked.csv", atomically: true, encoding: .utf8)
        try text.write(toFile: out + "/summary.txt", atomically: true, encoding: .utf8)
        say("bench-scale-load: " + summary.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// One signed webhook of the corpus.
private struct Delivery: Sendable {
    var shop: Int
    var topic: String
    var webhookID: String
    var signature: String
    var body: ByteBuffer
}

/// How one webhook's delivery ended: 200 (with the answering attempt's latency), another final status, or 0 (gave up).
private struct Outcome: Sendable {
    var index: Int
    var status: Int
    var latency: Duration
    var attempts: Int
    var duplicate: Bool
    var error: String?
}

/// Counters the delivery loops share: the next corpus index, settled webhooks, failed attempts.
private final class LoadState: Sendable {
    let total: Int
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let retries = Atomic<Int>(0)
    init(total: Int) { self.total = total }
}
