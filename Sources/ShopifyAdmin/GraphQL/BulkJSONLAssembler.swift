/// Rebuilds nesting in a bulk operation's JSONL output (pure: lines in, objects out).
///
/// Shopify writes each object of a nested connection as its own line with `__parentId` naming its
/// parent, and no field name: the child is attached to its parent under the key `childKeys` gives for
/// the gid's type segment (`gid://shopify/LineItem/1` → "LineItem" → e.g. "lineItems"), else the type
/// name with a lower-case first letter and an "s" ("InventoryLevel" → "inventoryLevels"). `__parentId`
/// is removed. A parent with no children of a kind has no key for it (readers treat absent as empty).
///
/// Two layouts (`bulkOperationRunQuery(groupObjects:)`):
/// - **grouped**: a root's descendants follow it before the next root, so a root is emitted when the
///   next root (or the end) arrives. Memory: one root and its descendants. Each emitted root carries
///   `resumeLine`: the number of lines a reader resuming after ingesting it may skip.
/// - **ungrouped** (Shopify's default, faster to produce): children come after their parent but anywhere
///   later, so every root is held until `finish()`. Memory: the whole file's objects (roughly 1 KB per
///   line: about 200 MB for 50,000 orders with 150,000 line items). `resumeLine` is nil except on the
///   last root; a resumed reader skips by `ordinal` instead.
///
/// ```swift
/// var assembler = BulkJSONLAssembler(childKeys: ["LineItem": "lineItems"], grouped: true)
/// for (number, line) in lines.enumerated() { for root in try assembler.add(try JSONValue.parse(line), line: number) { ingest(root.object) } }
/// for root in try assembler.finish() { ingest(root.object) }
/// ```
public struct BulkJSONLAssembler: Sendable {
    /// A root object with its descendants attached.
    public struct Root: Sendable, Hashable {
        public var object: JSONValue
        /// 0-based position among the roots of the file.
        public var ordinal: Int
        /// 0-based line of the root itself.
        public var firstLine: Int
        /// Lines a resumed reader may skip once this root and every earlier one are ingested, or nil
        /// when that is not known (ungrouped layout).
        public var resumeLine: Int?
    }

    struct Node: Sendable {
        var fields: [String: JSONValue]
        var children: [(key: String, index: Int)] = []
    }

    public let childKeys: [String: String]
    public let grouped: Bool
    var nodes: [Node] = []
    var indexByID: [String: Int] = [:]
    /// Node index, ordinal and line of each root not yet emitted.
    var pendingRoots: [(index: Int, ordinal: Int, line: Int)] = []
    var rootCount = 0
    var lineCount = 0

    public init(childKeys: [String: String] = [:], grouped: Bool) {
        self.childKeys = childKeys; self.grouped = grouped
    }

    /// Adds the object on line `line` (0-based); returns the roots it completes (grouped layout only).
    public mutating func add(_ object: JSONValue, line: Int) throws(BulkJSONLError) -> [Root] {
        guard var fields = object.object else { throw .notAnObject(line: line) }
        lineCount = max(lineCount, line + 1)
        let parentID = fields.removeValue(forKey: "__parentId")?.string
        var completed: [Root] = []
        if parentID == nil, grouped, !pendingRoots.isEmpty {
            completed = emitPending(resumeLine: line)
        }
        let index = nodes.count
        nodes.append(Node(fields: fields))
        if let id = fields["id"]?.string { indexByID[id] = index }
        if let parentID {
            guard let parent = indexByID[parentID] else { throw .unknownParent(line: line, parentID: parentID) }
            nodes[parent].children.append((key: key(for: fields["id"]?.string), index: index))
        } else {
            pendingRoots.append((index: index, ordinal: rootCount, line: line))
            rootCount += 1
        }
        return completed
    }

    /// Emits every root still held (the end of the file).
    public mutating func finish() -> [Root] {
        emitPending(resumeLine: lineCount)
    }

    /// Builds and emits the pending roots, then forgets their nodes.
    mutating func emitPending(resumeLine: Int) -> [Root] {
        let last = pendingRoots.count - 1
        let roots = pendingRoots.enumerated().map { position, pending in
            Root(object: build(pending.index), ordinal: pending.ordinal, firstLine: pending.line,
                 resumeLine: grouped || position == last ? resumeLine : nil)
        }
        pendingRoots.removeAll()
        nodes.removeAll(keepingCapacity: true)
        indexByID.removeAll(keepingCapacity: true)
        return roots
    }

    func build(_ index: Int) -> JSONValue {
        let node = nodes[index]
        var fields = node.fields
        var grouped: [String: [JSONValue]] = [:]
        var order: [String] = []
        for child in node.children {
            if grouped[child.key] == nil { order.append(child.key) }
            grouped[child.key, default: []].append(build(child.index))
        }
        for key in order { fields[key] = .array(grouped[key] ?? []) }
        return .object(fields)
    }

    /// The key a child of this gid's type goes under.
    func key(for id: String?) -> String {
        guard let type = Self.typeName(of: id) else { return "children" }
        if let mapped = childKeys[type] { return mapped }
        return type.prefix(1).lowercased() + type.dropFirst() + "s"
    }

    /// "LineItem" of `gid://shopify/LineItem/1` (nil for anything else).
    public static func typeName(of id: String?) -> String? {
        guard let id, id.hasPrefix("gid://") else { return nil }
        let parts = id.dropFirst("gid://".count).split(separator: "/")
        return parts.count >= 3 ? String(parts[1]) : nil
    }
}

/// A bulk JSONL line the assembler cannot place, naming the line (0-based).
public enum BulkJSONLError: Error, Sendable, Hashable, CustomStringConvertible {
    case notAnObject(line: Int)
    case unknownParent(line: Int, parentID: String)
    case invalidJSON(line: Int, reason: String)

    public var description: String {
        switch self {
        case .notAnObject(let line): "bulk JSONL line \(line + 1): not a JSON object"
        case .unknownParent(let line, let parentID): "bulk JSONL line \(line + 1): __parentId \(parentID) names no earlier object"
        case .invalidJSON(let line, let reason): "bulk JSONL line \(line + 1): \(reason)"
        }
    }
}
