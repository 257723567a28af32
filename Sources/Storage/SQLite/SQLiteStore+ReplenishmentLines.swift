import Foundation
import GRDB

/// The lines of a replenishment plan: written in bulk, read as the filtered, sorted, paged table.
extension SQLiteStore {
    public func replenishmentLines(
        shopID: Int64, planID: Int64, query: ReplenishmentLineQuery
    ) async throws -> (lines: [ReplenishmentLine], total: Int) {
        let (filter, arguments) = Self.lineFilter(shopID: shopID, planID: planID, query: query)
        let order = Self.lineOrder(query.sort, descending: query.descending)
        return try await writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM replenishment_lines WHERE \(filter)", arguments: arguments) ?? 0
            var paged = arguments
            paged += [max(0, query.limit), max(0, query.offset)]
            let lines = try Row.fetchAll(db, sql: """
                SELECT \(Self.lineColumns) FROM replenishment_lines WHERE \(filter) ORDER BY \(order) LIMIT ? OFFSET ?
                """, arguments: paged).map(Self.line)
            return (lines, total)
        }
    }

    /// The WHERE clause of a line query and its arguments.
    static func lineFilter(shopID: Int64, planID: Int64, query: ReplenishmentLineQuery) -> (String, StatementArguments) {
        var clauses = ["shop_id = ?", "plan_id = ?"]
        var arguments: StatementArguments = [shopID, planID]
        if !query.statuses.isEmpty {
            clauses.append("status IN (\(Array(repeating: "?", count: query.statuses.count).joined(separator: ", ")))")
            arguments += StatementArguments(query.statuses.map(\.rawValue))
        }
        if let vendor = query.vendor {
            // "" selects products without a vendor, as purchase orders group them.
            clauses.append("coalesce(vendor, '') = ?")
            arguments += [vendor]
        }
        if let location = query.locationID {
            clauses.append("location_id = ?")
            arguments += [location]
        }
        if let abc = query.abcClass {
            clauses.append("abc_class = ?")
            arguments += [abc.uppercased()]
        }
        let search = (query.search ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if !search.isEmpty {
            // `search_text` is lowercased by Swift when saved, so the match is case-insensitive
            // beyond ASCII (LIKE folds ASCII only) and needs no escaping of % and _.
            clauses.append("instr(search_text, ?) > 0")
            arguments += [search]
        }
        if query.onlyToOrder {
            clauses.append("suggested_quantity > 0")
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    /// ORDER BY for a sort key: NULLs last in both directions, text without case, then a stable
    /// tiebreak on (variant, location) so pages never overlap.
    static func lineOrder(_ key: ReplenishmentLineQuery.SortKey, descending: Bool) -> String {
        let direction = descending ? "DESC" : "ASC"
        let columns: [String] = switch key {
        case .sku: ["sku COLLATE NOCASE"]
        case .product: ["product_title COLLATE NOCASE", "variant_title COLLATE NOCASE"]
        case .location: ["location_name COLLATE NOCASE"]
        case .onHand: ["on_hand"]
        case .onOrder: ["on_order"]
        case .velocity: ["velocity"]
        case .daysOfCover: ["days_of_cover"]
        case .reorderPoint: ["reorder_point"]
        case .suggestedQuantity: ["suggested_quantity"]
        case .replenishBy: ["replenish_by"]
        case .lostRevenue: ["lost_revenue_per_day_minor"]
        case .stockoutRisk: ["stockout_risk"]
        // Worst first ascending (the order of `StockStatus`).
        case .status: ["status_rank"]
        }
        return (columns.map { "\($0) \(direction) NULLS LAST" } + ["variant_id", "location_id"]).joined(separator: ", ")
    }

    /// Inserts a plan's lines with one prepared statement.
    static func insertLines(_ db: Database, shopID: Int64, planID: Int64, _ lines: [ReplenishmentLine]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO replenishment_lines (shop_id, plan_id, \(lineColumns), status_rank, search_text)
            VALUES (\(Array(repeating: "?", count: 38).joined(separator: ", ")))
            """)
        let ranks = Dictionary(uniqueKeysWithValues: StockStatus.allCases.enumerated().map { ($1, $0) })
        for l in lines {
            let search = [l.sku ?? "", l.productTitle, l.variantTitle].joined(separator: "\n").lowercased()
            let values: [(any DatabaseValueConvertible)?] = [
                shopID, planID, l.variantID, l.locationID, l.productID, l.sku, l.productTitle, l.variantTitle, l.vendor,
                l.locationName, l.onHand, l.onOrder, l.committed, l.position, l.velocity, l.inStockDays, l.daysOfCover,
                l.leadTimeDays, l.reviewPeriodDays, l.serviceLevel, l.distribution, l.leadTimeDemand, l.safetyStock,
                l.reorderPoint, l.orderUpTo, l.suggestedQuantity, l.replenishBy, l.stockoutRisk, l.lostRevenuePerDayMinor,
                l.priceMinor, l.unitCostMinor, l.abcClass, l.xyzClass, l.status.rawValue, l.markdownPercent, l.reason,
                ranks[l.status] ?? 0, search,
            ]
            statement.setUncheckedArguments(StatementArguments(values))
            try statement.execute()
        }
    }

    /// The columns of `ReplenishmentLine`, in the order `line(_:)` reads them.
    static let lineColumns = """
        variant_id, location_id, product_id, sku, product_title, variant_title, vendor, location_name, on_hand, on_order, \
        committed, position, velocity, in_stock_days, days_of_cover, lead_time_days, review_period_days, service_level, \
        distribution, lead_time_demand, safety_stock, reorder_point, order_up_to, suggested_quantity, replenish_by, \
        stockout_risk, lost_revenue_per_day_minor, price_minor, unit_cost_minor, abc_class, xyz_class, status, \
        markdown_percent, reason
        """

    static func line(_ row: Row) -> ReplenishmentLine {
        ReplenishmentLine(
            variantID: row[0], locationID: row[1], productID: row[2], sku: row[3], productTitle: row[4], variantTitle: row[5],
            vendor: row[6], locationName: row[7], onHand: row[8], onOrder: row[9], committed: row[10], position: row[11],
            velocity: row[12], inStockDays: row[13], daysOfCover: row[14], leadTimeDays: row[15], reviewPeriodDays: row[16],
            serviceLevel: row[17], distribution: row[18], leadTimeDemand: row[19], safetyStock: row[20],
            reorderPoint: row[21], orderUpTo: row[22], suggestedQuantity: row[23], replenishBy: row[24],
            stockoutRisk: row[25], lostRevenuePerDayMinor: row[26], priceMinor: row[27], unitCostMinor: row[28],
            abcClass: row[29], xyzClass: row[30], status: StockStatus(rawValue: row[31]) ?? .notPlanned,
            markdownPercent: row[32], reason: row[33])
    }
}
