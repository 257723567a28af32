import Foundation
import TestSupport
@testable import Recommendations

/// The shared basket data sets, read once per process (nil when ../shared is absent).
enum SignalsTestData {
    static func groceries() throws -> BasketData? {
        guard let bytes = SharedData.data("data-baskets/groceries/groceries_lines.csv") else { return nil }
        var reader = BasketLinesReader()
        try reader.read(Array(bytes), source: "groceries_lines.csv")
        return reader.finish()
    }

    static func onlineRetail() throws -> BasketData? {
        guard let folder = SharedData.file("data-baskets/online_retail") else { return nil }
        var reader = BasketLinesReader()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("online_retail_lines_") }.sorted()
        for file in files {
            try reader.read(Array(try Data(contentsOf: folder.appendingPathComponent(file))), source: file)
        }
        return reader.finish()
    }
}
