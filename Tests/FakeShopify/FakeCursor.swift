import Foundation

/// Cursors in Shopify's style: base64 of `{"last_id":…}`.
enum FakeCursor {
    static func encode(id: Int64) -> String {
        Data("{\"last_id\":\(id)}".utf8).base64EncodedString()
    }

    static func decode(_ cursor: String) -> Int64? {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8),
              let range = text.range(of: "\"last_id\":") else { return nil }
        return Int64(text[range.upperBound...].prefix { $0.isNumber || $0 == "-" })
    }
}
