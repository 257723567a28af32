import Foundation
import GraphQL
import ShopifyAdmin

/// The bulk-operation lifecycle: `bulkOperationRunQuery` validates the inner query and starts a
/// writer on a snapshot; the status runs CREATED → RUNNING → COMPLETED at `bulkObjectsPerSecond`.
extension FakeShopState {
    func bulkOperationRunQuery(_ query: String, now: Date) -> (FakeObject, Bool) {
        func failure(_ message: String, code: String) -> (FakeObject, Bool) {
            (.fields("BulkOperationRunQueryPayload", ["bulkOperation": .null, "userErrors": .list([
                userError("BulkOperationUserError", field: ["query"], message: message, code: code),
            ])]), false)
        }
        refreshBulkOperations(now: now)
        if let running = data.bulkOperations.last, running.status == "CREATED" || running.status == "RUNNING" {
            return failure("A bulk query operation for this app and shop is already in progress: \(FakeFormat.gid("BulkOperation", running.id)).",
                           code: "OPERATION_IN_PROGRESS")
        }
        if let problem = Self.validateBulkQuery(query) { return failure(problem, code: "INVALID") }
        if let denied = deniedField(inBulkQuery: query) {
            // Shopify accepts a valid query and fails the operation when it meets a field the token's
            // scopes do not cover: `BulkOperationErrorCode.ACCESS_DENIED` ("the provided operation `query`
            // returned access denied due to missing access scopes … execute the query as a normal
            // non-bulk GraphQL request to see more details", 2026-04 schema). So neither a top-level error
            // nor a userError (`BulkOperationUserErrorCode` has only OPERATION_IN_PROGRESS, INVALID and
            // LIMIT_REACHED): the answer shows it CREATED and the first poll shows it FAILED, no objects, no URL.
            let id = data.makeID()
            logger.info("bulk \(id) fails ACCESS_DENIED: the query selects \(denied)")
            let created = FakeBulkOperation(id: id, query: query, status: "CREATED", errorCode: nil, createdAt: now, completedAt: nil,
                                            objectCount: 0, rootObjectCount: 0, fileSize: nil, url: nil, fileURL: nil)
            var failed = created
            failed.status = "FAILED"
            failed.errorCode = "ACCESS_DENIED"
            failed.completedAt = now
            data.bulkOperations.append(failed)
            return (.fields("BulkOperationRunQueryPayload", ["bulkOperation": .object(data.render(created, baseURL: baseURL)), "userErrors": .list([])]), true)
        }
        let id = data.makeID()
        let operation = FakeBulkOperation(id: id, query: query, status: "CREATED", errorCode: nil, createdAt: now, completedAt: nil,
                                          objectCount: 0, rootObjectCount: 0, fileSize: nil, url: nil, fileURL: nil)
        data.bulkOperations.append(operation)
        data.prepareCaches()
        let snapshot = data
        let file = bulkDirectory.appendingPathComponent("\(id).jsonl")
        let logger = logger
        Task.detached { [weak self] in
            let result = Result { try FakeBulkWriter.write(query: query, data: snapshot, to: file) }
            if case .failure(let error) = result { logger.error("bulk \(id) failed: \(error)") }
            await self?.bulkWritten(id: id, result: result, file: file)
        }
        return (.fields("BulkOperationRunQueryPayload", ["bulkOperation": .object(data.render(operation, baseURL: baseURL)), "userErrors": .list([])]), true)
    }

    /// The first field of a bulk inner query that `configuration.deniedFields` names, or nil.
    func deniedField(inBulkQuery query: String) -> String? {
        guard !configuration.deniedFields.isEmpty, let document = try? parse(source: query),
              let operation = document.definitions.compactMap({ $0 as? OperationDefinition }).first else { return nil }
        return FakeProjector(document: document, variables: [:]).deniedField(in: operation.selectionSet, denied: configuration.deniedFields)
    }

    /// Shopify's main rules: one top-level connection, at most 5 connections in all, nesting at most 2 levels.
    static func validateBulkQuery(_ query: String) -> String? {
        let document: Document
        do { document = try parse(source: query) } catch { return "Invalid bulk query: \(error)" }
        let operations = document.definitions.compactMap { $0 as? OperationDefinition }
        guard operations.count == 1, let operation = operations.first, operation.operation == .query else {
            return "Bulk queries must contain exactly one query operation."
        }
        let roots = operation.selectionSet.selections.compactMap { $0 as? Field }
        guard roots.count == 1, let root = roots.first, root.selectionSet != nil else {
            return "Bulk queries must contain at least one connection."
        }
        var connections = 0
        var depth = 0
        func walk(_ set: SelectionSet?, level: Int) {
            for case let field as Field in set?.selections ?? [] {
                if let inner = field.selectionSet, inner.selections.contains(where: { ($0 as? Field).map { ["edges", "nodes"].contains($0.name.value) } ?? false }) {
                    connections += 1
                    depth = max(depth, level + 1)
                    walk(inner, level: level + 1)
                } else {
                    walk(field.selectionSet, level: level)
                }
            }
        }
        walk(operation.selectionSet, level: 0)
        if connections == 0 { return "Bulk queries must contain at least one connection." }
        if connections > 5 { return "Bulk queries cannot contain more than 5 connections." }
        if depth > 2 { return "Bulk queries cannot contain connections with a nesting depth greater than 2." }
        return nil
    }

    private func bulkWritten(id: Int64, result: Result<FakeBulkWriter.Summary, any Error>, file: URL) {
        guard let index = data.bulkOperations.firstIndex(where: { $0.id == id }) else { return }
        switch result {
        case .success(let summary):
            data.bulkOperations[index].fileURL = file
            data.bulkOperations[index].fileSize = summary.bytes
            data.bulkOperations[index].rootObjectCount = summary.rootObjects
            data.bulkOperations[index].writtenAt = Date()
            data.bulkOperations[index].url = "\(baseURL)/bulk/\(id).jsonl"
            totalObjects[id] = summary.objects
        case .failure:
            data.bulkOperations[index].status = "FAILED"
            data.bulkOperations[index].errorCode = "INTERNAL_SERVER_ERROR"
            data.bulkOperations[index].completedAt = Date()
        }
        refreshBulkOperations(now: Date())
    }

    /// Moves operations along: RUNNING with objectCount growing at the configured rate, then COMPLETED.
    func refreshBulkOperations(now: Date) {
        for index in data.bulkOperations.indices {
            var operation = data.bulkOperations[index]
            guard operation.status == "CREATED" || operation.status == "RUNNING" else { continue }
            let elapsed = now.timeIntervalSince(operation.createdAt)
            let rate = max(1, configuration.bulkObjectsPerSecond)
            let counted = Int(elapsed * rate)
            if let total = totalObjects[operation.id], operation.writtenAt != nil {
                if counted >= total {
                    operation.status = "COMPLETED"
                    operation.objectCount = total
                    operation.completedAt = max(operation.writtenAt!, operation.createdAt.addingTimeInterval(Double(total) / rate))
                } else {
                    operation.status = "RUNNING"
                    operation.objectCount = counted
                    operation.rootObjectCount = 0
                }
            } else {
                operation.status = "RUNNING"
            }
            if operation.status != "COMPLETED" { operation.url = nil; operation.fileSize = nil }
            data.bulkOperations[index] = operation
        }
    }

    /// The JSONL file of a completed operation.
    func bulkFile(id: Int64) -> URL? {
        refreshBulkOperations(now: Date())
        return data.bulkOperations.first { $0.id == id && $0.status == "COMPLETED" }?.fileURL
    }
}
