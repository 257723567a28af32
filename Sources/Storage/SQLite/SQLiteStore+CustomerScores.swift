import Foundation
import GRDB

/// Scoring runs in `customer_value_runs` and the latest run's scores in `customer_scores` (v5).
extension SQLiteStore: CustomerValueStore {
    /// One transaction: the run row, then the shop's scores replaced by `scores`, then runs beyond
    /// the newest `keepRuns` (at least 1) deleted, except runs an aliased model version points at.
    public func saveCustomerScores(_ run: CustomerValueRun, scores: [CustomerScoreRow], keepRuns: Int) async throws -> CustomerValueRun {
        let parameters = try Self.jsonMetrics(run.parameters)
        let spend = try Self.jsonMetrics(run.spendParameters)
        let holdout = try run.holdout.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        return try await writer.write { db in
            try Self.requireShop(db, run.shopID)
            var saved = run
            // As read back: instants and durations are stored in whole milliseconds.
            saved.createdAt = Date(storageMilliseconds: run.createdAt.storageMilliseconds)
            let durationMilliseconds = Int64((run.seconds * 1000).rounded())
            saved.seconds = Double(durationMilliseconds) / 1000
            saved.id = try Int64.fetchOne(db, sql: """
                INSERT INTO customer_value_runs (shop_id, created_at, model, parameters, spend_parameters, mean_order_value,
                    unit_days, log_likelihood, customers, repeat_buyers, orders, skipped_orders, currency, horizon_days,
                    clv_months, holdout, duration_ms, event_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [
                    run.shopID, saved.createdAt.storageMilliseconds, run.model, parameters, spend, run.meanOrderValue,
                    run.unitDays, run.logLikelihood, run.customers, run.repeatBuyers, run.orders, run.skippedOrders,
                    run.currency, run.horizonDays, run.clvMonths, holdout, durationMilliseconds, run.eventCount,
                ]) ?? 0
            try db.execute(sql: "DELETE FROM customer_scores WHERE shop_id = ?", arguments: [run.shopID])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO customer_scores (shop_id, customer_id, run_id, orders, online_orders, pos_orders, frequency,
                    recency_days, age_days, first_order_day, last_order_day, spend_minor, refunded_minor, currency, p_alive,
                    expected_purchases, expected_order_value_minor, clv_minor, r_score, f_score, m_score, segment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for s in scores {
                try insert.execute(arguments: [
                    run.shopID, s.customerID, saved.id, s.orders, s.onlineOrders, s.posOrders, s.frequency, s.recencyDays,
                    s.ageDays, s.firstOrderDay, s.lastOrderDay, s.spendMinor, s.refundedMinor, s.currency, s.probabilityAlive,
                    s.expectedPurchases, s.expectedOrderValueMinor, s.lifetimeValueMinor, s.recencyScore, s.frequencyScore,
                    s.monetaryScore, s.segment,
                ])
            }
            try db.execute(sql: """
                DELETE FROM customer_value_runs WHERE shop_id = ?1
                  AND id NOT IN (SELECT id FROM customer_value_runs WHERE shop_id = ?1 ORDER BY id DESC LIMIT ?2)
                  AND id NOT IN (\(Self.aliasedRunIDs(prefix: "customer-value-run:")))
                """, arguments: [run.shopID, max(1, keepRuns)])
            return saved
        }
    }

    public func latestCustomerValueRun(shopID: Int64) async throws -> CustomerValueRun? {
        try await customerValueRuns(shopID: shopID, limit: 1).first
    }

    public func customerValueRuns(shopID: Int64, limit: Int) async throws -> [CustomerValueRun] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM customer_value_runs WHERE shop_id = ? ORDER BY id DESC LIMIT ?",
                             arguments: [shopID, max(0, limit)]).map(Self.customerValueRun)
        }
    }

    public func customerScore(shopID: Int64, customerID: Int64) async throws -> CustomerScoreRow? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM customer_scores WHERE shop_id = ? AND customer_id = ?",
                             arguments: [shopID, customerID]).map(Self.customerScore)
        }
    }

    public func customerScores(shopID: Int64, query: CustomerScoreQuery) async throws -> (rows: [CustomerScoreRow], total: Int) {
        var conditions = ["shop_id = ?"]
        var arguments: StatementArguments = [shopID]
        if let segment = query.segment { conditions.append("segment = ?"); arguments += [segment] }
        if let risk = query.minimumChurnRisk { conditions.append("1 - p_alive >= ?"); arguments += [risk] }
        if let value = query.minimumValueMinor { conditions.append("clv_minor >= ?"); arguments += [value] }
        let filter = conditions.joined(separator: " AND ")
        let order = switch query.sort {
        case .value: "clv_minor DESC, customer_id"
        case .churnRisk: "p_alive ASC, clv_minor DESC, customer_id"
        case .spend: "spend_minor DESC, customer_id"
        case .recent: "last_order_day DESC, customer_id"
        }
        var paged = arguments
        paged += [max(0, query.limit), max(0, query.offset)]
        let filterArguments = arguments, page = paged
        return try await writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer_scores WHERE \(filter)",
                                         arguments: filterArguments) ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM customer_scores WHERE \(filter) ORDER BY \(order) LIMIT ? OFFSET ?",
                                        arguments: page).map(Self.customerScore)
            return (rows, total)
        }
    }

    public func segmentSummaries(shopID: Int64) async throws -> [SegmentSummary] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.segment, COUNT(*) AS customers, SUM(s.clv_minor) AS clv, SUM(s.spend_minor) AS spend,
                       AVG(s.p_alive) AS alive,
                       SUM(c.accepts_email_marketing = 1 AND c.email IS NOT NULL) AS email,
                       SUM(c.accepts_sms_marketing = 1 AND c.phone IS NOT NULL) AS sms
                FROM customer_scores s
                LEFT JOIN customers c ON c.shop_id = s.shop_id AND c.id = s.customer_id
                WHERE s.shop_id = ? GROUP BY s.segment ORDER BY clv DESC
                """, arguments: [shopID]).map { row in
                SegmentSummary(
                    segment: row["segment"], customers: row["customers"], lifetimeValueMinor: row["clv"] ?? 0,
                    spendMinor: row["spend"] ?? 0, meanProbabilityAlive: row["alive"] ?? 0,
                    emailConsented: row["email"] ?? 0, smsConsented: row["sms"] ?? 0)
            }
        }
    }

    /// Band k counts bounds[k−1] ≤ CLV < bounds[k]; the first band is below bounds[0], the last at
    /// or above the last bound, so there are bounds.count + 1 bands.
    public func valueDistribution(shopID: Int64, bounds: [Int64]) async throws -> [Int] {
        let sorted = bounds.sorted()
        var cases = ""
        for (k, bound) in sorted.enumerated() { cases += " WHEN clv_minor < \(bound) THEN \(k)" }
        let band = sorted.isEmpty ? "0" : "CASE\(cases) ELSE \(sorted.count) END"
        return try await writer.read { db in
            var counts = [Int](repeating: 0, count: sorted.count + 1)
            for row in try Row.fetchAll(db, sql: "SELECT \(band) AS band, COUNT(*) AS n FROM customer_scores WHERE shop_id = ? GROUP BY band",
                                        arguments: [shopID]) {
                counts[row["band"] as Int] = row["n"]
            }
            return counts
        }
    }

    static func customerValueRun(_ row: Row) -> CustomerValueRun {
        CustomerValueRun(
            id: row["id"], shopID: row["shop_id"], createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0),
            model: row["model"], parameters: JSONColumn.decode([String: Double].self, row["parameters"]) ?? [:],
            spendParameters: JSONColumn.decode([String: Double].self, row["spend_parameters"]) ?? [:],
            meanOrderValue: row["mean_order_value"], unitDays: row["unit_days"], logLikelihood: row["log_likelihood"],
            customers: row["customers"], repeatBuyers: row["repeat_buyers"], orders: row["orders"],
            skippedOrders: row["skipped_orders"], currency: row["currency"], horizonDays: row["horizon_days"],
            clvMonths: row["clv_months"], holdout: JSONColumn.decode(CustomerHoldout.self, row["holdout"]),
            seconds: Double(row["duration_ms"] as Int64) / 1000, eventCount: row["event_count"])
    }

    static func customerScore(_ row: Row) -> CustomerScoreRow {
        CustomerScoreRow(
            customerID: row["customer_id"], runID: row["run_id"], orders: row["orders"], onlineOrders: row["online_orders"],
            posOrders: row["pos_orders"], frequency: row["frequency"], recencyDays: row["recency_days"], ageDays: row["age_days"],
            firstOrderDay: row["first_order_day"], lastOrderDay: row["last_order_day"], spendMinor: row["spend_minor"],
            refundedMinor: row["refunded_minor"], currency: row["currency"], probabilityAlive: row["p_alive"],
            expectedPurchases: row["expected_purchases"], expectedOrderValueMinor: row["expected_order_value_minor"],
            lifetimeValueMinor: row["clv_minor"], recencyScore: row["r_score"], frequencyScore: row["f_score"],
            monetaryScore: row["m_score"], segment: row["segment"])
    }
}
