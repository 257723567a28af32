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
        let id = data.makeID()
        let operation = FakeBulkOperation(id: id, query: query, status: "CREATED", errorCode: nil, createdAt: now, completedAt: nil,
                                          objectCount: 0, rootObjectCount: 0, fileSize: nil, url: nil, fileURL: nil)
        data.bulkOperations.append(operation)
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

/// Writes a bulk query's JSONL: one line per node, nested connections' nodes on their own lines
/// after their parent with `"__parentId"`, `/` escaped as `\/` like Shopify's files. Streams to disk
/// in 1 MB chunks.
enum FakeBulkWriter {
    struct Summary: Sendable {
        var objects: Int
        var rootObjects: Int
        var bytes: Int
    }

    static func write(query: String, data: FakeShopData, to file: URL) throws -> Summary {
        let document = try parse(source: query)
        guard let operation = document.definitions.compactMap({ $0 as? OperationDefinition }).first,
              let rootField = operation.selectionSet.selections.compactMap({ $0 as? Field }).first else {
            throw FakeShopifyError.notRunning("bulk query without a root field")
        }
        var projector = FakeProjector(document: document, variables: [:])
        projector.bulk = true
        let root = data.queryRoot(bulkOperation: { _ in nil }, baseURL: "")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 20)
        var summary = Summary(objects: 0, rootObjects: 0, bytes: 0)

        func flush() throws {
            guard !buffer.isEmpty else { return }
            try handle.write(contentsOf: buffer)
            summary.bytes += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }

        func emit(_ object: FakeObject, selections: SelectionSet, parentID: String?) throws {
            var members: [(String, FakeJSON)] = []
            var children: [(FakeConnection, Field)] = []
            for (key, fields) in projector.fieldGroups(in: selections, typename: object.typename) {
                let field = fields[0]
                if field.name.value == "__typename" { members.append((key, .string(object.typename))); continue }
                guard let value = object.resolve(field.name.value, projector.arguments(of: field)) else { continue }
                if case .connection(let connection) = value {
                    children.append((connection, field))
                } else {
                    members.append((key, projector.project(value: value, field: field, path: [])))
                }
            }
            if let parentID { members.append(("__parentId", .string(parentID))) }
            FakeJSON.object(members).write(into: &buffer, escapeSlashes: true)
            buffer.append(0x0A)
            summary.objects += 1
            if buffer.count > (1 << 20) - 4096 { try flush() }
            let ownID: String? = if case .string(let id)? = FakeJSON.object(members)["id"] { id } else { nil }
            for (connection, field) in children {
                guard let nodeSelections = nodeSelection(field) else { continue }
                let (indices, _, _) = projector.page(of: connection, arguments: projector.arguments(of: field))
                for index in indices { try emit(connection.node(index), selections: nodeSelections, parentID: ownID) }
            }
        }

        guard let value = root.resolve(rootField.name.value, projector.arguments(of: rootField)),
              case .connection(let connection) = value, let nodeSelections = nodeSelection(rootField) else {
            throw FakeShopifyError.notRunning("bulk query root '\(rootField.name.value)' is not a connection the fake serves")
        }
        let (indices, _, _) = projector.page(of: connection, arguments: projector.arguments(of: rootField))
        for index in indices {
            summary.rootObjects += 1
            try emit(connection.node(index), selections: nodeSelections, parentID: nil)
        }
        try flush()
        return summary
    }

    /// The node selection of a connection field: `edges { node { … } }` or `nodes { … }`.
    static func nodeSelection(_ field: Field) -> SelectionSet? {
        for case let inner as Field in field.selectionSet?.selections ?? [] {
            if inner.name.value == "nodes" { return inner.selectionSet }
            if inner.name.value == "edges" {
                for case let node as Field in inner.selectionSet?.selections ?? [] where node.name.value == "node" { return node.selectionSet }
            }
        }
        return nil
    }
}
