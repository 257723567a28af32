import Foundation
import Logging
import PostgresNIO

/// The lines of a replenishment plan: written in `UNNEST` batches, read as the filtered, sorted,
/// paged table with the same filters, order and ties as `SQLiteStore+ReplenishmentLines.swift`.
extension PostgresStore {
    /// Lines per `UNNEST` insert (36 array binds per statement, whatever the count).
    static let replenishmentLineBatch = 5_000

    public func replenishmentLines(
        shopID: Int64, planID: Int64, query: ReplenishmentLineQuery
    ) async throws -> (lines: [ReplenishmentLine], total: Int) {
        var binds = PostgresBindings()
        let filter = Self.replenishmentLineFilter(shopID: shopID, planID: planID, query: query, binds: &binds)
        let order = Self.replenishmentLineOrder(query.sort, descending: query.descending)
        let countQuery = PostgresQuery(unsafeSQL: "SELECT count(*) FROM replenishment_lines WHERE \(filter)", binds: binds)
        var paged = binds
        paged.append(Int64(max(0, query.limit)))
        paged.append(Int64(max(0, query.offset)))
        let pageQuery = PostgresQuery(unsafeSQL: """
            SELECT \(SQLiteStore.lineColumns) FROM replenishment_lines WHERE \(filter) ORDER BY \(order)
            LIMIT $\(binds.count + 1) OFFSET $\(binds.count + 2)
            """, binds: paged)
        let logger = logger
        // The total and the page from one snapshot, as SQLite's single read transaction gives.
        return try await forecastSnapshotRead { connection in
            let total = try await connection.scalar(countQuery, logger: logger) ?? 0
            let lines = try await connection.rows(pageQuery, logger: logger).map(Self.replenishmentLine)
            return (lines, Int(total))
        }
    }

    /// The WHERE clause of a line query; its values are appended to `binds` (`$1` …).
    static func replenishmentLineFilter(shopID: Int64, planID: Int64, query: ReplenishmentLineQuery, binds: inout PostgresBindings) -> String {
        func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        var clauses = ["shop_id = \(bind(shopID))", "plan_id = \(bind(planID))"]
        if !query.statuses.isEmpty {
            clauses.append("status = ANY(\(bind(query.statuses.map(\.rawValue))))")
        }
        if let vendor = query.vendor {
            // "" selects products without a vendor, as purchase orders group them.
            clauses.append("coalesce(vendor, '') = \(bind(vendor))")
        }
        if let location = query.locationID {
            clauses.append("location_id = \(bind(location))")
        }
        if let abc = query.abcClass {
            clauses.append("abc_class = \(bind(abc.uppercased()))")
        }
        let search = (query.search ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if !search.isEmpty {
            // `search_text` is lowercased by Swift when saved, so the match is case-insensitive
            // beyond ASCII and needs no escaping of % and _ (a plain substring test, as SQLite's instr).
            clauses.append("strpos(search_text, \(bind(search))) > 0")
        }
        if query.onlyToOrder {
            clauses.append("suggested_quantity > 0")
        }
        return clauses.joined(separator: " AND ")
    }

    /// ORDER BY for a sort key: NULLs last in both directions, then a stable tiebreak on
    /// (variant, location) so pages never overlap. Text sorts as SQLite's NOCASE: ASCII letters
    /// folded (`lower` under the "C" collation folds ASCII only), then bytes, whatever the
    /// database's locale.
    static func replenishmentLineOrder(_ key: ReplenishmentLineQuery.SortKey, descending: Bool) -> String {
        let direction = descending ? "DESC" : "ASC"
        func nocase(_ column: String) -> String { "lower(\(column) COLLATE \"C\")" }
        let columns: [String] = switch key {
        case .sku: [nocase("sku")]
        case .product: [nocase("product_title"), nocase("variant_title")]
        case .location: [nocase("location_name")]
        case .onHand: ["on_hand"]
        case .onOrder: ["on_order"]
        case .velocity: ["velocity"]
        case .daysOfCover: ["days_of_cover"]
        case .reorderPoint: ["reorder_point"]
        case .suggestedQuantity: ["suggested_quantity"]
        case .replenishBy: ["replenish_by COLLATE \"C\""]
        case .lostRevenue: ["lost_revenue_per_day_minor"]
        case .stockoutRisk: ["stockout_risk"]
        // Worst first ascending (the order of `StockStatus`).
        case .status: ["status_rank"]
        }
        return (columns.map { "\($0) \(direction) NULLS LAST" } + ["variant_id", "location_id"]).joined(separator: ", ")
    }

    /// Inserts a plan's lines in `UNNEST` batches of `replenishmentLineBatch`.
    static func insertReplenishmentLines(
        _ connection: PostgresConnection, shopID: Int64, planID: Int64, _ lines: [ReplenishmentLine], logger: Logger
    ) async throws {
        let ranks = Dictionary(uniqueKeysWithValues: StockStatus.allCases.enumerated().map { ($1, $0) })
        let columnCount = 36
        let placeholders = (1...columnCount).map { "$\($0 + 2)" }.joined(separator: ", ")
        let sql = """
            INSERT INTO replenishment_lines (shop_id, plan_id, \(SQLiteStore.lineColumns), status_rank, search_text)
            SELECT $1, $2, u.* FROM UNNEST(\(placeholders)) AS u
            """
        var start = 0
        while start < lines.count {
            let chunk = Array(lines[start..<min(start + replenishmentLineBatch, lines.count)])
            start += chunk.count
            var binds = PostgresBindings(capacity: columnCount + 2)
            binds.append(shopID)
            binds.append(planID)
            // In the order of `lineColumns`, then status_rank and search_text.
            binds.append(chunk.map(\.variantID))
            binds.append(chunk.map(\.locationID))
            binds.append(chunk.map(\.productID))
            binds.append(NullableArrayBind(chunk.map(\.sku)))
            binds.append(chunk.map(\.productTitle))
            binds.append(chunk.map(\.variantTitle))
            binds.append(NullableArrayBind(chunk.map(\.vendor)))
            binds.append(NullableArrayBind(chunk.map(\.locationName)))
            binds.append(chunk.map(\.onHand))
            binds.append(chunk.map(\.onOrder))
            binds.append(chunk.map(\.committed))
            binds.append(chunk.map(\.position))
            binds.append(chunk.map(\.velocity))
            binds.append(chunk.map(\.inStockDays))
            binds.append(NullableArrayBind(chunk.map(\.daysOfCover)))
            binds.append(chunk.map(\.leadTimeDays))
            binds.append(chunk.map(\.reviewPeriodDays))
            binds.append(chunk.map(\.serviceLevel))
            binds.append(chunk.map(\.distribution))
            binds.append(chunk.map(\.leadTimeDemand))
            binds.append(chunk.map(\.safetyStock))
            binds.append(chunk.map(\.reorderPoint))
            binds.append(chunk.map(\.orderUpTo))
            binds.append(chunk.map(\.suggestedQuantity))
            binds.append(NullableArrayBind(chunk.map(\.replenishBy)))
            binds.append(chunk.map(\.stockoutRisk))
            binds.append(chunk.map(\.lostRevenuePerDayMinor))
            binds.append(chunk.map(\.priceMinor))
            binds.append(chunk.map(\.unitCostMinor))
            binds.append(chunk.map(\.abcClass))
            binds.append(chunk.map(\.xyzClass))
            binds.append(chunk.map(\.status.rawValue))
            binds.append(NullableArrayBind(chunk.map(\.markdownPercent)))
            binds.append(chunk.map(\.reason))
            binds.append(chunk.map { ranks[$0.status] ?? 0 })
            binds.append(chunk.map { [$0.sku ?? "", $0.productTitle, $0.variantTitle].joined(separator: "\n").lowercased() })
            precondition(binds.count == columnCount + 2, "replenishment_lines binds out of step with its columns")
            try await connection.execute(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        }
    }

    /// A row of `lineColumns`, in order.
    static func replenishmentLine(_ row: PostgresRow) throws -> ReplenishmentLine {
        let cells = Array(row)
        func value<T: PostgresDecodable>(_ index: Int, _: T.Type = T.self) throws -> T { try cells[index].decode(T.self) }
        return try ReplenishmentLine(
            variantID: value(0), locationID: value(1), productID: value(2), sku: value(3), productTitle: value(4),
            variantTitle: value(5), vendor: value(6), locationName: value(7), onHand: value(8), onOrder: value(9),
            committed: value(10), position: value(11), velocity: value(12), inStockDays: value(13), daysOfCover: value(14),
            leadTimeDays: value(15), reviewPeriodDays: value(16), serviceLevel: value(17), distribution: value(18),
            leadTimeDemand: value(19), safetyStock: value(20), reorderPoint: value(21), orderUpTo: value(22),
            suggestedQuantity: value(23), replenishBy: value(24), stockoutRisk: value(25), lostRevenuePerDayMinor: value(26),
            priceMinor: value(27), unitCostMinor: value(28), abcClass: value(29), xyzClass: value(30),
            status: StockStatus(rawValue: value(31, String.self)) ?? .notPlanned, markdownPercent: value(32), reason: value(33))
    }
}
