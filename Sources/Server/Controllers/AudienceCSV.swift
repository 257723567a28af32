import Commerce
import CustomerValue
import Foundation
import Storage

/// Writes a consent-filtered audience as a CSV that Klaviyo and Mailchimp import as it is.
///
/// Columns: `Email`, `Phone Number`, `First Name`, `Last Name` (the header names both tools map
/// to profile fields without a mapping step), then `Segment`, `Predicted CLV (CUR)`, `Churn Risk`,
/// `Orders`, `Last Order`, `Tags` (custom properties; tags comma-separated in one cell, as
/// Mailchimp's Tags column reads them). Money is a decimal in the currency's ISO 4217 digits.
///
/// Quoting follows RFC 4180: CRLF line ends; a field with a comma, double quote, CR or LF is quoted
/// and its quotes doubled. Names, emails and tags come from shoppers, and the file is opened in a
/// spreadsheet by someone else, so text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading
/// `'` (OWASP "CSV injection"). The one exception is a phone number made only of `+`, digits,
/// spaces, dots, dashes and brackets: E.164 numbers start with `+`, a quote would stop the tools
/// from reading them, and with no letters such a cell cannot call a function or name a cell.
///
/// ```swift
/// let csv = AudienceCSV(currency: "USD").render(members)
/// ```
struct AudienceCSV: Sendable {
    var currency: String

    static let header = ["Email", "Phone Number", "First Name", "Last Name"]

    func header() -> [String] {
        Self.header + ["Segment", "Predicted CLV (\(currency))", "Churn Risk", "Orders", "Last Order", "Tags"]
    }

    /// The whole file: header, then one row per member in the given order.
    func render(_ members: [AudienceMember]) -> String {
        var out = Self.row(header())
        out.reserveCapacity(members.count * 120)
        for member in members {
            let code = member.currency.isEmpty ? currency : member.currency
            out += Self.row([
                Self.text(member.email ?? ""),
                Self.phone(member.phone ?? ""),
                Self.text(member.firstName ?? ""),
                Self.text(member.lastName ?? ""),
                RFMSegment(rawValue: member.segment)?.title ?? Self.text(member.segment),
                Money(minorUnits: member.lifetimeValueMinor, currency: code).decimalString,
                String(format: "%.3f", 1 - member.probabilityAlive),
                String(member.orders),
                Self.text(member.lastOrderDay),
                Self.text(member.tags.joined(separator: ", ")),
            ])
        }
        return out
    }

    /// One record: fields joined by commas, quoted where RFC 4180 §2.6–2.7 requires, CRLF-terminated.
    static func row(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// RFC 4180: a field holding a comma, quote, CR or LF is enclosed in quotes, quotes doubled.
    static func quoted(_ field: String) -> String {
        // Unicode scalars, because Swift reads "\r\n" as one Character that equals neither "\r" nor "\n".
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Free text with a leading `'` when a spreadsheet would read it as a formula.
    static func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return value }
        return "'" + value
    }

    /// A phone number kept as it is when it is only a number ("+1 (415) 555-0123"), guarded as text otherwise.
    static func phone(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || "+ -().".unicodeScalars.contains($0) }
        return plain ? value : text(value)
    }

    /// `customers-<segment>-<channel>-<day>.csv`: only letters, digits, dashes and underscores,
    /// safe in a `Content-Disposition` header.
    static func fileName(segment: String?, channel: MarketingChannel, day: String, format: String) -> String {
        let name = (segment ?? "all").replacingOccurrences(of: "_", with: "-")
        let safe = String(name.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        return "customers-\(safe.isEmpty ? "all" : safe)-\(channel.rawValue)-\(day).\(format)"
    }
}
