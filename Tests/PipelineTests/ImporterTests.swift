import Commerce
import Foundation
import Pipeline
import Storage
import Testing
import TestSupport

@Suite("Import: Shopify's orders CSV and JSONL")
struct ImporterTests {
    private func makeStore(currency: String = "EUR") async throws -> (SQLiteStore, ShopRecord, URL) {
        let (store, directory) = try SQLiteStore.temporary()
        let shop = try await store.createShop(
            Shop(domain: "csv-shop.myshopify.com", name: "CSV", currency: currency, timeZone: "America/Toronto"),
            webhookSecret: "s", apiTokenHash: "h", at: Date())
        return (store, shop, directory)
    }

    @Test("Shopify's sample export: 19 orders stored, totals exact, re-import adds nothing")
    func sampleExport() async throws {
        guard let data = SharedData.data("shopify/orders_export_sample.csv") else { return }
        let (store, shop, directory) = try await makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let importer = Importer(log: store, reader: store)
        let first = try await importer.importOrdersCSV(data, shop: shop)
        // ../shared/shopify/README.md §5: 40 rows for 19 orders, #1001–#1019.
        #expect(first.stored == 19)
        #expect(first.rejected == 0, "\(first.problems)")
        // #1005 by hand from its two rows: 738.83 + 896.72 = 1635.55 EUR, the Total column.
        let orders = try await store.orders(shopID: shop.id, from: nil, to: nil, limit: 100, offset: 0)
        let order1005 = try #require(orders.first { $0.name == "#1005" })
        #expect(order1005.totalPrice == Money(minorUnits: 163_555, currency: "EUR"))
        #expect(order1005.units == 2)
        let again = try await importer.importOrdersCSV(data, shop: shop)
        #expect(again.stored == 0)
        #expect(again.duplicates == 19)
        #expect(try await store.eventCount(shopID: shop.id) == 19)
    }

    @Test("Bad rows are reported with line number and reason; good rows are kept")
    func badRows() async throws {
        guard let data = SharedData.data("shopify/orders_export_sample.csv") else { return }
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        // Line 12 (the second row of #1005): its quantity, column 17, becomes "abc".
        var fields = lines[11].components(separatedBy: ",")
        #expect(fields[0] == "#1005" && fields[16] == "1")
        fields[16] = "abc"
        lines[11] = fields.joined(separator: ",")
        let (store, shop, directory) = try await makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try await Importer(log: store, reader: store).importOrdersCSV(Data(lines.joined(separator: "\n").utf8), shop: shop)
        #expect(report.stored == 18)
        #expect(report.problems.count == 1)
        let problem = try #require(report.problems.first)
        #expect(problem.line == 12)
        #expect(problem.reason.contains("Lineitem quantity"))
        let names = try await store.orders(shopID: shop.id, from: nil, to: nil, limit: 100, offset: 0).map(\.name)
        #expect(!names.contains("#1005"))
        #expect(names.contains("#1004") && names.contains("#1006"))
    }

    @Test("JSONL: bare and wrapped lines import, bad lines are named, re-import adds nothing")
    func jsonl() async throws {
        let (store, shop, directory) = try await makeStore(currency: "USD")
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = ShopifyJSON.encode(.order(SampleOrders.order(id: 1, name: "#1")))
        let wrapped = "{\"topic\":\"orders/create\",\"id\":\"w-2\",\"payload\":" + String(decoding: ShopifyJSON.encode(.order(SampleOrders.order(id: 2, name: "#2"))), as: UTF8.self) + "}"
        var broken = try #require(try JSONSerialization.jsonObject(with: good) as? [String: Any])
        broken["id"] = 3
        broken["line_items"] = [["id": 1, "quantity": "two", "price": "1.00", "title": "x"]]
        let brokenLine = String(decoding: try JSONSerialization.data(withJSONObject: broken), as: UTF8.self)
        let text = [String(decoding: good, as: UTF8.self), wrapped, "{not json", brokenLine, ""].joined(separator: "\n")
        let file = directory.appendingPathComponent("orders.jsonl")
        try Data(text.utf8).write(to: file)
        let importer = Importer(log: store, reader: store)
        let report = try await importer.importJSONL(file, shop: shop)
        #expect(report.stored == 2)
        #expect(report.problems.map(\.line) == [3, 4])
        #expect(report.problems[0].reason.contains("JSON"))
        #expect(report.problems[1].reason.contains("line_items[0].quantity"))
        let again = try await importer.importJSONL(file, shop: shop)
        #expect(again.stored == 0 && again.duplicates == 2)
    }
}
