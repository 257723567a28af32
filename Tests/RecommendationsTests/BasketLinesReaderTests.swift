import Foundation
import Testing
import TestSupport
@testable import Recommendations

@Suite("Basket lines reader")
struct BasketLinesReaderTests {
    @Test("Groceries: 9,835 baskets, 169 items, 43,367 item occurrences (arules summary)")
    func groceries() throws {
        guard let bytes = SharedData.data("data-baskets/groceries/groceries_lines.csv") else { return }
        var reader = BasketLinesReader()
        try reader.read(Array(bytes), source: "groceries_lines.csv")
        let data = reader.finish()
        #expect(data.baskets.count == 9_835)
        #expect(data.items.count == 169)
        #expect(data.baskets.reduce(0) { $0 + $1.items.count } == 43_367)
        let counts = data.basketCounts()
        #expect(counts[Int(data.items.index(of: "whole milk")!)] == 2_513)
        #expect(counts[Int(data.items.index(of: "yogurt")!)] == 1_372)
        // The label keeps its trailing space, as in arules.
        #expect(data.items.index(of: "cream cheese ") != nil)
    }

    @Test("Online Retail: 18,536 purchase invoices and 3,654 cancellations of 8,905 lines (README)")
    func onlineRetail() throws {
        guard let folder = SharedData.file("data-baskets/online_retail") else { return }
        var reader = BasketLinesReader()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("online_retail_lines_") }.sorted()
        #expect(files.count == 13)
        for file in files {
            try reader.read(Array(try Data(contentsOf: folder.appendingPathComponent(file))), source: file)
        }
        let data = reader.finish()
        #expect(data.lineCount == 406_829)
        #expect(data.baskets.count == 18_536)
        #expect(data.returnLineCount == 8_905)
        #expect(data.cancelledBasketCount == 3_654)
        let counts = data.basketCounts()
        #expect(counts[Int(data.items.index(of: "85123A")!)] == 1_978)
        #expect(counts[Int(data.items.index(of: "22423")!)] == 1_704)
        let first = try #require(data.baskets.first)
        #expect(first.id == "536365")
        #expect(first.time == BasketLinesReader.parseTime("2010-12-01 08:26"))
        #expect(data.customers.key(at: first.customer!) == "17850")
    }

    @Test("Times: hand-computed seconds since 1970")
    func times() {
        #expect(BasketLinesReader.parseTime("1970-01-02") == 86_400)
        // 2011-10-01 is day 15,248 after 1970-01-01 (41 years with 10 leap days = 14,975, + 273).
        #expect(BasketLinesReader.parseTime("2011-10-01 00:00") == Int64(15_248) * 86_400)
        let expected: Int64 = 15_248 * 86_400 + 8 * 3_600 + 26 * 60 + 30
        #expect(BasketLinesReader.parseTime("2011-10-01T08:26:30Z") == expected)
        #expect(BasketLinesReader.parseTime("2011-13-01") == nil)
        #expect(BasketLinesReader.parseTime("01/10/2011") == nil)
    }

    @Test("Bad rows name the source, line and column, and keep nothing of that source")
    func badRows() throws {
        var reader = BasketLinesReader()
        try reader.read(Array("basket_id,item_id\n1,a\n1,b\n".utf8), source: "good.csv")
        #expect(throws: BasketLinesError(source: "bad.csv", line: 3, column: "quantity", reason: "'x' is not an integer")) {
            try reader.read(Array("basket_id,item_id,quantity\n2,c,1\n2,d,x\n".utf8), source: "bad.csv")
        }
        #expect(throws: BasketLinesError.self) { try reader.read(Array("order,item\n1,a\n".utf8), source: "h.csv") }
        let data = reader.finish()
        #expect(data.baskets.map(\.id) == ["1"])
        #expect(data.items.count == 2)
    }

    @Test("Quoted fields with commas and doubled quotes")
    func quoting() throws {
        var reader = BasketLinesReader()
        try reader.read(Array("basket_id,item_name\n7,\"bag, \"\"large\"\"\"\n7,tea\n".utf8), source: "q.csv")
        let data = reader.finish()
        #expect(data.items.keys == ["bag, \"large\"", "tea"])
        #expect(data.baskets[0].items == [0, 1])
    }
}
