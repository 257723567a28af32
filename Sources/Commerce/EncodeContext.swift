import Foundation

/// Settings for writing domain values in Shopify's wire shape.
struct EncodeContext: Sendable {
    /// The shop's time zone: Shopify writes timestamps in it (`-05:00`).
    var timeZone: TimeZone
    /// Set when `timeZone` has a fixed offset, so no per-date lookup is needed.
    private let fixedOffset: Int?

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        let id = timeZone.identifier
        fixedOffset = id == "GMT" || id == "UTC" ? 0 : nil
    }

    func date(_ date: Date) -> String {
        ShopifyDate.format(date, utcOffset: fixedOffset ?? timeZone.secondsFromGMT(for: date))
    }

    func date(_ date: Date?) -> String? {
        date.map { self.date($0) }
    }

    static func gid(_ type: String, _ id: Int64) -> String { "gid://shopify/\(type)/\(id)" }

    static func tags(_ tags: [String]) -> String? { tags.isEmpty ? nil : tags.joined(separator: ", ") }
}
