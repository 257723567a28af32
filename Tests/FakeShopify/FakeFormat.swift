import Commerce
import Foundation

/// Shopify's wire formats for the fake: gids, DateTime, Decimal amounts.
enum FakeFormat {
    /// `gid://shopify/Order/123`.
    static func gid(_ type: String, _ id: Int64) -> String { "gid://shopify/\(type)/\(id)" }

    /// The type and numeric id of a gid, or nil.
    static func parseGID(_ gid: String) -> (type: String, id: Int64)? {
        let prefix = "gid://shopify/"
        guard gid.hasPrefix(prefix) else { return nil }
        let rest = gid.dropFirst(prefix.count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let idText = rest[rest.index(after: slash)...].prefix { $0 != "?" }
        guard let id = Int64(idText) else { return nil }
        return (String(rest[..<slash]), id)
    }

    /// ISO-8601 UTC without fractional seconds ("2026-06-22T22:34:00Z"), as Shopify's DateTime.
    static func dateTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// Parses DateTime and date strings the search syntax and inputs use ("2024-01-01", "2024-01-01T00:00:00Z", "…+02:00").
    static func parseDate(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? withFraction.parse(trimmed) { return date }
        if trimmed.count == 10, let date = try? Date(trimmed + "T00:00:00Z", strategy: .iso8601) { return date }
        return nil
    }

    /// Shopify's Decimal: at least one fractional digit, trailing zeros dropped ("55.0", "12.5", "12.99").
    static func decimal(_ money: Money) -> String {
        var text = money.decimalString
        guard text.contains(".") else { return text + ".0" }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text += "0" }
        return text
    }
}
