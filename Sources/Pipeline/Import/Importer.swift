import Commerce
import Foundation
import Logging
import Storage

/// Imports Shopify exports through the same decode-and-ingest path webhooks take.
///
/// Each record gets a natural key as its webhook id, so importing the same file twice adds
/// nothing. A bad row is reported with its line number and reason; good rows are kept.
public struct Importer: Sendable {
    let log: any EventLog
    let reader: any ProjectionReader
    let batchSize: Int
    let logger: Logger

    public init(log: any EventLog, reader: any ProjectionReader, batchSize: Int = 500, logger: Logger = Logger(label: "storewise.import")) {
        self.log = log
        self.reader = reader
        self.batchSize = batchSize
        self.logger = logger
    }

    /// Imports Shopify's admin orders CSV export ("Export orders", one row per line item).
    /// `progress(done, total)` is called after each batch.
    public func importOrdersCSV(_ data: Data, shop: ShopRecord, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        let parsed = OrdersCSV.parse(data, shopCurrency: shop.shop.currency)
        var report = ImportReport()
        report.problems = parsed.errors.map { ImportReport.Problem(line: $0.line, reason: $0.description) }
        // The CSV names POS locations, not their ids: resolve them through the known locations.
        let locations = try await reader.locations(shopID: shop.id)
        let byName = Dictionary(locations.map { ($0.name.lowercased(), $0.id) }, uniquingKeysWith: { first, _ in first })
        let now = Date()
        var events: [(line: Int, event: IncomingEvent)] = []
        for entry in parsed.orders {
            var order = entry.order
            if order.locationID == nil, let name = entry.locationName?.lowercased(), let id = byName[name] {
                order.locationID = id
            }
            let payload = WebhookPayload.order(order)
            let key = "csv:order:\(order.id):\(Int64(order.updatedAt.timeIntervalSince1970))"
            events.append((entry.lines.first ?? 0, IncomingEvent(
                shopID: shop.id, topic: .ordersCreate, webhookID: key, body: ShopifyJSON.encode(payload),
                payload: payload, receivedAt: now, source: .csvImport
            )))
        }
        for start in stride(from: 0, to: events.count, by: batchSize) {
            let slice = events[start..<min(start + batchSize, events.count)]
            let outcomes = try await log.ingest(slice.map(\.event))
            record(outcomes, lines: slice.map(\.line), into: &report)
            progress(min(start + batchSize, events.count), events.count)
        }
        report.problems.sort { $0.line < $1.line }
        return report
    }

    /// Imports a JSONL file: one webhook-shaped payload per line, either bare (of `defaultTopic`)
    /// or wrapped as `{"topic": "...", "id": "<webhook id>", "payload": {...}}`.
    public func importJSONL(_ url: URL, shop: ShopRecord, defaultTopic: WebhookTopic = .ordersCreate, progress: @Sendable (Int) -> Void = { _ in }) async throws -> ImportReport {
        var report = ImportReport()
        var batch: [(line: Int, event: IncomingEvent)] = []
        var lineNumber = 0
        let now = Date()
        for line in try LineReader(url: url) {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            switch JSONLRecord.parse(line, defaultTopic: defaultTopic, shopCurrency: shop.shop.currency) {
            case .failure(let problem):
                report.problems.append(ImportReport.Problem(line: lineNumber, reason: problem.description))
            case .success(let record):
                batch.append((lineNumber, IncomingEvent(
                    shopID: shop.id, topic: record.topic, webhookID: record.key, body: record.body,
                    payload: record.payload, receivedAt: now, source: .jsonlImport
                )))
            }
            if batch.count >= batchSize {
                record(try await log.ingest(batch.map(\.event)), lines: batch.map(\.line), into: &report)
                batch.removeAll(keepingCapacity: true)
                progress(lineNumber)
            }
        }
        if !batch.isEmpty {
            record(try await log.ingest(batch.map(\.event)), lines: batch.map(\.line), into: &report)
        }
        progress(lineNumber)
        return report
    }

    private func record(_ outcomes: [IngestOutcome], lines: [Int], into report: inout ImportReport) {
        for (outcome, line) in zip(outcomes, lines) {
            switch outcome {
            case .stored: report.stored += 1
            case .duplicate: report.duplicates += 1
            case .failed(let reason): report.problems.append(ImportReport.Problem(line: line, reason: reason))
            }
        }
    }
}
