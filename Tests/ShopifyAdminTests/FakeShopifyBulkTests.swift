import Foundation
import ShopifyAdmin
import Simulation
import Testing

@testable import FakeShopify

/// The bulk-operation lifecycle and its JSONL.
@Suite("Fake Shopify bulk operations")
struct FakeShopifyBulkTests {
    static let runQuery = """
        mutation Run($query: String!) {
          bulkOperationRunQuery(query: $query) { bulkOperation { id status objectCount } userErrors { field message code } }
        }
        """
    static let poll = "query Poll($id: ID!) { bulkOperation(id: $id) { id status objectCount rootObjectCount fileSize url completedAt } }"
    static let ordersQuery = """
        {
          orders(query: "updated_at:>'2023-01-01T00:00:00Z'") {
            edges { node { id name updatedAt lineItems { edges { node { id quantity sku } } } } }
          }
        }
        """

    /// Runs a bulk query and polls until it leaves CREATED/RUNNING.
    static func run(_ fake: FakeShopify, query: String) async throws -> JSONValue {
        let started = try await fake.post(query: runQuery, variables: ["query": .string(query)])
        let operation = started.json["data"]["bulkOperationRunQuery"]["bulkOperation"]
        #expect(operation["status"].string == "CREATED")
        #expect(started.json["extensions"]["cost"]["requestedQueryCost"].int == 10)
        let id = operation["id"].string ?? ""
        for _ in 0..<600 {
            let polled = try await fake.post(query: poll, variables: ["id": .string(id)]).json["data"]["bulkOperation"]
            if polled["status"].string != "CREATED", polled["status"].string != "RUNNING" { return polled }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("bulk operation \(id) did not finish")
        return .null
    }

    @Test("a bulk run yields JSONL whose __parentIds point at earlier root lines and whose counts match")
    func ordersJSONL() async throws {
        let fake = try await FakeShopify.start()
        await fake.seedSyntheticOrders(count: 40, customers: 10, seed: 7)
        let operation = try await Self.run(fake, query: Self.ordersQuery)
        #expect(operation["status"].string == "COMPLETED")
        let file = try await fake.get(URL(string: operation["url"].string ?? "")!)
        #expect(file.status == 200)
        #expect(String(operation["fileSize"].int ?? -1) == String(file.body.count))
        let text = String(decoding: file.body, as: UTF8.self)
        #expect(text.hasSuffix("\n"))
        #expect(text.contains(#""id":"gid:\/\/shopify\/Order\/"#)) // `/` escaped like Shopify's files
        let lines = text.split(separator: "\n").map { try? JSONValue.parse(Data($0.utf8)) }
        #expect(lines.allSatisfy { $0 != nil })
        var roots: Set<String> = []
        var children = 0
        for case let line? in lines {
            if let parent = line["__parentId"].string {
                #expect(roots.contains(parent), "child before (or without) its parent: \(parent)")
                #expect(line["id"].string?.hasPrefix("gid://shopify/LineItem/") == true)
                children += 1
            } else {
                roots.insert(line["id"].string ?? "")
                #expect(line["lineItems"].isNull) // nested connections are lines of their own
            }
        }
        #expect(roots.count == 40)
        #expect(operation["rootObjectCount"].int == 40)
        #expect(operation["objectCount"].int == Int64(lines.count))
        #expect(children == lines.count - 40)
        #expect(children >= 40) // every synthetic order has 1–3 lines

        // HTTP Range, for resumable downloads.
        let head = try await fake.get(URL(string: operation["url"].string ?? "")!, headers: [("Range", "bytes=0-9")])
        #expect(head.status == 206)
        #expect(head.body == file.body.prefix(10))
        await fake.stop()
    }

    @Test("the product example query yields the captured line shapes (variants after their product)")
    func productsShape() async throws {
        let fake = try await FakeShopify.start()
        await fake.seed(from: StoreSimulator(configuration: .small), orderLimit: 10)
        let operation = try await Self.run(fake, query: """
            { products { edges { node { id title variants { edges { node { id title sku } } } } } } }
            """)
        let file = try await fake.get(URL(string: operation["url"].string ?? "")!)
        let lines = String(decoding: file.body, as: UTF8.self).split(separator: "\n").compactMap { try? JSONValue.parse(Data($0.utf8)) }
        let variant = lines.first { $0["__parentId"].string != nil }
        // As in ../shared/shopify/bulk_operation_example.jsonl: {"id","title","sku","__parentId"}, keys in selection order.
        #expect(variant?.object.map { Set($0.keys) } == ["id", "title", "sku", "__parentId"])
        let raw = String(decoding: file.body, as: UTF8.self)
        let firstChild = raw.split(separator: "\n").first { $0.contains("__parentId") } ?? ""
        #expect(firstChild.hasPrefix(#"{"id":"gid:\/\/shopify\/ProductVariant\/"#))
        #expect(firstChild.hasSuffix("\"}"))
        await fake.stop()
    }

    @Test("a second run while one is RUNNING is OPERATION_IN_PROGRESS; an invalid query is INVALID")
    func inProgressAndInvalid() async throws {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration(bulkObjectsPerSecond: 1))
        await fake.seedSyntheticOrders(count: 100, customers: 5)
        let first = try await fake.post(query: Self.runQuery, variables: ["query": .string(Self.ordersQuery)])
        #expect(first.json["data"]["bulkOperationRunQuery"]["userErrors"].array == [])
        let second = try await fake.post(query: Self.runQuery, variables: ["query": .string(Self.ordersQuery)])
        #expect(second.json["data"]["bulkOperationRunQuery"]["userErrors"].array?.first?["code"].string == "OPERATION_IN_PROGRESS")
        let current = try await fake.post(query: "{ currentBulkOperation { status } }")
        #expect(["CREATED", "RUNNING"].contains(current.json["data"]["currentBulkOperation"]["status"].string ?? ""))
        await fake.stop()

        let other = try await FakeShopify.start()
        let invalid = try await other.post(query: Self.runQuery, variables: ["query": "{ shop { name } }"])
        #expect(invalid.json["data"]["bulkOperationRunQuery"]["userErrors"].array?.first?["code"].string == "INVALID")
        #expect(invalid.json["data"]["bulkOperationRunQuery"]["bulkOperation"].isNull)
        await other.stop()
    }

    @Test("orders exported with their customer's numberOfOrders: the counts add up to the orders (no per-order rescan)")
    func customerStatsInBulk() async throws {
        let fake = try await FakeShopify.start()
        await fake.seedSyntheticOrders(count: 10_000, customers: 300, seed: 5)
        let operation = try await Self.run(fake, query: "{ orders { edges { node { id customer { id numberOfOrders } } } } }")
        let file = try await fake.get(URL(string: operation["url"].string ?? "")!)
        var perCustomer: [String: Int64] = [:]
        for line in String(decoding: file.body, as: UTF8.self).split(separator: "\n") {
            let customer = (try? JSONValue.parse(Data(line.utf8)))?["customer"] ?? .null
            perCustomer[customer["id"].string ?? ""] = customer["numberOfOrders"].int
        }
        // Every order has one customer, so the customers' order counts sum to the 10,000 orders.
        #expect(perCustomer.values.reduce(0, +) == 10_000)
        await fake.stop()
    }

    @Test("50,000 synthetic orders seed and export in bulk in seconds, not minutes")
    func fiftyThousand() async throws {
        let fake = try await FakeShopify.start()
        let clock = ContinuousClock()
        let seeded = try await clock.measure { await fake.seedSyntheticOrders(count: 50_000, customers: 2_000) }
        var operation: JSONValue = .null
        let exported = try await clock.measure { operation = try await Self.run(fake, query: Self.ordersQuery) }
        #expect(await fake.orderCount == 50_000)
        #expect(operation["rootObjectCount"].int == 50_000)
        // Generous bound (a loaded 2-core machine): the point is "seconds, not minutes".
        #expect(seeded + exported < .seconds(120), "seed \(seeded), bulk \(exported)")
        await fake.stop()
    }
}
