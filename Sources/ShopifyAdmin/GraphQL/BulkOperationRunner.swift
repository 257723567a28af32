import AsyncHTTPClient
import Foundation
import NIOCore

/// Runs a bulk query: start it, poll until it ends, download the JSONL to disk.
///
/// ```swift
/// let runner = BulkOperationRunner(client: client)
/// let id = try await runner.start(query: BackfillQueries.orders)
/// let done = try await runner.poll(id: id, interval: .seconds(2)) { print("\($0.objectCount) objects") }
/// guard done.status == "COMPLETED", let url = done.url else { throw … }
/// try await runner.download(url: url, to: fileURL)
/// ```
public struct BulkOperationRunner: Sendable {
    public let client: AdminClient

    public init(client: AdminClient) {
        self.client = client
    }

    /// Starts `query` (kind `.bulkQuery`) and returns the operation's id. Shopify runs one bulk query per
    /// shop at a time: when one is running this throws `BulkOperationInProgress` naming it.
    public func start(query: GraphQLDocument, groupObjects: Bool = false) async throws -> String {
        let payload: JSONValue
        do {
            payload = try await client.mutate(AdminDocuments.bulkOperationRunQuery,
                                              variables: ["query": .string(query.text), "groupObjects": .bool(groupObjects)],
                                              field: "bulkOperationRunQuery")
        } catch AdminError.userErrors(let operation, let errors) where errors.contains(where: { $0.code == "OPERATION_IN_PROGRESS" }) {
            let running = try? await current()
            throw BulkOperationInProgress(running: running, message: AdminError.userErrors(operation: operation, errors).description)
        }
        guard let status = BulkOperationStatus(payload["bulkOperation"]) else {
            throw AdminError.invalidResponse(operation: AdminDocuments.bulkOperationRunQuery.name,
                                             field: "bulkOperationRunQuery.bulkOperation", reason: "missing")
        }
        return status.id
    }

    /// The operation `id` now.
    public func status(id: String) async throws -> BulkOperationStatus {
        let response = try await client.execute(AdminDocuments.bulkOperation, variables: ["id": .string(id)])
        guard let status = BulkOperationStatus(response.data["bulkOperation"]) else {
            throw AdminError.invalidResponse(operation: AdminDocuments.bulkOperation.name, field: "bulkOperation", reason: "no bulk operation \(id)")
        }
        return status
    }

    /// The shop's current (latest) bulk query, or nil when it never ran one.
    public func current() async throws -> BulkOperationStatus? {
        let response = try await client.execute(AdminDocuments.currentBulkOperation)
        return BulkOperationStatus(response.data["currentBulkOperation"])
    }

    /// Polls every `interval` until the operation is COMPLETED, FAILED, CANCELED or EXPIRED, reporting
    /// each status; returns the last one (the caller decides what a failure means, `partialDataUrl` included).
    public func poll(id: String, interval: Duration = .seconds(2),
                     onProgress: @Sendable (BulkOperationStatus) -> Void = { _ in }) async throws -> BulkOperationStatus {
        while true {
            let status = try await status(id: id)
            onProgress(status)
            if status.isTerminal { return status }
            try await Task.sleep(for: interval)
        }
    }

    /// Polls to the end and throws `.bulkOperationFailed` unless it COMPLETED.
    public func waitForCompletion(id: String, interval: Duration = .seconds(2),
                                  onProgress: @Sendable (BulkOperationStatus) -> Void = { _ in }) async throws -> BulkOperationStatus {
        let status = try await poll(id: id, interval: interval, onProgress: onProgress)
        guard status.status == "COMPLETED" else {
            throw AdminError.bulkOperationFailed(id: id, status: status.status, errorCode: status.errorCode)
        }
        return status
    }

    /// Streams the JSONL at `url` into `fileURL` (written to a `.part` file, then moved, so a crash never
    /// leaves a truncated file under the final name). Returns the bytes written. The signed address needs
    /// no token, and none is sent (it is not Shopify's host).
    @discardableResult
    public func download(url: String, to fileURL: URL, timeout: Duration = .seconds(600)) async throws -> Int {
        let partial = fileURL.appendingPathExtension("part")
        let manager = FileManager.default
        try? manager.removeItem(at: partial)
        guard manager.createFile(atPath: partial.path, contents: nil) else {
            throw AdminError.transport(operation: "bulk download", reason: "cannot create \(partial.path)")
        }
        let handle = try FileHandle(forWritingTo: partial)
        var written = 0
        do {
            let request = HTTPClientRequest(url: url)
            let response = try await client.httpClient.execute(request, timeout: .seconds(timeout.components.seconds))
            guard response.status == .ok else {
                let body = try? await response.body.collect(upTo: 4096)
                throw AdminError.http(operation: "bulk download", status: Int(response.status.code), body: body.map { String(buffer: $0) } ?? "")
            }
            for try await chunk in response.body {
                try chunk.withUnsafeReadableBytes { try handle.write(contentsOf: $0) }
                written += chunk.readableBytes
            }
            try handle.close()
        } catch {
            try? handle.close()
            try? manager.removeItem(at: partial)
            if error is AdminError { throw error }
            throw AdminError.transport(operation: "bulk download", reason: String(describing: error))
        }
        try? manager.removeItem(at: fileURL)
        try manager.moveItem(at: partial, to: fileURL)
        return written
    }
}

/// `bulkOperationRunQuery` refused: the shop already runs a bulk query (Shopify allows one at a time).
public struct BulkOperationInProgress: Error, Sendable, CustomStringConvertible {
    /// The running operation, when `currentBulkOperation` could name it.
    public var running: BulkOperationStatus?
    public var message: String

    public var description: String {
        "a bulk query is already running" + (running.map { " (\($0.id), \($0.status), \($0.objectCount) objects)" } ?? "") + ": " + message
    }
}
