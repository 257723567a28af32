import Commerce
import Foundation
import Logging
import PostgresNIO

/// Scoring runs in `customer_value_runs` and the latest run's scores in `customer_scores`, as
/// `SQLiteStore+CustomerScores` keeps them (the reads over projections are in
/// `PostgresStore+CustomerProfile.swift`).
extension PostgresStore: CustomerValueStore {
    /// Scores per UNNEST statement: 22 array binds whatever the count, so this only bounds one
    /// message's size (about 2 MB), not the bind count.
    static let customerScoreBatch = 10_000

    /// One transaction: the run row, then the shop's scores replaced by `scores` (in UNNEST
    /// batches), then runs beyond the newest `keepRuns` (at least 1) deleted, except runs an
    /// aliased model version points at.
    public func saveCustomerScores(_ run: CustomerValueRun, scores: [CustomerScoreRow], keepRuns: Int) async throws -> CustomerValueRun {
        let parameters = try SQLiteStore.jsonMetrics(run.parameters)
        let spend = try SQLiteStore.jsonMetrics(run.spendParameters)
        let holdout = try run.holdout.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        var saved = run
        // As read back: instants and durations are stored in whole milliseconds.
        saved.createdAt = Date(storageMilliseconds: run.createdAt.storageMilliseconds)
        let durationMilliseconds = Int64((run.seconds * 1000).rounded())
        saved.seconds = Double(durationMilliseconds) / 1000
        let created = saved.createdAt.storageMilliseconds
        let keep = Int64(max(1, keepRuns))
        return try await transaction { connection in
            try await Self.lockShopForCustomerValue(connection, run.shopID, logger: logger)
            // Two saves of one shop at once would each delete the other's fresh rows or collide on
            // (shop_id, customer_id); SQLite's single writer serialized them, this lock does here.
            try await connection.execute("""
                SELECT pg_advisory_xact_lock(hashtextextended('storewise.customer-scores', \(run.shopID)))
                """, logger: logger)
            saved.id = try await connection.scalar("""
                INSERT INTO customer_value_runs (shop_id, created_at, model, parameters, spend_parameters, mean_order_value,
                    unit_days, log_likelihood, customers, repeat_buyers, orders, skipped_orders, currency, horizon_days,
                    clv_months, holdout, duration_ms, event_count)
                VALUES (\(run.shopID), \(created), \(run.model), \(parameters), \(spend), \(run.meanOrderValue),
                    \(run.unitDays), \(run.logLikelihood), \(Int64(run.customers)), \(Int64(run.repeatBuyers)),
                    \(Int64(run.orders)), \(Int64(run.skippedOrders)), \(run.currency), \(run.horizonDays),
                    \(Int64(run.clvMonths)), \(holdout), \(durationMilliseconds), \(Int64(run.eventCount)))
                RETURNING id
                """, logger: logger) ?? 0
            try await connection.execute("DELETE FROM customer_scores WHERE shop_id = \(run.shopID)", logger: logger)
            var start = 0
            while start < scores.count {
                let batch = scores[start..<min(scores.count, start + Self.customerScoreBatch)]
                try await Self.insertCustomerScores(connection, shopID: run.shopID, runID: saved.id, batch, logger: logger)
                start += batch.count
            }
            try await connection.execute("""
                DELETE FROM customer_value_runs r WHERE r.shop_id = \(run.shopID)
                  AND r.id NOT IN (SELECT id FROM customer_value_runs WHERE shop_id = \(run.shopID) ORDER BY id DESC LIMIT \(keep))
                  AND NOT EXISTS (\(unescaped: Self.aliasedRunCondition(prefix: "customer-value-run:", runAlias: "r")))
                """, logger: logger)
            return saved
        }
    }

    /// `StorageError.unknownShop` when the shop is not there; else the shop row is held against a
    /// concurrent delete (KEY SHARE blocks only deletes and key changes) until the transaction ends.
    static func lockShopForCustomerValue(_ connection: PostgresConnection, _ shopID: Int64, logger: Logger) async throws {
        let found = try await connection.rows("SELECT id FROM shops WHERE id = \(shopID) FOR KEY SHARE", logger: logger)
        if found.isEmpty { throw StorageError.unknownShop(id: shopID) }
    }

    /// A correlated condition (for `NOT EXISTS (…)`) true when an aliased model version's
    /// artifact is run `<runAlias>.id` of `<runAlias>.shop_id`: the text form of
    /// `SQLiteStore.aliasedRunIDs`, compared as text so a malformed URI cannot fail a cast.
    static func aliasedRunCondition(prefix: String, runAlias: String) -> String {
        """
        SELECT 1 FROM model_versions v
        JOIN model_aliases a ON a.shop_id = v.shop_id AND a.kind = v.kind AND a.version = v.version
        WHERE v.shop_id = \(runAlias).shop_id AND v.artifact_uri = '\(prefix)' || \(runAlias).id::text
        """
    }

    private static func insertCustomerScores(_ connection: PostgresConnection, shopID: Int64, runID: Int64,
                                             _ batch: ArraySlice<CustomerScoreRow>, logger: Logger) async throws {
        try await connection.execute("""
            INSERT INTO customer_scores (shop_id, run_id, customer_id, orders, online_orders, pos_orders, frequency,
                recency_days, age_days, first_order_day, last_order_day, spend_minor, refunded_minor, currency, p_alive,
                expected_purchases, expected_order_value_minor, clv_minor, r_score, f_score, m_score, segment)
            SELECT \(shopID), \(runID), u.* FROM UNNEST(
                \(batch.map(\.customerID))::bigint[], \(batch.map { Int64($0.orders) })::bigint[],
                \(batch.map { Int64($0.onlineOrders) })::bigint[], \(batch.map { Int64($0.posOrders) })::bigint[],
                \(batch.map(\.frequency))::float8[], \(batch.map(\.recencyDays))::float8[], \(batch.map(\.ageDays))::float8[],
                \(batch.map(\.firstOrderDay))::text[], \(batch.map(\.lastOrderDay))::text[],
                \(batch.map(\.spendMinor))::bigint[], \(batch.map(\.refundedMinor))::bigint[], \(batch.map(\.currency))::text[],
                \(batch.map(\.probabilityAlive))::float8[], \(batch.map(\.expectedPurchases))::float8[],
                \(batch.map(\.expectedOrderValueMinor))::bigint[], \(batch.map(\.lifetimeValueMinor))::bigint[],
                \(batch.map { Int64($0.recencyScore) })::bigint[], \(batch.map { Int64($0.frequencyScore) })::bigint[],
                \(batch.map { Int64($0.monetaryScore) })::bigint[], \(batch.map(\.segment))::text[]) AS u
            """, logger: logger)
    }

    public func latestCustomerValueRun(shopID: Int64) async throws -> CustomerValueRun? {
        try await customerValueRuns(shopID: shopID, limit: 1).first
    }

    public func customerValueRuns(shopID: Int64, limit: Int) async throws -> [CustomerValueRun] {
        try await rows("""
            SELECT \(unescaped: Self.customerValueRunColumns) FROM customer_value_runs WHERE shop_id = \(shopID)
            ORDER BY id DESC LIMIT \(Int64(max(0, limit)))
            """).map(Self.customerValueRun)
    }

    public func customerScore(shopID: Int64, customerID: Int64) async throws -> CustomerScoreRow? {
        try await rows("""
            SELECT \(unescaped: Self.customerScoreColumns(prefix: "")) FROM customer_scores
            WHERE shop_id = \(shopID) AND customer_id = \(customerID)
            """).first.map { try Self.customerScore($0.makeRandomAccess(), from: 0) }
    }

    /// The count and the page in one snapshot, as SQLite's one read. An absent filter is a NULL
    /// bind (`$n IS NULL OR …`), which the planner folds away for the unnamed statement.
    public func customerScores(shopID: Int64, query: CustomerScoreQuery) async throws -> (rows: [CustomerScoreRow], total: Int) {
        // Ties end on customer_id, as in SQLite; the day text sorts bytewise whatever the cluster's locale.
        let order = switch query.sort {
        case .value: "clv_minor DESC, customer_id"
        case .churnRisk: "p_alive ASC, clv_minor DESC, customer_id"
        case .spend: "spend_minor DESC, customer_id"
        case .recent: "last_order_day COLLATE \"C\" DESC, customer_id"
        }
        let segment = query.segment, risk = query.minimumChurnRisk, value = query.minimumValueMinor
        let limit = Int64(max(0, query.limit)), offset = Int64(max(0, query.offset))
        return try await readOnlySnapshot { connection in
            let total = try await connection.scalar("""
                SELECT COUNT(*) FROM customer_scores WHERE shop_id = \(shopID)
                  AND (\(segment)::text IS NULL OR segment = \(segment))
                  AND (\(risk)::float8 IS NULL OR 1 - p_alive >= \(risk))
                  AND (\(value)::bigint IS NULL OR clv_minor >= \(value))
                """, logger: logger) ?? 0
            let page = try await connection.rows("""
                SELECT \(unescaped: Self.customerScoreColumns(prefix: "")) FROM customer_scores WHERE shop_id = \(shopID)
                  AND (\(segment)::text IS NULL OR segment = \(segment))
                  AND (\(risk)::float8 IS NULL OR 1 - p_alive >= \(risk))
                  AND (\(value)::bigint IS NULL OR clv_minor >= \(value))
                ORDER BY \(unescaped: order) LIMIT \(limit) OFFSET \(offset)
                """, logger: logger).map { try Self.customerScore($0.makeRandomAccess(), from: 0) }
            return (page, Int(total))
        }
    }

    /// Ties on CLV keep the segments' own order, as SQLite's grouped (segment-ordered) rows do.
    public func segmentSummaries(shopID: Int64) async throws -> [SegmentSummary] {
        try await rows("""
            SELECT s.segment, COUNT(*), SUM(s.clv_minor)::bigint AS clv, SUM(s.spend_minor)::bigint, AVG(s.p_alive),
                   COUNT(*) FILTER (WHERE c.accepts_email_marketing = 1 AND c.email IS NOT NULL),
                   COUNT(*) FILTER (WHERE c.accepts_sms_marketing = 1 AND c.phone IS NOT NULL)
            FROM customer_scores s
            LEFT JOIN customers c ON c.shop_id = s.shop_id AND c.id = s.customer_id
            WHERE s.shop_id = \(shopID) GROUP BY s.segment ORDER BY clv DESC, s.segment COLLATE "C"
            """).map { row in
            let (segment, customers, clv, spend, alive, email, sms) =
                try row.decode((String, Int, Int64?, Int64?, Double?, Int, Int).self)
            return SegmentSummary(segment: segment, customers: customers, lifetimeValueMinor: clv ?? 0, spendMinor: spend ?? 0,
                                  meanProbabilityAlive: alive ?? 0, emailConsented: email, smsConsented: sms)
        }
    }

    /// Band k counts bounds[k−1] ≤ CLV < bounds[k] (bounds.count + 1 bands). A score's band is
    /// the number of bounds at or below its CLV, which is SQLite's CASE over the sorted bounds.
    public func valueDistribution(shopID: Int64, bounds: [Int64]) async throws -> [Int] {
        let sorted = bounds.sorted()
        var counts = [Int](repeating: 0, count: sorted.count + 1)
        for row in try await rows("""
            SELECT (SELECT COUNT(*) FROM UNNEST(\(sorted)::bigint[]) AS b(bound) WHERE b.bound <= s.clv_minor) AS band, COUNT(*)
            FROM customer_scores s WHERE s.shop_id = \(shopID) GROUP BY band
            """) {
            let (band, n) = try row.decode((Int, Int).self)
            if counts.indices.contains(band) { counts[band] = n }
        }
        return counts
    }

    // MARK: Rows

    /// Runs `body` in a read-only REPEATABLE READ transaction: its reads see one snapshot, as a
    /// GRDB read does.
    func readOnlySnapshot<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction { connection in
            try await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            return try await body(connection)
        }
    }

    static let customerValueRunColumns = """
        id, shop_id, created_at, model, parameters, spend_parameters, mean_order_value, unit_days, log_likelihood, customers,
        repeat_buyers, orders, skipped_orders, currency, horizon_days, clv_months, holdout, duration_ms, event_count
        """

    static func customerValueRun(_ row: PostgresRow) throws -> CustomerValueRun {
        let r = row.makeRandomAccess()
        return CustomerValueRun(
            id: try r[0].decode(Int64.self), shopID: try r[1].decode(Int64.self),
            createdAt: Date(storageMilliseconds: try r[2].decode(Int64.self)), model: try r[3].decode(String.self),
            parameters: JSONColumn.decode([String: Double].self, try r[4].decode(String.self)) ?? [:],
            spendParameters: JSONColumn.decode([String: Double].self, try r[5].decode(String.self)) ?? [:],
            meanOrderValue: try r[6].decode(Double.self), unitDays: try r[7].decode(Double.self),
            logLikelihood: try r[8].decode(Double.self), customers: try r[9].decode(Int.self),
            repeatBuyers: try r[10].decode(Int.self), orders: try r[11].decode(Int.self), skippedOrders: try r[12].decode(Int.self),
            currency: try r[13].decode(String.self), horizonDays: try r[14].decode(Double.self), clvMonths: try r[15].decode(Int.self),
            holdout: JSONColumn.decode(CustomerHoldout.self, try r[16].decode(String?.self)),
            seconds: Double(try r[17].decode(Int64.self)) / 1000, eventCount: try r[18].decode(Int.self))
    }

    /// The 21 columns `customerScore(_:from:)` reads, each prefixed (`"s."`) for a join.
    static func customerScoreColumns(prefix: String) -> String {
        ["customer_id", "run_id", "orders", "online_orders", "pos_orders", "frequency", "recency_days", "age_days",
         "first_order_day", "last_order_day", "spend_minor", "refunded_minor", "currency", "p_alive", "expected_purchases",
         "expected_order_value_minor", "clv_minor", "r_score", "f_score", "m_score", "segment"]
            .map { prefix + $0 }.joined(separator: ", ")
    }

    /// A score from `customerScoreColumns` starting at column `k`.
    static func customerScore(_ r: PostgresRandomAccessRow, from k: Int) throws -> CustomerScoreRow {
        CustomerScoreRow(
            customerID: try r[k].decode(Int64.self), runID: try r[k + 1].decode(Int64.self), orders: try r[k + 2].decode(Int.self),
            onlineOrders: try r[k + 3].decode(Int.self), posOrders: try r[k + 4].decode(Int.self),
            frequency: try r[k + 5].decode(Double.self), recencyDays: try r[k + 6].decode(Double.self),
            ageDays: try r[k + 7].decode(Double.self), firstOrderDay: try r[k + 8].decode(String.self),
            lastOrderDay: try r[k + 9].decode(String.self), spendMinor: try r[k + 10].decode(Int64.self),
            refundedMinor: try r[k + 11].decode(Int64.self), currency: try r[k + 12].decode(String.self),
            probabilityAlive: try r[k + 13].decode(Double.self), expectedPurchases: try r[k + 14].decode(Double.self),
            expectedOrderValueMinor: try r[k + 15].decode(Int64.self), lifetimeValueMinor: try r[k + 16].decode(Int64.self),
            recencyScore: try r[k + 17].decode(Int.self), frequencyScore: try r[k + 18].decode(Int.self),
            monetaryScore: try r[k + 19].decode(Int.self), segment: try r[k + 20].decode(String.self))
    }
}
