import Foundation
import ShopifyAdmin
import Testing
import TestSupport

/// Rebuilding nesting from `__parentId`: Shopify's captured output and hand-written files.
@Suite("Bulk JSONL assembler")
struct BulkJSONLAssemblerTests {
    static func lines(_ text: String) throws -> [JSONValue] {
        try text.split(separator: "\n").map { try JSONValue.parse(Data($0.utf8)) }
    }

    static func assemble(_ text: String, grouped: Bool, keys: [String: String] = ["LineItem": "lineItems"]) throws
        -> (during: [BulkJSONLAssembler.Root], atEnd: [BulkJSONLAssembler.Root]) {
        var assembler = BulkJSONLAssembler(childKeys: keys, grouped: grouped)
        var during: [BulkJSONLAssembler.Root] = []
        for (number, line) in try lines(text).enumerated() {
            during += try assembler.add(line, line: number)
        }
        return (during, assembler.finish())
    }

    @Test("Shopify's captured output: 1 product with a variant, a media image and a metafield")
    func capturedExample() async throws {
        guard let url = SharedData.file("shopify/bulk_operation_example.jsonl") else { return }
        // The query in bulk_operation_example_calls.json names the connections variants, media, metafields.
        let keys = ["ProductVariant": "variants", "MediaImage": "media", "Metafield": "metafields"]
        var roots: [BulkJSONLAssembler.Root] = []
        let delivered = try await BulkJSONLReader.read(url, childKeys: keys, grouped: false) { roots.append($0) }
        // README §4: objectCount 4, rootObjectCount 1.
        #expect(delivered == 1)
        let product = try #require(roots.first?.object)
        #expect(product["id"] == "gid://shopify/Product/10243914727730")
        #expect(product["variants"].array?.count == 1)
        #expect(product["media"].array?.count == 1)
        #expect(product["metafields"].array?.count == 1)
        #expect(product["variants"][0]["sku"] == "bulk-variant-bulk-root-mrrsb7hi-1xi0i")
        #expect(product["variants"][0]["__parentId"].isNull)
        #expect(product["metafields"][0]["namespace"] == "custom")
        #expect(roots.first?.resumeLine == 4)
    }

    @Test("grouped: a root is emitted when the next root starts, with the line to resume at")
    func grouped() throws {
        let text = """
        {"id":"gid://shopify/Order/1","name":"#1001"}
        {"id":"gid://shopify/LineItem/11","quantity":2,"__parentId":"gid://shopify/Order/1"}
        {"id":"gid://shopify/LineItem/12","quantity":1,"__parentId":"gid://shopify/Order/1"}
        {"id":"gid://shopify/Order/2","name":"#1002"}
        {"id":"gid://shopify/LineItem/21","quantity":5,"__parentId":"gid://shopify/Order/2"}
        """
        let (during, atEnd) = try Self.assemble(text, grouped: true)
        #expect(during.count == 1)
        #expect(during[0].object["lineItems"].array?.count == 2)
        #expect(during[0].resumeLine == 3)
        #expect(atEnd.count == 1)
        #expect(atEnd[0].object["lineItems"][0]["quantity"] == 5)
        #expect(atEnd[0].ordinal == 1 && atEnd[0].firstLine == 3 && atEnd[0].resumeLine == 5)
    }

    @Test("ungrouped: children anywhere after their parent, grandchildren too; roots held to the end")
    func ungrouped() throws {
        let text = """
        {"id":"gid://shopify/Location/1","name":"A"}
        {"id":"gid://shopify/Location/2","name":"B"}
        {"id":"gid://shopify/InventoryLevel/21","__parentId":"gid://shopify/Location/2"}
        {"id":"gid://shopify/InventoryLevel/11","__parentId":"gid://shopify/Location/1"}
        {"id":"gid://shopify/Thing/9","__parentId":"gid://shopify/InventoryLevel/11"}
        {"id":"gid://shopify/InventoryLevel/12","__parentId":"gid://shopify/Location/1"}
        """
        let (during, atEnd) = try Self.assemble(text, grouped: false, keys: [:])
        #expect(during.isEmpty)
        #expect(atEnd.map(\.ordinal) == [0, 1])
        // Default key: type name, lower-case first letter, plus "s".
        #expect(atEnd[0].object["inventoryLevels"].array?.count == 2)
        #expect(atEnd[0].object["inventoryLevels"][0]["things"].array?.count == 1)
        #expect(atEnd[1].object["inventoryLevels"].array?.count == 1)
        #expect(atEnd[0].resumeLine == nil && atEnd[1].resumeLine == 6)
    }

    @Test("a child whose parent never appeared is an error naming the line")
    func orphan() {
        let text = """
        {"id":"gid://shopify/Order/1"}
        {"id":"gid://shopify/LineItem/5","__parentId":"gid://shopify/Order/7"}
        """
        #expect(throws: BulkJSONLError.unknownParent(line: 1, parentID: "gid://shopify/Order/7")) {
            _ = try Self.assemble(text, grouped: true)
        }
    }

    @Test("the reader resumes by lines (grouped) or by roots (any layout)")
    func resume() async throws {
        var text = ""
        for order in 1...5 {
            text += #"{"id":"gid://shopify/Order/\#(order)"}"# + "\n"
            text += #"{"id":"gid://shopify/LineItem/\#(order)0","__parentId":"gid://shopify/Order/\#(order)"}"# + "\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var all: [BulkJSONLAssembler.Root] = []
        try await BulkJSONLReader.read(url, grouped: true) { all.append($0) }
        #expect(all.count == 5)
        // After ingesting order 2 (resume line 4: its two lines and order 1's are done), orders 3-5 remain.
        #expect(all[1].resumeLine == 4)
        var byLines: [String] = []
        try await BulkJSONLReader.read(url, grouped: true, skipLines: 4) { byLines.append($0.object["id"].string ?? "") }
        #expect(byLines == ["gid://shopify/Order/3", "gid://shopify/Order/4", "gid://shopify/Order/5"])
        var byRoots: [String] = []
        try await BulkJSONLReader.read(url, grouped: false, skipRoots: 2) { byRoots.append($0.object["id"].string ?? "") }
        #expect(byRoots == byLines)
    }
}

private extension JSONValue {
    /// Element `index` of an array, or `.null`.
    subscript(index: Int) -> JSONValue {
        guard let array, array.indices.contains(index) else { return .null }
        return array[index]
    }
}
