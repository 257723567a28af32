import AsyncHTTPClient
import Foundation
import NIOCore
import ShopifyAdmin

/// `BackfillBulkClient` over the Admin API: `bulkOperationRunQuery`, `bulkOperation(id:)`, and a
/// streaming download of the signed output URL.
///
/// Bulk queries run with `groupObjects: true`, so each object's children follow it directly and the
/// runner can stream the file root by root (and checkpoint at root boundaries) instead of holding it.
public struct AdminBackfillClient: BackfillBulkClient {
    public let client: AdminClient
    let httpClient: HTTPClient
    /// Seconds between looks at a bulk query another run left in progress.
    let busyPollInterval: Double

    public init(client: AdminClient, httpClient: HTTPClient = .shared, busyPollInterval: Double = 2) {
        self.client = client; self.httpClient = httpClient; self.busyPollInterval = busyPollInterval
    }

    public func startBulkQuery(_ query: GraphQLDocument) async throws -> BackfillBulkOperation {
        let document = AdminDocuments.bulkOperationRunQuery
        // Shopify runs one bulk query per shop and app at a time: one left by a killed run is waited out.
        for _ in 0..<3600 {
            let response = try await client.execute(document, variables: ["query": .string(query.text), "groupObjects": true])
            let payload = response.data["bulkOperationRunQuery"]
            let errors = Self.userErrors(payload["userErrors"])
            if errors.contains(where: { $0.code == "OPERATION_IN_PROGRESS" }) {
                try await Task.sleep(for: .seconds(busyPollInterval))
                continue
            }
            guard errors.isEmpty else { throw AdminError.userErrors(operation: document.name, errors) }
            return try Self.operation(payload["bulkOperation"], operation: document.name, field: "bulkOperationRunQuery.bulkOperation")
        }
        throw AdminError.invalidResponse(operation: document.name, field: "bulkOperationRunQuery.userErrors",
                                         reason: "another bulk query stayed in progress for too long")
    }

    public func bulkOperation(id: String) async throws -> BackfillBulkOperation? {
        let document = AdminDocuments.bulkOperation
        let response = try await client.execute(document, variables: ["id": .string(id)])
        let value = response.data["bulkOperation"]
        if value.isNull { return nil }
        return try Self.operation(value, operation: document.name, field: "bulkOperation")
    }

    public func download(_ url: URL, to file: URL) async throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw BackfillError.file(path: file.path, reason: "cannot create")
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        let request = HTTPClientRequest(url: url.absoluteString)
        let response = try await httpClient.execute(request, timeout: .hours(1))
        guard response.status.code == 200 else {
            throw AdminError.http(operation: "BulkOperationDownload", status: Int(response.status.code), body: url.absoluteString)
        }
        for try await chunk in response.body {
            try handle.write(contentsOf: Data(chunk.readableBytesView))
        }
    }

    public func statistics() async -> AdminClientStatistics { client.statistics }

    static func userErrors(_ value: JSONValue) -> [UserError] {
        (value.array ?? []).map { error in
            UserError(field: (error["field"].array ?? []).compactMap(\.string), message: error["message"].string ?? "",
                      code: error["code"].string)
        }
    }

    static func operation(_ value: JSONValue, operation: String, field: String) throws -> BackfillBulkOperation {
        guard let id = value["id"].string else {
            throw AdminError.invalidResponse(operation: operation, field: "\(field).id", reason: "missing")
        }
        guard let status = value["status"].string else {
            throw AdminError.invalidResponse(operation: operation, field: "\(field).status", reason: "missing")
        }
        return BackfillBulkOperation(
            id: id, status: status, objectCount: value["objectCount"].int.map(Int.init) ?? 0,
            rootObjectCount: value["rootObjectCount"].int.map(Int.init), url: value["url"].string.flatMap(URL.init(string:)),
            errorCode: value["errorCode"].string)
    }
}
