import Commerce
import Crypto
import Foundation
import GRDB

/// Risk assessments, risk models, disputes and fraud labels (v9).
extension SQLiteStore: RiskStore {
    public func saveRiskAssessment(_ record: RiskAssessmentRecord) async throws {
        try await saveRiskAssessments([record])
    }

    public func saveRiskAssessments(_ records: [RiskAssessmentRecord]) async throws {
        guard !records.isEmpty else { return }
        try await writer.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO risk_assessments (shop_id, subject_kind, subject_id, at, probability, level, level_rank,
                    facts, scorer, model_version, features, scored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for r in records {
                try statement.execute(arguments: [
                    r.shopID, r.subjectKind.rawValue, r.subjectID, r.at.storageMilliseconds, r.probability, r.level,
                    RiskAssessmentRecord.levelRank(r.level), r.factsJSON, r.scorer, r.modelVersion, r.featuresJSON,
                    r.scoredAt.storageMilliseconds,
                ])
            }
        }
    }

    public func riskAssessment(shopID: Int64, subjectKind: RiskSubjectKind, subjectID: Int64) async throws -> RiskAssessmentRecord? {
        try await writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT * FROM risk_assessments WHERE shop_id = ? AND subject_kind = ? AND subject_id = ?
                """), arguments: [shopID, subjectKind.rawValue, subjectID]).map(Self.riskAssessment)
        }
    }

    public func flaggedRiskAssessments(shopID: Int64, minimumLevel: String, since: Date?, limit: Int) async throws -> [RiskAssessmentRecord] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM risk_assessments WHERE shop_id = ? AND level_rank >= ? AND at >= ?
                ORDER BY at DESC, subject_id DESC LIMIT ?
                """), arguments: [shopID, RiskAssessmentRecord.levelRank(minimumLevel), since?.storageMilliseconds ?? Int64.min,
                                  max(0, limit)]).map(Self.riskAssessment)
        }
    }

    static func riskAssessment(_ row: Row) -> RiskAssessmentRecord {
        let epoch = Date(timeIntervalSince1970: 0)
        return RiskAssessmentRecord(
            shopID: row["shop_id"], subjectKind: RiskSubjectKind(rawValue: row["subject_kind"]) ?? .order, subjectID: row["subject_id"],
            at: row.date("at") ?? epoch, probability: row["probability"], level: row["level"], factsJSON: row["facts"],
            scorer: row["scorer"], modelVersion: row["model_version"], featuresJSON: row["features"],
            scoredAt: row.date("scored_at") ?? epoch)
    }

    // MARK: Models

    public func saveRiskModel(shopID: Int64, model: Data, summary: [String: Double], at: Date) async throws -> RiskModelRecord {
        let digest = SHA256.hash(data: model).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys  // the same summary gives the same text
        let summaryJSON = String(decoding: try encoder.encode(summary), as: UTF8.self)
        return try await writer.write { db in
            try Self.requireShop(db, shopID)
            try db.cachedStatement(sql: """
                INSERT INTO risk_models (shop_id, created_at, model, digest, summary) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [shopID, at.storageMilliseconds, model, digest, summaryJSON])
            return RiskModelRecord(id: db.lastInsertedRowID, shopID: shopID, createdAt: Date(storageMilliseconds: at.storageMilliseconds),
                                   model: model, digest: digest, summary: summary)
        }
    }

    public func riskModel(shopID: Int64, id: Int64) async throws -> RiskModelRecord? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM risk_models WHERE shop_id = ? AND id = ?"),
                                             arguments: [shopID, id]) else { return nil }
            return RiskModelRecord(
                id: row["id"], shopID: row["shop_id"], createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0),
                model: row["model"], digest: row["digest"], summary: JSONColumn.decode([String: Double].self, row["summary"]) ?? [:])
        }
    }

    // MARK: Disputes and labels

    public func disputes(shopID: Int64) async throws -> [Dispute] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM disputes WHERE shop_id = ? ORDER BY initiated_at, id"),
                             arguments: [shopID]).map(Self.dispute)
        }
    }

    static func dispute(_ row: Row) -> Dispute {
        Dispute(id: row["id"], orderID: row["order_id"], type: row["type"], amount: Money(minorUnits: row["amount_minor"], currency: row["currency"]),
                reason: row["reason"], status: row["status"], initiatedAt: row.date("initiated_at") ?? Date(timeIntervalSince1970: 0),
                finalizedAt: row.date("finalized_at"))
    }

    /// Tags that label an order as fraud (compared lowercased and trimmed).
    static let fraudTags: Set<String> = ["fraud", "chargeback"]

    public func riskLabels(shopID: Int64) async throws -> [RiskLabel] {
        try await writer.read { db in
            var earliest: [Int64: RiskLabel] = [:]
            func note(_ label: RiskLabel) {
                if let known = earliest[label.orderID], known.knownAt <= label.knownAt { return }
                earliest[label.orderID] = label
            }
            // Chargebacks: `Dispute.isFraudChargeback` decides (one definition of a fraud dispute).
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM disputes WHERE shop_id = ? AND order_id IS NOT NULL AND type = 'chargeback'
                """), arguments: [shopID]) {
                let dispute = Self.dispute(row)
                guard dispute.isFraudChargeback, let order = dispute.orderID else { continue }
                note(RiskLabel(orderID: order, knownAt: dispute.initiatedAt, source: .chargeback))
            }
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, cancelled_at FROM orders WHERE shop_id = ? AND cancel_reason = 'fraud' AND cancelled_at IS NOT NULL
                """), arguments: [shopID]) {
                note(RiskLabel(orderID: row["id"], knownAt: row.date("cancelled_at")!, source: .fraudCancellation))
            }
            // LIKE narrows to candidate rows; the exact tag is checked on the decoded list.
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, updated_at, tags FROM orders
                WHERE shop_id = ? AND (lower(tags) LIKE '%fraud%' OR lower(tags) LIKE '%chargeback%')
                """), arguments: [shopID]) {
                let tags = JSONColumn.decode([String].self, row["tags"]) ?? []
                guard tags.contains(where: { Self.fraudTags.contains($0.trimmingCharacters(in: .whitespaces).lowercased()) }) else { continue }
                note(RiskLabel(orderID: row["id"], knownAt: row.date("updated_at")!, source: .tag))
            }
            // Refunds a merchant gave because the order was fraud ("Fraudulent order", "fraud - refunded").
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT order_id, created_at FROM refunds WHERE shop_id = ? AND lower(note) LIKE '%fraud%'
                """), arguments: [shopID]) {
                note(RiskLabel(orderID: row["order_id"], knownAt: row.date("created_at")!, source: .refund))
            }
            return earliest.values.sorted { $0.orderID < $1.orderID }
        }
    }

    public func riskEvents(shopID: Int64, after: Int64, receivedSince: Date?, limit: Int) async throws -> [StoredEvent] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT sequence, shop_id, topic, webhook_id, body, received_at, source FROM events
                WHERE shop_id = ? AND sequence > ? AND received_at >= ?
                    AND (topic LIKE 'orders/%' OR topic = 'refunds/create' OR topic LIKE 'disputes/%')
                ORDER BY sequence LIMIT ?
                """), arguments: [shopID, after, receivedSince?.storageMilliseconds ?? Int64.min, max(0, limit)]).map { row in
                StoredEvent(sequence: row["sequence"], shopID: row["shop_id"], topic: row["topic"], webhookID: row["webhook_id"],
                            body: row["body"], receivedAt: row.date("received_at") ?? Date(timeIntervalSince1970: 0),
                            source: EventSource(rawValue: row["source"]) ?? .webhook)
            }
        }
    }
}
