import Foundation
import GraphQL
import ShopifyAdmin

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
