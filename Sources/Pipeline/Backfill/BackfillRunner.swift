import Commerce
import Foundation
import Logging
import ShopifyAdmin
import Storage

/// Backfills a shop's history from the Admin API through the normal ingest path.
///
/// For each resource (products → customers → inventory → orders) it starts a bulk operation (or, on a
/// resumed run, polls the one its checkpoint recorded; one Shopify no longer has, or that ended
/// FAILED/CANCELED/EXPIRED, is started again), downloads the JSONL to
/// `<dataDirectory>/backfill/<shop>/<resource>-<bulk id>.jsonl`, then streams it: each root object
/// with its `__parentId` children is decoded, written in the REST webhook shape (so `replay` and
/// projection rebuilds read it like a delivery) and ingested through `EventLog.ingest` in batches,
/// after each of which the checkpoint records the lines done. A killed run skips those lines; events of
/// a batch it ingested but did not checkpoint come again under the same webhook id
/// (`backfill:<resource>:<id>:<updatedAt>`) and the log dedupes them, so nothing is stored twice.
///
/// The orders query selects `staffMember`, which needs `read_users` (Plus/Advanced stores or finance
/// apps). When Shopify refuses it for access — `bulkOperationRunQuery` throws an error naming
/// `staffMember`/`read_users`/ACCESS_DENIED, or the operation ends FAILED with errorCode ACCESS_DENIED —
/// the runner warns once and runs `BackfillQueries.ordersWithoutStaff` instead (not counted as the one
/// restart a failed operation gets); those orders carry no staff ids.
public struct BackfillRunner: Sendable {
    public let shopID: Int64
    public let shopDomain: String
    public let client: any BackfillBulkClient
    public let eventLog: any EventLog
    public let checkpoints: any BackfillStore
    /// `<data directory>/backfill/<shop domain>`.
    public let directory: URL
    public let options: BackfillOptions
    let logger: Logger

    public init(shopID: Int64, shopDomain: String, client: any BackfillBulkClient, eventLog: any EventLog,
                checkpoints: any BackfillStore, dataDirectory: URL, options: BackfillOptions = BackfillOptions(),
                logger: Logger = Logger(label: "storewise.backfill")) {
        self.shopID = shopID; self.shopDomain = shopDomain; self.client = client; self.eventLog = eventLog
        self.checkpoints = checkpoints; self.options = options; self.logger = logger
        directory = dataDirectory.appendingPathComponent("backfill").appendingPathComponent(shopDomain)
    }

    /// Runs every chosen resource in order; returns one summary per resource.
    ///
    /// - Throws: `BackfillError` (a bulk operation that failed twice, an unreadable file), `AdminError`,
    ///   storage errors, `CancellationError`. The checkpoint keeps what was done.
    public func run(progress: @escaping @Sendable (BackfillProgress) -> Void = { _ in }) async throws -> [BackfillResourceSummary] {
        if options.restart { try await checkpoints.clearBackfill(shopID: shopID) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var summaries: [BackfillResourceSummary] = []
        for resource in BackfillResource.runOrder where options.resources.contains(resource) {
            summaries.append(try await run(resource, progress: progress))
        }
        return summaries
    }

    /// One resource, from its checkpoint to completion.
    func run(_ resource: BackfillResource, progress: @escaping @Sendable (BackfillProgress) -> Void) async throws -> BackfillResourceSummary {
        let started = Date()
        let statsBefore = await client.statistics()
        let existing = try await checkpoints.backfillCheckpoints(shopID: shopID).first { $0.resource == resource.rawValue }
        if let existing, existing.status == .completed {
            return BackfillResourceSummary(resource: resource, objects: existing.rootsDone, alreadyComplete: true)
        }
        var checkpoint = existing ?? BackfillCheckpoint(shopID: shopID, resource: resource.rawValue, status: .pending,
                                                        startedAt: started, updatedAt: started)

        // 1. A finished bulk output on disk (from a run killed while ingesting) is read as it is.
        var file = checkpoint.bulkOperationID.map { outputFile(resource, bulkID: $0) }
        if checkpoint.status != .ingesting || file.map({ !FileManager.default.fileExists(atPath: $0.path) }) ?? true {
            file = try await bulkOutput(resource, checkpoint: &checkpoint, progress: progress)
        }

        // 2. Stream it into the event log.
        var summary = try await ingest(resource, file: file!, checkpoint: &checkpoint, started: started, progress: progress)

        checkpoint.status = .completed
        checkpoint.completedAt = Date()
        checkpoint.updatedAt = checkpoint.completedAt!
        checkpoint.lastError = summary.failures.first
        try await checkpoints.saveBackfillCheckpoint(checkpoint)
        if !options.keepFiles { try? FileManager.default.removeItem(at: file!) }

        let statsAfter = await client.statistics()
        summary.seconds = Date().timeIntervalSince(started)
        summary.throttledResponses = statsAfter.throttledResponses - statsBefore.throttledResponses
        summary.pacedSeconds = statsAfter.pacedSeconds - statsBefore.pacedSeconds
        progress(BackfillProgress(resource: resource, phase: .completed, objectCount: checkpoint.objectCount ?? 0,
                                  rootObjectCount: checkpoint.rootObjectCount, linesDone: checkpoint.linesDone,
                                  rootsDone: checkpoint.rootsDone, stored: summary.stored, duplicates: summary.duplicates,
                                  failed: summary.failed, rate: Double(summary.objects) / max(summary.seconds, 0.001),
                                  elapsedSeconds: summary.seconds, client: statsAfter))
        return summary
    }

    func outputFile(_ resource: BackfillResource, bulkID: String) -> URL {
        let number = bulkID.split(separator: "/").last.map(String.init) ?? "unknown"
        return directory.appendingPathComponent("\(resource.rawValue)-\(number).jsonl")
    }

    /// Starts or resumes the resource's bulk operation, waits for it, downloads its output.
    func bulkOutput(_ resource: BackfillResource, checkpoint: inout BackfillCheckpoint,
                    progress: @escaping @Sendable (BackfillProgress) -> Void) async throws -> URL {
        var operation: BackfillBulkOperation?
        var query = resource.query
        /// Switches the orders to the staff-less query once; false when there is nothing to fall back to.
        func withoutStaff(_ reason: String) -> Bool {
            guard resource == .orders, query.name != BackfillQueries.ordersWithoutStaff.name else { return false }
            query = BackfillQueries.ordersWithoutStaff
            logger.warning("orders backfill without staff members: the app lacks read_users", metadata: ["reason": "\(reason)"])
            return true
        }
        if let id = checkpoint.bulkOperationID, checkpoint.status == .running || checkpoint.status == .ingesting {
            // Resume: Shopify may have finished it meanwhile, or dropped it.
            operation = try await client.bulkOperation(id: id)
            if let found = operation, ["FAILED", "CANCELED", "CANCELING", "EXPIRED"].contains(found.status) {
                logger.info("backfill: earlier bulk operation ended; starting again",
                            metadata: ["resource": "\(resource)", "id": "\(id)", "status": "\(found.status)"])
                if found.errorCode == "ACCESS_DENIED" { _ = withoutStaff("bulk operation \(id) ended FAILED (ACCESS_DENIED)") }
                operation = nil
            }
        }
        var restarts = 0
        while true {
            if operation == nil {
                let started: BackfillBulkOperation
                do {
                    started = try await client.startBulkQuery(query)
                } catch where Self.isStaffAccessDenial(error) && withoutStaff(String(describing: error)) {
                    continue
                }
                operation = started
                checkpoint.bulkOperationID = started.id
                checkpoint.status = .running
                checkpoint.linesDone = 0
                checkpoint.rootsDone = 0
                checkpoint.objectCount = nil
                checkpoint.rootObjectCount = nil
                checkpoint.updatedAt = Date()
                try await checkpoints.saveBackfillCheckpoint(checkpoint)
            }
            var current = operation!
            while !current.isFinished {
                progress(BackfillProgress(resource: resource, phase: .bulkRunning, objectCount: current.objectCount,
                                          rootObjectCount: current.rootObjectCount, client: await client.statistics()))
                try await Task.sleep(for: .seconds(options.pollInterval))
                guard let polled = try await client.bulkOperation(id: current.id) else {
                    throw BackfillError.bulkOperationFailed(resource: resource.rawValue, id: current.id, status: "UNKNOWN", errorCode: nil)
                }
                current = polled
            }
            if current.status == "COMPLETED" {
                operation = current
                break
            }
            // A fresh operation that fails is Shopify's verdict (a bad query, an internal error): one
            // more try for transient failures, then it is reported with its id and code.
            checkpoint.status = .failed
            checkpoint.lastError = "bulk operation \(current.id) ended \(current.status)" + (current.errorCode.map { " (\($0))" } ?? "")
            checkpoint.updatedAt = Date()
            try await checkpoints.saveBackfillCheckpoint(checkpoint)
            if current.status == "FAILED", current.errorCode == "ACCESS_DENIED",
               withoutStaff("bulk operation \(current.id) ended FAILED (ACCESS_DENIED)") {
                operation = nil
                continue
            }
            guard restarts < 1 else {
                throw BackfillError.bulkOperationFailed(resource: resource.rawValue, id: current.id, status: current.status,
                                                        errorCode: current.errorCode)
            }
            restarts += 1
            operation = nil
        }

        let completed = operation!
        let file = outputFile(resource, bulkID: completed.id)
        progress(BackfillProgress(resource: resource, phase: .downloading, objectCount: completed.objectCount,
                                  rootObjectCount: completed.rootObjectCount, client: await client.statistics()))
        let partial = file.appendingPathExtension("part")
        try? FileManager.default.removeItem(at: partial)
        if let url = completed.url {
            try await client.download(url, to: partial)
        } else {
            // No URL: the query matched nothing.
            guard FileManager.default.createFile(atPath: partial.path, contents: Data()) else {
                throw BackfillError.file(path: partial.path, reason: "cannot create")
            }
        }
        try? FileManager.default.removeItem(at: file)
        do {
            try FileManager.default.moveItem(at: partial, to: file)
        } catch {
            throw BackfillError.file(path: file.path, reason: "cannot move the download into place: \(error)")
        }
        checkpoint.status = .ingesting
        checkpoint.objectCount = completed.objectCount
        checkpoint.rootObjectCount = completed.rootObjectCount
        checkpoint.linesDone = 0
        checkpoint.rootsDone = 0
        checkpoint.lastError = nil
        checkpoint.updatedAt = Date()
        try await checkpoints.saveBackfillCheckpoint(checkpoint)
        return file
    }

    /// Whether `bulkOperationRunQuery` was refused because the token lacks `read_users` (Shopify's
    /// top-level ACCESS_DENIED error names the field and the scope; the client keeps only the messages)
    /// or for access at all (a userError coded ACCESS_DENIED).
    static func isStaffAccessDenial(_ error: any Error) -> Bool {
        func names(_ text: String) -> Bool {
            text.contains("staffMember") || text.contains("read_users") || text.contains("StaffMember")
        }
        switch error {
        case AdminError.graphQL(_, let messages): return messages.contains(where: names)
        case AdminError.userErrors(_, let errors):
            return errors.contains { $0.code == "ACCESS_DENIED" || names($0.message) }
        default: return false
        }
    }

    /// Streams the output from `checkpoint.linesDone` into the event log.
    func ingest(_ resource: BackfillResource, file: URL, checkpoint: inout BackfillCheckpoint, started: Date,
                progress: @escaping @Sendable (BackfillProgress) -> Void) async throws -> BackfillResourceSummary {
        var reader: JSONLLineReader
        do {
            reader = try JSONLLineReader(url: file)
        } catch {
            throw BackfillError.file(path: file.path, reason: "cannot open: \(error)")
        }
        defer { reader.close() }
        var summary = BackfillResourceSummary(resource: resource)
        let ingestStarted = Date()
        let rootsAtStart = checkpoint.rootsDone
        var lineNumber = 0
        // Skip what an earlier run checkpointed: it always ends at a root boundary.
        while lineNumber < checkpoint.linesDone, try reader.next() != nil { lineNumber += 1 }

        var assembler = BulkJSONLAssembler(childKeys: BackfillQueries.childKeys, grouped: true)
        var batch: [IncomingEvent] = []
        var batchRoots = 0
        var linesAtBatchEnd = lineNumber
        let encoder = BackfillEventEncoder(shopID: shopID, shopCurrency: options.shopCurrency, receivedAt: Date())

        func flush(_ checkpoint: inout BackfillCheckpoint, summary: inout BackfillResourceSummary) async throws {
            try Task.checkCancellation()
            if !batch.isEmpty {
                let outcomes = try await eventLog.ingest(batch)
                for outcome in outcomes {
                    switch outcome {
                    case .stored: summary.stored += 1
                    case .duplicate: summary.duplicates += 1
                    case .failed(let reason):
                        summary.failed += 1
                        if summary.failures.count < 5 { summary.failures.append(reason) }
                    }
                }
            }
            checkpoint.linesDone = linesAtBatchEnd
            checkpoint.rootsDone += batchRoots
            checkpoint.status = .ingesting
            checkpoint.updatedAt = Date()
            try await checkpoints.saveBackfillCheckpoint(checkpoint)
            batch.removeAll(keepingCapacity: true)
            batchRoots = 0
            let elapsed = Date().timeIntervalSince(ingestStarted)
            progress(BackfillProgress(resource: resource, phase: .ingesting, objectCount: checkpoint.objectCount ?? 0,
                                      rootObjectCount: checkpoint.rootObjectCount, linesDone: checkpoint.linesDone,
                                      rootsDone: checkpoint.rootsDone, stored: summary.stored, duplicates: summary.duplicates,
                                      failed: summary.failed, rate: Double(checkpoint.rootsDone - rootsAtStart) / max(elapsed, 0.001),
                                      elapsedSeconds: Date().timeIntervalSince(started), client: await client.statistics()))
        }

        func complete(_ root: BulkJSONLAssembler.Root, summary: inout BackfillResourceSummary) {
            do {
                batch.append(contentsOf: try encoder.events(resource, root: root.object))
            } catch {
                summary.failed += 1
                if summary.failures.count < 5 { summary.failures.append(String(describing: error)) }
            }
            batchRoots += 1
            // Grouped output: every root knows the line a resumed reader starts at.
            linesAtBatchEnd = root.resumeLine ?? lineNumber
        }

        while let line = try reader.next() {
            let number = lineNumber  // 0-based
            lineNumber += 1
            if line.isEmpty { continue }
            let completed: [BulkJSONLAssembler.Root]
            do {
                completed = try assembler.add(try JSONValue.parse(Data(line)), line: number)
            } catch {
                throw BackfillError.file(path: file.path, reason: "line \(number + 1): \(error)")
            }
            for root in completed {
                complete(root, summary: &summary)
                if batch.count >= options.batchSize { try await flush(&checkpoint, summary: &summary) }
            }
        }
        for root in assembler.finish() { complete(root, summary: &summary) }
        try await flush(&checkpoint, summary: &summary)
        summary.objects = checkpoint.rootsDone
        return summary
    }
}
