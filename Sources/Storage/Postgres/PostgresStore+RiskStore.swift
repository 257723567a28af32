import Commerce
import Crypto
import Foundation
import PostgresNIO

/// Risk assessments, risk models, disputes and fraud labels.
extension PostgresStore: RiskStore {
    public func saveRiskAssessment(_ record: RiskAssessmentRecord) async throws {
        try await saveRiskAssessments([record])
    }

    /// Upserts in multi-row statements (`riskAssessmentBatch` rows, 12 binds each) in one
    /// transaction. SQLite's INSERT OR REPLACE lets a later record of one subject replace an
    /// earlier one of the same batch; `ON CONFLICT DO UPDATE` refuses to touch a row twice in one
    /// statement, so the batch keeps the last record of each subject first.
    public func saveRiskAssessments(_ records: [RiskAssessmentRecord]) async throws {
        guard !records.isEmpty else { return }
        struct Key: Hashable { var shopID: Int64; var kind: String; var subjectID: Int64 }
        var last: [Key: Int] = [:]
        for (index, r) in records.enumerated() { last[Key(shopID: r.shopID, kind: r.subjectKind.rawValue, subjectID: r.subjectID)] = index }
        let kept = records.indices.filter { last[Key(shopID: records[$0].shopID, kind: records[$0].subjectKind.rawValue,
                                                      subjectID: records[$0].subjectID)] == $0 }.map { records[$0] }
        try await transaction { connection in
            for start in stride(from: 0, to: kept.count, by: Self.riskAssessmentBatch) {
                let batch = kept[start..<min(start + Self.riskAssessmentBatch, kept.count)]
                var binds = PostgresBindings(capacity: batch.count * 12)
                var tuples: [String] = []
                tuples.reserveCapacity(batch.count)
                for r in batch {
                    let first = binds.count + 1
                    tuples.append("(" + (first..<first + 12).map { "$\($0)" }.joined(separator: ", ") + ")")
                    binds.append(r.shopID)
                    binds.append(r.subjectKind.rawValue)
                    binds.append(r.subjectID)
                    binds.append(r.at.storageMilliseconds)
                    binds.append(r.probability)
                    binds.append(r.level)
                    binds.append(Int64(RiskAssessmentRecord.levelRank(r.level)))
                    binds.append(r.factsJSON)
                    binds.append(r.scorer)
                    binds.append(r.modelVersion.map(Int64.init))
                    binds.append(r.featuresJSON)
                    binds.append(r.scoredAt.storageMilliseconds)
                }
                try await connection.execute(PostgresQuery(unsafeSQL: """
                    INSERT INTO risk_assessments (shop_id, subject_kind, subject_id, at, probability, level, level_rank,
                        facts, scorer, model_version, features, scored_at)
                    VALUES \(tuples.joined(separator: ", "))
                    ON CONFLICT (shop_id, subject_kind, subject_id) DO UPDATE SET at = excluded.at,
                        probability = excluded.probability, level = excluded.level, level_rank = excluded.level_rank,
                        facts = excluded.facts, scorer = excluded.scorer, model_version = excluded.model_version,
                        features = excluded.features, scored_at = excluded.scored_at
                    """, binds: binds), logger: logger)
            }
        }
    }

    /// Rows per upsert statement: 12 binds each, far below the protocol's 65,535.
    static let riskAssessmentBatch = 1_000

    public func riskAssessment(shopID: Int64, subjectKind: RiskSubjectKind, subjectID: Int64) async throws -> RiskAssessmentRecord? {
        try await rows("""
            SELECT \(unescaped: Self.riskAssessmentColumns) FROM risk_assessments
            WHERE shop_id = \(shopID) AND subject_kind = \(subjectKind.rawValue) AND subject_id = \(subjectID)
            """).first.map(Self.riskAssessment(from:))
    }

    public func flaggedRiskAssessments(shopID: Int64, minimumLevel: String, since: Date?, limit: Int) async throws -> [RiskAssessmentRecord] {
        try await rows("""
            SELECT \(unescaped: Self.riskAssessmentColumns) FROM risk_assessments
            WHERE shop_id = \(shopID) AND level_rank >= \(Int64(RiskAssessmentRecord.levelRank(minimumLevel)))
                AND at >= \(since?.storageMilliseconds ?? Int64.min)
            ORDER BY at DESC, subject_id DESC LIMIT \(max(0, limit))
            """).map(Self.riskAssessment(from:))
    }

    static let riskAssessmentColumns = """
        shop_id, subject_kind, subject_id, at, probability, level, facts, scorer, model_version, features, scored_at
        """

    static func riskAssessment(from row: PostgresRow) throws -> RiskAssessmentRecord {
        let (shopID, kind, subjectID, at, probability, level, facts, scorer, version, features, scoredAt) =
            try row.decode((Int64, String, Int64, Int64, Double, String, String, String, Int64?, String, Int64).self)
        return RiskAssessmentRecord(
            shopID: shopID, subjectKind: RiskSubjectKind(rawValue: kind) ?? .order, subjectID: subjectID,
            at: Date(storageMilliseconds: at), probability: probability, level: level, factsJSON: facts, scorer: scorer,
            modelVersion: version.map { Int(truncatingIfNeeded: $0) }, featuresJSON: features,
            scoredAt: Date(storageMilliseconds: scoredAt))
    }

    // MARK: Models

    public func saveRiskModel(shopID: Int64, model: Data, summary: [String: Double], at: Date) async throws -> RiskModelRecord {
        let digest = SHA256.hash(data: model).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys  // the same summary gives the same text
        let summaryJSON = String(decoding: try encoder.encode(summary), as: UTF8.self)
        return try await transaction { connection in
            try await connection.ensureShopExists(shopID, logger: logger)
            guard let id = try await connection.scalar("""
                INSERT INTO risk_models (shop_id, created_at, model, digest, summary)
                VALUES (\(shopID), \(at.storageMilliseconds), \(model), \(digest), \(summaryJSON)) RETURNING id
                """, logger: logger) else { throw PostgresStoreError("saveRiskModel: the insert returned no id") }
            return RiskModelRecord(id: id, shopID: shopID, createdAt: Date(storageMilliseconds: at.storageMilliseconds),
                                   model: model, digest: digest, summary: summary)
        }
    }

    public func riskModel(shopID: Int64, id: Int64) async throws -> RiskModelRecord? {
        guard let row = try await rows("""
            SELECT id, shop_id, created_at, model, digest, summary FROM risk_models WHERE shop_id = \(shopID) AND id = \(id)
            """).first else { return nil }
        let (id, shop, created, model, digest, summary) = try row.decode((Int64, Int64, Int64, Data, String, String).self)
        return RiskModelRecord(id: id, shopID: shop, createdAt: Date(storageMilliseconds: created), model: model, digest: digest,
                               summary: JSONColumn.decode([String: Double].self, summary) ?? [:])
    }

    // MARK: Disputes and labels

    public func disputes(shopID: Int64) async throws -> [Dispute] {
        try await rows("""
            SELECT \(unescaped: Self.disputeColumns) FROM disputes WHERE shop_id = \(shopID) ORDER BY initiated_at, id
            """).map(Self.dispute(from:))
    }

    static let disputeColumns = "id, order_id, type, amount_minor, currency, reason, status, initiated_at, finalized_at"

    static func dispute(from row: PostgresRow) throws -> Dispute {
        let (id, order, type, amount, currency, reason, status, initiated, finalized) =
            try row.decode((Int64, Int64?, String, Int64, String, String?, String?, Int64, Int64?).self)
        return Dispute(id: id, orderID: order, type: type, amount: Money(minorUnits: amount, currency: currency), reason: reason,
                       status: status, initiatedAt: Date(storageMilliseconds: initiated),
                       finalizedAt: finalized.map(Date.init(storageMilliseconds:)))
    }

    public func riskLabels(shopID: Int64) async throws -> [RiskLabel] {
        // Four reads, as on SQLite; they need not be one snapshot (a label that arrives between
        // two of them is simply in or out, as it would be a moment earlier or later).
        var earliest: [Int64: RiskLabel] = [:]
        func note(_ label: RiskLabel) {
            if let known = earliest[label.orderID], known.knownAt <= label.knownAt { return }
            earliest[label.orderID] = label
        }
        // Chargebacks: `Dispute.isFraudChargeback` decides (one definition of a fraud dispute).
        for row in try await rows("""
            SELECT \(unescaped: Self.disputeColumns) FROM disputes
            WHERE shop_id = \(shopID) AND order_id IS NOT NULL AND type = 'chargeback'
            """) {
            let dispute = try Self.dispute(from: row)
            guard dispute.isFraudChargeback, let order = dispute.orderID else { continue }
            note(RiskLabel(orderID: order, knownAt: dispute.initiatedAt, source: .chargeback))
        }
        for row in try await rows("""
            SELECT id, cancelled_at FROM orders WHERE shop_id = \(shopID) AND cancel_reason = 'fraud' AND cancelled_at IS NOT NULL
            """) {
            let (id, cancelled) = try row.decode((Int64, Int64).self)
            note(RiskLabel(orderID: id, knownAt: Date(storageMilliseconds: cancelled), source: .fraudCancellation))
        }
        // lower(…) LIKE narrows to candidate rows (SQLite's LIKE ignores ASCII case; lower() makes
        // both dialects agree); the exact tag is checked on the decoded list, as on SQLite.
        for row in try await rows("""
            SELECT id, updated_at, tags FROM orders
            WHERE shop_id = \(shopID) AND (lower(tags) LIKE '%fraud%' OR lower(tags) LIKE '%chargeback%')
            """) {
            let (id, updated, tagsJSON) = try row.decode((Int64, Int64, String).self)
            let tags = JSONColumn.decode([String].self, tagsJSON) ?? []
            guard tags.contains(where: { SQLiteStore.fraudTags.contains($0.trimmingCharacters(in: .whitespaces).lowercased()) })
            else { continue }
            note(RiskLabel(orderID: id, knownAt: Date(storageMilliseconds: updated), source: .tag))
        }
        // Refunds a merchant gave because the order was fraud ("Fraudulent order", "fraud - refunded").
        for row in try await rows("""
            SELECT order_id, created_at FROM refunds WHERE shop_id = \(shopID) AND lower(note) LIKE '%fraud%'
            """) {
            let (order, created) = try row.decode((Int64, Int64).self)
            note(RiskLabel(orderID: order, knownAt: Date(storageMilliseconds: created), source: .refund))
        }
        return earliest.values.sorted { $0.orderID < $1.orderID }
    }

    public func riskEvents(shopID: Int64, after: Int64, receivedSince: Date?, limit: Int) async throws -> [StoredEvent] {
        try await rows("""
            SELECT sequence, shop_id, topic, webhook_id, body, received_at, source FROM events
            WHERE shop_id = \(shopID) AND sequence > \(after) AND received_at >= \(receivedSince?.storageMilliseconds ?? Int64.min)
                AND (topic LIKE 'orders/%' OR topic = 'refunds/create' OR topic LIKE 'disputes/%')
            ORDER BY sequence LIMIT \(max(0, limit))
            """).map { row in
            let (sequence, shop, topic, webhookID, body, received, source) =
                try row.decode((Int64, Int64, String, String, Data, Int64, String).self)
            return StoredEvent(sequence: sequence, shopID: shop, topic: topic, webhookID: webhookID, body: body,
                               receivedAt: Date(storageMilliseconds: received), source: EventSource(rawValue: source) ?? .webhook)
        }
    }
}
