import ArgumentParser
import Commerce
import Foundation
import ShopifyAdmin
import Simulation

/// `storewise simulate`: writes the store simulator's webhooks to files, for imports and load tests.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write simulated Shopify webhooks as JSONL (for `storewise import`) or as a signed load-test corpus.",
        discussion: """
        jsonl: one {"topic","id","payload"} object per line, importable with `storewise import --format jsonl`.
        wrk: lines "topic<TAB>webhook id<TAB>X-Shopify-Hmac-Sha256<TAB>body", signed with --secret, for scripts/wrk/webhooks.lua.
        http: complete signed HTTP requests, each after a line with its length in bytes, for scripts/wrk/webhooks-fast.lua \
        (the load generator then does no work per request beyond reading bytes). Needs --domain.
        With --shards N, event i goes to OUT-(i mod N).tsv (or .jsonl), so N load threads each read their own file.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, wrk, http }

    @Option(help: "jsonl or wrk.") var format: Format = .jsonl
    @Option(help: "Output file (one shard) or prefix (several shards).") var out: String
    @Option(help: "Approximate number of orders over two years (the load preset); omit for the demo shop.") var orders: Int?
    @Option(help: "Simulator seed.") var seed: UInt64 = 1
    @Option(help: "Number of output files.") var shards: Int = 1
    @Option(help: "The app's client secret to sign with (wrk and http formats).") var secret: String?
    @Option(help: "The shop domain the requests name (http format).") var domain: String = "bench.myshopify.com"

    func validate() throws {
        guard (1...64).contains(shards) else { throw ValidationError("--shards must be in 1...64, got \(shards)") }
        if let orders, orders < 1 { throw ValidationError("--orders must be positive, got \(orders)") }
        if format != .jsonl, secret == nil { throw ValidationError("--secret is needed to sign a load-test corpus") }
    }

    func run() async throws {
        var configuration = orders.map { SimulationConfiguration.load(orders: $0, seed: seed) } ?? .demo
        configuration.seed = seed
        let simulator = StoreSimulator(configuration: configuration)
        let zone = TimeZone(identifier: simulator.shop.timeZone) ?? .gmt
        let suffix = switch format { case .wrk: "tsv"; case .http: "http"; case .jsonl: "jsonl" }
        let paths = shards == 1 && out.hasSuffix(".\(suffix)") ? [out] : (0..<shards).map { "\(out)-\($0).\(suffix)" }
        var writers = try paths.map { path -> BufferedFileWriter in try BufferedFileWriter(path: path) }
        var progress = ProgressLine("simulate", total: configuration.expectedOrders)
        var count = 0
        var orderCount = 0
        for event in simulator.events() {
            var line = Data()
            switch format {
            case .wrk:
                let body = event.body(timeZone: zone)
                let signature = WebhookSignature.sign(body: body, secret: secret ?? "")
                line.append(contentsOf: Array("\(event.topic.rawValue)\t\(event.webhookID)\t\(signature)\t".utf8))
                line.append(body)
            case .jsonl:
                line = event.jsonlLine(timeZone: zone)
            case .http:
                let body = event.body(timeZone: zone)
                let signature = WebhookSignature.sign(body: body, secret: secret ?? "")
                var request = Data()
                request.append(contentsOf: Array((
                    "POST /webhooks/shopify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-Shopify-Topic: \(event.topic.rawValue)\r\nX-Shopify-Shop-Domain: \(domain)\r\n"
                    + "X-Shopify-Webhook-Id: \(event.webhookID)\r\nX-Shopify-Hmac-Sha256: \(signature)\r\n"
                    + "X-Shopify-API-Version: 2026-04\r\nContent-Length: \(body.count)\r\n\r\n").utf8))
                request.append(body)
                line.append(contentsOf: Array("\(request.count)\n".utf8))
                line.append(request)
            }
            if format == .wrk { line.append(UInt8(ascii: "\n")) }
            try writers[count % writers.count].write(line)
            count += 1
            if event.topic == .ordersCreate {
                orderCount += 1
                progress.update(orderCount)
            }
        }
        for index in writers.indices { try writers[index].close() }
        progress.finish(orderCount, summary: "\(count) webhooks in \(paths.count) file(s): \(paths.joined(separator: ", "))")
    }
}

/// Appends to a file through a 1 MiB buffer.
struct BufferedFileWriter {
    private let handle: FileHandle
    private var buffer = Data()

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CLIError("cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        try flush()
        try handle.close()
    }
}
