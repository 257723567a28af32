import Foundation

/// Reads Shopify's admin "Export orders" CSV into `Order` values.
///
/// The export has one row per line item; order-level columns are filled on an order's first row
/// and blank on the rest. Columns are found by header name, so reordered or extra columns are
/// fine. Required columns: Name, Created at, Lineitem quantity, Lineitem name, Lineitem price,
/// Currency, Total; a file missing one yields no orders and one error per missing column.
///
/// Mapping notes:
/// - `Id` → `Order.id`. A blank `Id` gets a stable negative id derived from `Name` (64-bit FNV-1a
///   of its UTF-8 bytes), so importing the same export twice yields the same ids, and they can
///   never collide with Shopify's positive ids.
/// - Money is read in the row's `Currency`, which must be the shop currency: the export has no
///   exchange rate, so an order in another currency is reported, not silently mixed in.
/// - `updatedAt` is the latest of Created at, Paid at, Fulfilled at and Cancelled at.
/// - Line items carry no ids in the export (`id`, `productID`, `variantID` are nil). A line is a gift
///   card when its name starts with "Gift Card" and `Lineitem requires shipping` is false.
/// - `Discount Code` becomes a `DiscountCode` of type "unknown" (the export does not say which).
/// - `Location` is a name, kept in `ParsedCSVOrder.locationName`; `Order.locationID` stays nil.
///
/// ```swift
/// let result = OrdersCSV.parse(try Data(contentsOf: url), shopCurrency: "EUR")
/// for error in result.errors { print(error) }  // line 7: column "Lineitem quantity": "abc" is not an integer
/// ```
public enum OrdersCSV {
    public static let requiredColumns = [
        "Name", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Currency", "Total",
    ]

    /// Parses a whole export; bad orders are dropped and reported, good ones kept.
    public static func parse(_ data: Data, shopCurrency: String) -> OrdersCSVResult {
        let (records, unterminated) = CSVRecordReader.records([UInt8](data))
        var errors: [CSVRowError] = []
        guard let header = records.first else {
            return OrdersCSVResult(orders: [], errors: [CSVRowError(line: 1, column: "", reason: "the file has no header")])
        }
        var columns: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            if columns[name] == nil { columns[name] = index }
        }
        let missing = requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            let errors = missing.map { CSVRowError(line: header.line, column: $0, reason: "required column is missing") }
            return OrdersCSVResult(orders: [], errors: errors)
        }

        // Group rows by order Name, keeping the order of first appearance.
        var groups: [[CSVRecordReader.Record]] = []
        var groupIndex: [String: Int] = [:]
        for record in records.dropFirst() {
            let row = CSVOrderRow(record: record, columns: columns)
            let name = row["Name"]
            guard !name.isEmpty else {
                errors.append(CSVRowError(line: record.line, column: "Name", reason: "is blank"))
                continue
            }
            if let index = groupIndex[name] {
                groups[index].append(record)
            } else {
                groupIndex[name] = groups.count
                groups.append([record])
            }
        }

        var orders: [ParsedCSVOrder] = []
        orders.reserveCapacity(groups.count)
        let shopCurrency = shopCurrency.uppercased()
        for group in groups {
            let rows = group.map { CSVOrderRow(record: $0, columns: columns) }
            var builder = CSVOrderBuilder(rows: rows, shopCurrency: shopCurrency)
            if let order = builder.build() {
                orders.append(order)
            } else {
                errors.append(contentsOf: builder.errors)
            }
        }
        if let line = unterminated {
            errors.append(CSVRowError(
                line: line, column: "", reason: "a quoted field is never closed; the rest of the file was not read"))
        }
        return OrdersCSVResult(orders: orders, errors: errors.sorted { $0.line < $1.line })
    }

    /// A stable negative id for an order exported without `Id` (64-bit FNV-1a of its name).
    public static func derivedID(name: String) -> Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return -Int64(hash >> 2) - 1  // 62 bits, then shifted below zero: never 0, never positive
    }
}
