import AsyncHTTPClient
import Foundation
import ShopifyAdmin

/// `BackfillBulkClient` over the Admin API through `BulkOperationRunner`: `bulkOperationRunQuery`,
/// `bulkOperation(id:)` and the download of the signed output URL.
///
/// Bulk queries run with `groupObjects: true`, so each object's descendants follow it directly and the
/// runner can stream the file root by root (and checkpoint at root boundaries) instead of holding it.
public struct AdminBackfillClient: BackfillBulkClient {
    public let client: AdminClient
    let bulk: BulkOperationRunner
    /// Seconds between attempts while another bulk query (one a killed run left) is still in progress.
    let busyPollInterval: Double

    public init(client: AdminClient, busyPollInterval: Double = 2) {
        self.client = client; self.busyPollInterval = busyPollInterval
        bulk = BulkOperationRunner(client: client)
    }

    public func startBulkQuery(_ query: GraphQLDocument) async throws -> BackfillBulkOperation {
        // Shopify runs one bulk query per shop and app at a time: one left by a killed run is waited out.
        var lastRefusal: BulkOperationInProgress?
        for _ in 0..<1800 {
            do {
                let id = try await bulk.start(query: query, groupObjects: true)
                return BackfillBulkOperation(id: id, status: "CREATED")
            } catch let refusal as BulkOperationInProgress {
                lastRefusal = refusal
                try await Task.sleep(for: .seconds(busyPollInterval))
            }
        }
        throw lastRefusal!
    }

    public func bulkOperation(id: String) async throws -> BackfillBulkOperation? {
        let status: BulkOperationStatus
        do {
            status = try await bulk.status(id: id)
        } catch AdminError.invalidResponse(_, let field, _) where field == "bulkOperation" {
            return nil  // Shopify no longer knows it
        }
        return BackfillBulkOperation(id: status.id, status: status.status, objectCount: status.objectCount,
                                     rootObjectCount: status.rootObjectCount, url: status.url.flatMap(URL.init(string:)),
                                     errorCode: status.errorCode)
    }

    public func download(_ url: URL, to file: URL) async throws {
        try await bulk.download(url: url.absoluteString, to: file, timeout: .seconds(3600))
    }

    public func statistics() async -> AdminClientStatistics { client.statistics }
}
