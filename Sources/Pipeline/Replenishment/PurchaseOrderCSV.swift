import Commerce
import Foundation
import Storage

/// Writes a purchase order as CSV for the vendor: one file per order, and an order goes to
/// one vendor, so one file per vendor.
///
/// Columns: SKU, Product, Variant, Location, Quantity, Unit cost (CUR), Line total (CUR), Reason.
/// Money is written from minor units with the currency's ISO 4217 digits ("12.50" USD, "1500"
/// JPY) and the currency code in the header, so spreadsheets read the amounts as numbers.
/// Quoting follows RFC 4180: CRLF line ends; a field with a comma, double quote, CR or LF is
/// quoted and its quotes doubled. Text that a spreadsheet would run as a formula (starting
/// with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'` (OWASP "CSV injection"), because
/// product titles come from the shop and the file is opened by someone else.
///
/// ```swift
/// let csv = PurchaseOrderCSV(currency: shop.currency, names: names, locationNames: locations)
/// try csv.render(order).write(toFile: PurchaseOrderCSV.fileName(for: order), atomically: true, encoding: .utf8)
/// ```
public struct PurchaseOrderCSV: Sendable {
    /// Product and variant titles of a variant.
    public struct ItemName: Hashable, Sendable {
        public var product: String
        public var variant: String

        public init(product: String, variant: String) {
            self.product = product; self.variant = variant
        }
    }

    /// The shop's currency; the order's own currency wins when it has one.
    public var currency: String
    /// Titles by variant id; a variant not in here is written with the line's title as product.
    public var names: [Int64: ItemName]
    /// Location names by id; a location not in here is written as "Location <id>".
    public var locationNames: [Int64: String]

    public init(currency: String, names: [Int64: ItemName] = [:], locationNames: [Int64: String] = [:]) {
        self.currency = currency; self.names = names; self.locationNames = locationNames
    }

    /// The header row's fields for `currency`.
    public static func header(currency: String) -> [String] {
        ["SKU", "Product", "Variant", "Location", "Quantity", "Unit cost (\(currency))", "Line total (\(currency))", "Reason"]
    }

    /// The whole file: header and one row per line with a quantity, in the order's line order.
    public func render(_ order: PurchaseOrderDraft) -> String {
        let code = order.currency.isEmpty ? currency : order.currency
        var out = Self.row(Self.header(currency: code))
        for line in order.lines where line.quantity > 0 {
            let name = names[line.variantID] ?? ItemName(product: line.title, variant: "")
            let location = locationNames[line.locationID] ?? "Location \(line.locationID)"
            out += Self.row([
                Self.text(line.sku ?? ""), Self.text(name.product), Self.text(Self.plainVariant(name.variant)), Self.text(location),
                String(line.quantity),
                Money(minorUnits: line.unitCostMinor, currency: code).decimalString,
                Money(minorUnits: Int64(line.quantity) * line.unitCostMinor, currency: code).decimalString,
                Self.text(line.reason),
            ])
        }
        return out
    }

    /// `po-<id>-<vendor>.csv` with the vendor reduced to lower-case letters, digits and
    /// dashes (safe in a `Content-Disposition` header and on every file system); "no-vendor"
    /// when nothing is left.
    public static func fileName(for order: PurchaseOrderDraft) -> String {
        var slug = ""
        for scalar in order.vendor.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug += "-"
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return "po-\(order.id)-\(slug.isEmpty ? "no-vendor" : slug).csv"
    }

    /// One record: fields joined by commas, quoted where RFC 4180 §2.6–2.7 requires, CRLF-terminated.
    static func row(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// RFC 4180: a field holding a comma, quote, CR or LF is enclosed in quotes, quotes doubled.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Free text with a leading `'` when a spreadsheet would read it as a formula.
    static func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return value }
        return "'" + value
    }

    /// Shopify names the only variant of a product "Default Title"; the vendor needs no such column value.
    static func plainVariant(_ title: String) -> String {
        title == "Default Title" ? "" : title
    }
}
