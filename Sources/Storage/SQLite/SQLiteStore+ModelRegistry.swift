import Foundation
import GRDB

/// The model registry in `model_versions`, `model_aliases`, `model_alias_history`,
/// `model_proposals` and `model_rollouts` (v7).
extension SQLiteStore: ModelRegistry {
    /// The columns listings read: everything but the catalog and reference BLOBs.
    static let versionListColumns = """
        id, shop_id, kind, version, created_at, created_by, training_trigger, job_id, parameters, first_event_id,
        last_event_id, event_count, projection_digest, as_of_day, holdout_metrics, primary_metric, higher_is_better,
        artifact_uri, artifact_digest, status, status_message, summary
        """

    public func registerModelVersion(_ draft: ModelVersionDraft, at: Date) async throws -> ModelVersion {
        let parameters = try Self.jsonStrings(draft.parameters)
        let metrics = try Self.jsonMetrics(draft.holdoutMetrics)
        let summary = try Self.jsonMetrics(draft.summary)
        let catalog = Self.catalogBlob(draft.catalog)
        return try await writer.write { db in
            try Self.requireShop(db, draft.shopID)
            if let jobID = draft.jobID, let existing = try Self.fetchVersions(
                db, "WHERE shop_id = ? AND kind = ? AND job_id = ?", [draft.shopID, draft.kind, jobID], full: true).first {
                return existing
            }
            // The next number inside the write transaction: writers are serialized, so two
            // registrations never get the same one.
            let version = (try Int.fetchOne(db, sql: "SELECT max(version) FROM model_versions WHERE shop_id = ? AND kind = ?",
                                            arguments: [draft.shopID, draft.kind]) ?? 0) + 1
            let createdAt = at.storageMilliseconds
            let d = draft.data
            let id = try Int64.fetchOne(db, sql: """
                INSERT INTO model_versions (shop_id, kind, version, created_at, created_by, training_trigger, job_id, parameters,
                    first_event_id, last_event_id, event_count, projection_digest, as_of_day, holdout_metrics, primary_metric,
                    higher_is_better, artifact_uri, artifact_digest, status, status_message, summary, catalog, reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [
                    draft.shopID, draft.kind, version, createdAt, draft.createdBy, draft.trigger, draft.jobID, parameters,
                    d.firstEventID, d.lastEventID, d.eventCount, d.projectionDigest, d.asOfDay, metrics, draft.primaryMetric,
                    draft.higherIsBetter, draft.artifactURI, draft.artifactDigest, draft.status.rawValue, draft.statusMessage,
                    summary, catalog, draft.reference,
                ]) ?? 0
            return ModelVersion(id: id, version: version, createdAt: Date(storageMilliseconds: createdAt), draft: draft)
        }
    }

    public func modelVersion(shopID: Int64, kind: String, version: Int) async throws -> ModelVersion? {
        try await writer.read { db in
            try Self.fetchVersions(db, "WHERE shop_id = ? AND kind = ? AND version = ?", [shopID, kind, version], full: true).first
        }
    }

    public func modelVersions(shopID: Int64, kind: String?, limit: Int) async throws -> [ModelVersion] {
        try await writer.read { db in
            if let kind {
                return try Self.fetchVersions(db, "WHERE shop_id = ? AND kind = ? ORDER BY version DESC LIMIT ?",
                                              [shopID, kind, max(0, limit)], full: false)
            }
            return try Self.fetchVersions(db, "WHERE shop_id = ? ORDER BY id DESC LIMIT ?", [shopID, max(0, limit)], full: false)
        }
    }

    public func setModelVersionStatus(shopID: Int64, kind: String, version: Int, status: ModelVersionStatus, message: String?) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE model_versions SET status = ?, status_message = ? WHERE shop_id = ? AND kind = ? AND version = ?
                """, arguments: [status.rawValue, message, shopID, kind, version])
            if db.changesCount == 0 { throw StorageError.unknownModelVersion(shopID: shopID, kind: kind, version: version) }
        }
    }

    public func modelKinds(shopID: Int64) async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT kind FROM model_versions WHERE shop_id = ? ORDER BY kind", arguments: [shopID])
        }
    }

    // MARK: Aliases

    public func modelAliases(shopID: Int64, kind: String?) async throws -> [ModelAlias] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM model_aliases WHERE shop_id = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY kind, name
                """, arguments: [shopID, kind]).map { row in
                ModelAlias(shopID: row["shop_id"], kind: row["kind"], name: row["name"], version: row["version"],
                           updatedAt: row.date("updated_at") ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    public func resolveAlias(shopID: Int64, kind: String, alias: String) async throws -> ModelVersion? {
        try await writer.read { db in
            try Self.fetchVersions(db, """
                WHERE shop_id = ?1 AND kind = ?2
                  AND version = (SELECT version FROM model_aliases WHERE shop_id = ?1 AND kind = ?2 AND name = ?3)
                """, [shopID, kind, alias], full: true).first
        }
    }

    @discardableResult
    public func moveAliases(shopID: Int64, kind: String, _ changes: [AliasChange], actor: String, action: String, reason: String,
                            at: Date) async throws -> [AliasMove] {
        let atMilliseconds = at.storageMilliseconds
        // One transaction: a change that throws rolls back the ones applied before it.
        return try await writer.write { db in
            var moves: [AliasMove] = []
            for change in changes {
                let current = try Int.fetchOne(db, sql: "SELECT version FROM model_aliases WHERE shop_id = ? AND kind = ? AND name = ?",
                                               arguments: [shopID, kind, change.alias])
                if let target = change.version {
                    let status = try String.fetchOne(db, sql: """
                        SELECT status FROM model_versions WHERE shop_id = ? AND kind = ? AND version = ?
                        """, arguments: [shopID, kind, target])
                    guard status == ModelVersionStatus.ready.rawValue else {
                        throw StorageError.unknownModelVersion(shopID: shopID, kind: kind, version: target)
                    }
                }
                guard current != change.version else { continue }
                if let target = change.version {
                    try db.execute(sql: """
                        INSERT INTO model_aliases (shop_id, kind, name, version, updated_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (shop_id, kind, name) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
                        """, arguments: [shopID, kind, change.alias, target, atMilliseconds])
                } else {
                    try db.execute(sql: "DELETE FROM model_aliases WHERE shop_id = ? AND kind = ? AND name = ?",
                                   arguments: [shopID, kind, change.alias])
                }
                var move = AliasMove(shopID: shopID, kind: kind, alias: change.alias, fromVersion: current, toVersion: change.version,
                                     actor: actor, action: action, reason: reason, at: Date(storageMilliseconds: atMilliseconds))
                move.id = try Int64.fetchOne(db, sql: """
                    INSERT INTO model_alias_history (shop_id, kind, alias, from_version, to_version, actor, action, reason, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """, arguments: [shopID, kind, change.alias, current, change.version, actor, action, reason, atMilliseconds]) ?? 0
                moves.append(move)
            }
            return moves
        }
    }

    public func aliasHistory(shopID: Int64, kind: String?, alias: String?, limit: Int) async throws -> [AliasMove] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM model_alias_history
                WHERE shop_id = ?1 AND (?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR alias = ?3)
                ORDER BY id DESC LIMIT ?4
                """, arguments: [shopID, kind, alias, max(0, limit)]).map { row in
                AliasMove(id: row["id"], shopID: row["shop_id"], kind: row["kind"], alias: row["alias"],
                          fromVersion: row["from_version"], toVersion: row["to_version"], actor: row["actor"],
                          action: row["action"], reason: row["reason"], at: row.date("at") ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    public func latestAliasMoveID() async throws -> Int64 {
        try await writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT max(id) FROM model_alias_history") ?? 0
        }
    }

    // MARK: Proposals

    public func createPromotionProposal(_ proposal: PromotionProposal) async throws -> PromotionProposal {
        try await writer.write { db in
            try Self.requireShop(db, proposal.shopID)
            try db.execute(sql: """
                UPDATE model_proposals SET status = 'superseded' WHERE shop_id = ? AND kind = ? AND status = 'pending'
                """, arguments: [proposal.shopID, proposal.kind])
            var saved = proposal
            saved.status = .pending
            saved.createdAt = Date(storageMilliseconds: proposal.createdAt.storageMilliseconds)
            saved.decidedBy = nil; saved.decidedAt = nil; saved.decisionNote = nil
            saved.id = try Int64.fetchOne(db, sql: """
                INSERT INTO model_proposals (shop_id, kind, version, champion_version, metric, candidate_value, champion_value,
                    reason, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id
                """, arguments: [
                    proposal.shopID, proposal.kind, proposal.version, proposal.championVersion, proposal.metric,
                    proposal.candidateValue, proposal.championValue, proposal.reason, saved.createdAt.storageMilliseconds,
                ]) ?? 0
            return saved
        }
    }

    public func promotionProposals(shopID: Int64, status: PromotionProposal.Status?, limit: Int) async throws -> [PromotionProposal] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM model_proposals WHERE shop_id = ?1 AND (?2 IS NULL OR status = ?2) ORDER BY id DESC LIMIT ?3
                """, arguments: [shopID, status?.rawValue, max(0, limit)]).map(Self.proposal)
        }
    }

    public func promotionProposal(shopID: Int64, id: Int64) async throws -> PromotionProposal? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM model_proposals WHERE shop_id = ? AND id = ?", arguments: [shopID, id])
                .map(Self.proposal)
        }
    }

    public func decidePromotionProposal(shopID: Int64, id: Int64, status: PromotionProposal.Status, by: String, note: String?,
                                        at: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE model_proposals SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?
                WHERE shop_id = ? AND id = ? AND status = 'pending'
                """, arguments: [status.rawValue, by, at.storageMilliseconds, note, shopID, id])
            return db.changesCount > 0
        }
    }

    // MARK: Rollouts

    public func rolloutSetting(shopID: Int64, kind: String) async throws -> RolloutSetting {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM model_rollouts WHERE shop_id = ? AND kind = ?", arguments: [shopID, kind])
                .map(Self.rollout) ?? RolloutSetting(shopID: shopID, kind: kind)
        }
    }

    public func setRolloutSetting(_ setting: RolloutSetting) async throws {
        try await writer.write { db in
            try Self.requireShop(db, setting.shopID)
            try db.execute(sql: """
                INSERT INTO model_rollouts (shop_id, kind, canary_percent, shadow, sample_rate, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (shop_id, kind) DO UPDATE SET canary_percent = excluded.canary_percent, shadow = excluded.shadow,
                    sample_rate = excluded.sample_rate, updated_at = excluded.updated_at
                """, arguments: [setting.shopID, setting.kind, setting.canaryPercent, setting.shadow, setting.sampleRate,
                                 setting.updatedAt.storageMilliseconds])
        }
    }

    public func rolloutSettings() async throws -> [RolloutSetting] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM model_rollouts ORDER BY shop_id, kind").map(Self.rollout)
        }
    }

    /// A subquery of the run ids (of shop `?1`) that versions holding an alias point at through
    /// an artifact URI `<prefix><id>`: retention keeps those runs.
    static func aliasedRunIDs(prefix: String) -> String {
        """
        SELECT CAST(substr(v.artifact_uri, \(prefix.utf8.count + 1)) AS INTEGER) FROM model_versions v
        JOIN model_aliases a ON a.shop_id = v.shop_id AND a.kind = v.kind AND a.version = v.version
        WHERE v.shop_id = ?1 AND v.artifact_uri LIKE '\(prefix)%'
        """
    }

    // MARK: Rows

    /// Versions matching `clause` (which may order and limit); `full` loads catalog and reference.
    static func fetchVersions(_ db: Database, _ clause: String, _ arguments: StatementArguments, full: Bool) throws -> [ModelVersion] {
        let columns = full ? versionListColumns + ", catalog, reference" : versionListColumns
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT \(columns) FROM model_versions \(clause)"), arguments: arguments)
            .map { row in
                let data = TrainingDataIdentity(
                    firstEventID: row["first_event_id"], lastEventID: row["last_event_id"], eventCount: row["event_count"],
                    projectionDigest: row["projection_digest"], asOfDay: row["as_of_day"])
                let draft = ModelVersionDraft(
                    shopID: row["shop_id"], kind: row["kind"], createdBy: row["created_by"], trigger: row["training_trigger"],
                    jobID: row["job_id"], parameters: JSONColumn.decode([String: String].self, row["parameters"]) ?? [:],
                    data: data, holdoutMetrics: decodeMetrics(row["holdout_metrics"]), primaryMetric: row["primary_metric"],
                    higherIsBetter: row["higher_is_better"], artifactURI: row["artifact_uri"], artifactDigest: row["artifact_digest"],
                    status: ModelVersionStatus(rawValue: row["status"]) ?? .failed, statusMessage: row["status_message"],
                    summary: decodeMetrics(row["summary"]),
                    catalog: full ? catalogEntries(row["catalog"]) : [], reference: full ? row["reference"] : nil)
                return ModelVersion(id: row["id"], version: row["version"],
                                    createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0), draft: draft)
            }
    }

    static func proposal(_ row: Row) -> PromotionProposal {
        PromotionProposal(
            id: row["id"], shopID: row["shop_id"], kind: row["kind"], version: row["version"],
            championVersion: row["champion_version"], metric: row["metric"], candidateValue: row["candidate_value"],
            championValue: row["champion_value"], reason: row["reason"],
            status: PromotionProposal.Status(rawValue: row["status"]) ?? .superseded,
            createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0), decidedBy: row["decided_by"],
            decidedAt: row.date("decided_at"), decisionNote: row["decision_note"])
    }

    static func rollout(_ row: Row) -> RolloutSetting {
        RolloutSetting(shopID: row["shop_id"], kind: row["kind"], canaryPercent: row["canary_percent"], shadow: row["shadow"],
                       sampleRate: row["sample_rate"], updatedAt: row.date("updated_at") ?? Date(timeIntervalSince1970: 0))
    }

    // MARK: Encodings

    /// A string map as sorted JSON.
    static func jsonStrings(_ values: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(values), as: UTF8.self)
    }

    /// The inverse of `jsonMetrics` (which writes non-finite values as "nan", "inf", "-inf").
    static func decodeMetrics(_ text: String?) -> [String: Double] {
        guard let text else { return [:] }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? decoder.decode([String: Double].self, from: Data(text.utf8))) ?? [:]
    }

    /// 24 bytes per entry, little-endian: variant id, product id, price minor. A catalog has tens of
    /// thousands of variants; JSON would be several times larger and slower to read.
    static func catalogBlob(_ entries: [CatalogEntry]) -> Data {
        var data = Data(capacity: entries.count * 24)
        for entry in entries {
            for value in [entry.variantID, entry.productID, entry.priceMinor] {
                withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    static func catalogEntries(_ data: Data?) -> [CatalogEntry] {
        guard let data, data.count >= 24 else { return [] }
        let bytes = [UInt8](data)
        func int64(_ offset: Int) -> Int64 {
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            return Int64(bitPattern: value)
        }
        return stride(from: 0, to: bytes.count - 23, by: 24).map { offset in
            CatalogEntry(variantID: int64(offset), productID: int64(offset + 8), priceMinor: int64(offset + 16))
        }
    }
}
