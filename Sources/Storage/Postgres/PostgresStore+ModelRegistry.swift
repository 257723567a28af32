import Commerce
import Foundation
import Logging
import PostgresNIO

/// The model registry in `model_versions`, `model_aliases`, `model_alias_history`,
/// `model_proposals` and `model_rollouts`, shared by every replica and worker.
///
/// Encodings are SQLite's (sorted JSON, the 24-byte catalog blob), so `db copy` moves rows as they are.
extension PostgresStore: ModelRegistry {
    public func registerModelVersion(_ draft: ModelVersionDraft, at: Date) async throws -> ModelVersion {
        let parameters = try SQLiteStore.jsonStrings(draft.parameters)
        let metrics = try SQLiteStore.jsonMetrics(draft.holdoutMetrics)
        let summary = try SQLiteStore.jsonMetrics(draft.summary)
        let catalog = SQLiteStore.catalogBlob(draft.catalog)
        return try await transaction { connection in
            try await Self.requireLifecycleShop(connection, draft.shopID, logger: logger)
            // SQLite's single writer made max(version) + 1 safe; here two processes registering the same
            // shop × kind would read the same max. The lock serializes them (until commit), so the second
            // reads the first's row; it also makes the job-id check below race-free.
            try await connection.execute("""
                SELECT pg_advisory_xact_lock(\(unescaped: LifecycleLock.modelVersion), hashtext(\(draft.shopID)::text || ':' || \(draft.kind)))
                """, logger: logger)
            if let jobID = draft.jobID, let existing = try await Self.modelVersionRows(connection.rows("""
                SELECT \(unescaped: Self.versionColumns(full: true)) FROM model_versions
                WHERE shop_id = \(draft.shopID) AND kind = \(draft.kind) AND job_id = \(jobID)
                """, logger: logger), full: true).first {
                return existing
            }
            let version = try await connection.scalar("""
                SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE shop_id = \(draft.shopID) AND kind = \(draft.kind)
                """, logger: logger) ?? 1
            let createdAt = at.storageMilliseconds
            let d = draft.data
            guard let id = try await connection.scalar("""
                INSERT INTO model_versions (shop_id, kind, version, created_at, created_by, training_trigger, job_id, parameters,
                    first_event_id, last_event_id, event_count, projection_digest, as_of_day, holdout_metrics, primary_metric,
                    higher_is_better, artifact_uri, artifact_digest, status, status_message, summary, catalog, reference)
                VALUES (\(draft.shopID), \(draft.kind), \(version), \(createdAt), \(draft.createdBy), \(draft.trigger), \(draft.jobID),
                    \(parameters), \(d.firstEventID), \(d.lastEventID), \(Int64(d.eventCount)), \(d.projectionDigest), \(d.asOfDay),
                    \(metrics), \(draft.primaryMetric), \(Int64(draft.higherIsBetter ? 1 : 0)), \(draft.artifactURI),
                    \(draft.artifactDigest), \(draft.status.rawValue), \(draft.statusMessage), \(summary), \(catalog), \(draft.reference))
                RETURNING id
                """, logger: logger) else { throw PostgresStoreError("registerModelVersion: INSERT returned no id") }
            return ModelVersion(id: id, version: Int(version), createdAt: Date(storageMilliseconds: createdAt), draft: draft)
        }
    }

    public func modelVersion(shopID: Int64, kind: String, version: Int) async throws -> ModelVersion? {
        try await Self.modelVersionRows(rows("""
            SELECT \(unescaped: Self.versionColumns(full: true)) FROM model_versions
            WHERE shop_id = \(shopID) AND kind = \(kind) AND version = \(Int64(version))
            """), full: true).first
    }

    public func modelVersions(shopID: Int64, kind: String?, limit: Int) async throws -> [ModelVersion] {
        let columns = Self.versionColumns(full: false)
        if let kind {
            return try await Self.modelVersionRows(rows("""
                SELECT \(unescaped: columns) FROM model_versions WHERE shop_id = \(shopID) AND kind = \(kind)
                ORDER BY version DESC LIMIT \(Int64(max(0, limit)))
                """), full: false)
        }
        return try await Self.modelVersionRows(rows("""
            SELECT \(unescaped: columns) FROM model_versions WHERE shop_id = \(shopID) ORDER BY id DESC LIMIT \(Int64(max(0, limit)))
            """), full: false)
    }

    public func setModelVersionStatus(shopID: Int64, kind: String, version: Int, status: ModelVersionStatus, message: String?) async throws {
        let changed = try await rows("""
            UPDATE model_versions SET status = \(status.rawValue), status_message = \(message)
            WHERE shop_id = \(shopID) AND kind = \(kind) AND version = \(Int64(version))
            RETURNING id
            """)
        if changed.isEmpty { throw StorageError.unknownModelVersion(shopID: shopID, kind: kind, version: version) }
    }

    public func modelKinds(shopID: Int64) async throws -> [String] {
        // COLLATE "C": byte order, as SQLite sorts text, whatever the cluster's locale.
        try await rows("""
            SELECT DISTINCT kind COLLATE "C" FROM model_versions WHERE shop_id = \(shopID) ORDER BY 1
            """).map { try $0.decode(String.self) }
    }

    // MARK: Aliases

    public func modelAliases(shopID: Int64, kind: String?) async throws -> [ModelAlias] {
        try await rows("""
            SELECT shop_id, kind, name, version, updated_at FROM model_aliases
            WHERE shop_id = \(shopID) AND (\(kind)::text IS NULL OR kind = \(kind)::text)
            ORDER BY kind COLLATE "C", name COLLATE "C"
            """).map { row in
            let (shop, kind, name, version, updatedAt) = try row.decode((Int64, String, String, Int64, Int64).self)
            return ModelAlias(shopID: shop, kind: kind, name: name, version: Int(version), updatedAt: Date(storageMilliseconds: updatedAt))
        }
    }

    public func resolveAlias(shopID: Int64, kind: String, alias: String) async throws -> ModelVersion? {
        try await Self.modelVersionRows(rows("""
            SELECT \(unescaped: Self.versionColumns(full: true)) FROM model_versions
            WHERE shop_id = \(shopID) AND kind = \(kind)
              AND version = (SELECT version FROM model_aliases WHERE shop_id = \(shopID) AND kind = \(kind) AND name = \(alias))
            """), full: true).first
    }

    @discardableResult
    public func moveAliases(shopID: Int64, kind: String, _ changes: [AliasChange], actor: String, action: String, reason: String,
                            at: Date) async throws -> [AliasMove] {
        let atMilliseconds = at.storageMilliseconds
        // One transaction: a change that throws rolls back the ones applied before it.
        return try await transaction { connection in
            // One global lock: alias moves commit in the order their history ids were taken, so a replica
            // that has seen id N never later finds a smaller id appear (`latestAliasMoveID` is its cache
            // cursor). It also serializes the read-then-write of each alias. Alias moves are rare.
            try await connection.execute("SELECT pg_advisory_xact_lock(\(unescaped: LifecycleLock.aliasMoves), 0)", logger: logger)
            var moves: [AliasMove] = []
            for change in changes {
                let current = try await connection.scalar("""
                    SELECT version FROM model_aliases WHERE shop_id = \(shopID) AND kind = \(kind) AND name = \(change.alias)
                    """, logger: logger).map(Int.init)
                if let target = change.version {
                    let status = try await connection.rows("""
                        SELECT status FROM model_versions WHERE shop_id = \(shopID) AND kind = \(kind) AND version = \(Int64(target))
                        """, logger: logger).first?.decode(String.self)
                    guard status == ModelVersionStatus.ready.rawValue else {
                        throw StorageError.unknownModelVersion(shopID: shopID, kind: kind, version: target)
                    }
                }
                guard current != change.version else { continue }
                if let target = change.version {
                    try await connection.execute("""
                        INSERT INTO model_aliases (shop_id, kind, name, version, updated_at)
                        VALUES (\(shopID), \(kind), \(change.alias), \(Int64(target)), \(atMilliseconds))
                        ON CONFLICT (shop_id, kind, name) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
                        """, logger: logger)
                } else {
                    try await connection.execute("""
                        DELETE FROM model_aliases WHERE shop_id = \(shopID) AND kind = \(kind) AND name = \(change.alias)
                        """, logger: logger)
                }
                var move = AliasMove(shopID: shopID, kind: kind, alias: change.alias, fromVersion: current, toVersion: change.version,
                                     actor: actor, action: action, reason: reason, at: Date(storageMilliseconds: atMilliseconds))
                move.id = try await connection.scalar("""
                    INSERT INTO model_alias_history (shop_id, kind, alias, from_version, to_version, actor, action, reason, at)
                    VALUES (\(shopID), \(kind), \(change.alias), \(current.map(Int64.init)), \(change.version.map(Int64.init)),
                        \(actor), \(action), \(reason), \(atMilliseconds))
                    RETURNING id
                    """, logger: logger) ?? 0
                moves.append(move)
            }
            return moves
        }
    }

    public func aliasHistory(shopID: Int64, kind: String?, alias: String?, limit: Int) async throws -> [AliasMove] {
        try await rows("""
            SELECT id, shop_id, kind, alias, from_version, to_version, actor, action, reason, at FROM model_alias_history
            WHERE shop_id = \(shopID) AND (\(kind)::text IS NULL OR kind = \(kind)::text)
              AND (\(alias)::text IS NULL OR alias = \(alias)::text)
            ORDER BY id DESC LIMIT \(Int64(max(0, limit)))
            """).map { row in
            let (id, shop, kind, alias, from, to, actor, action, reason, at) =
                try row.decode((Int64, Int64, String, String, Int64?, Int64?, String, String, String, Int64).self)
            return AliasMove(id: id, shopID: shop, kind: kind, alias: alias, fromVersion: from.map(Int.init), toVersion: to.map(Int.init),
                             actor: actor, action: action, reason: reason, at: Date(storageMilliseconds: at))
        }
    }

    public func latestAliasMoveID() async throws -> Int64 {
        try await scalar("SELECT max(id) FROM model_alias_history") ?? 0
    }

    // MARK: Proposals

    public func createPromotionProposal(_ proposal: PromotionProposal) async throws -> PromotionProposal {
        try await transaction { connection in
            try await Self.requireLifecycleShop(connection, proposal.shopID, logger: logger)
            // Same lock as registration (shop × kind): two proposals created at once cannot both stay pending.
            try await connection.execute("""
                SELECT pg_advisory_xact_lock(\(unescaped: LifecycleLock.modelVersion), hashtext(\(proposal.shopID)::text || ':' || \(proposal.kind)))
                """, logger: logger)
            try await connection.execute("""
                UPDATE model_proposals SET status = 'superseded'
                WHERE shop_id = \(proposal.shopID) AND kind = \(proposal.kind) AND status = 'pending'
                """, logger: logger)
            var saved = proposal
            saved.status = .pending
            saved.createdAt = Date(storageMilliseconds: proposal.createdAt.storageMilliseconds)
            saved.decidedBy = nil; saved.decidedAt = nil; saved.decisionNote = nil
            saved.id = try await connection.scalar("""
                INSERT INTO model_proposals (shop_id, kind, version, champion_version, metric, candidate_value, champion_value,
                    reason, status, created_at)
                VALUES (\(proposal.shopID), \(proposal.kind), \(Int64(proposal.version)), \(proposal.championVersion.map(Int64.init)),
                    \(proposal.metric), \(proposal.candidateValue), \(proposal.championValue), \(proposal.reason), 'pending',
                    \(saved.createdAt.storageMilliseconds))
                RETURNING id
                """, logger: logger) ?? 0
            return saved
        }
    }

    public func promotionProposals(shopID: Int64, status: PromotionProposal.Status?, limit: Int) async throws -> [PromotionProposal] {
        let statusName = status?.rawValue
        return try await Self.promotionProposalRows(rows("""
            SELECT \(unescaped: Self.promotionProposalColumns) FROM model_proposals
            WHERE shop_id = \(shopID) AND (\(statusName)::text IS NULL OR status = \(statusName)::text)
            ORDER BY id DESC LIMIT \(Int64(max(0, limit)))
            """))
    }

    public func promotionProposal(shopID: Int64, id: Int64) async throws -> PromotionProposal? {
        try await Self.promotionProposalRows(rows("""
            SELECT \(unescaped: Self.promotionProposalColumns) FROM model_proposals WHERE shop_id = \(shopID) AND id = \(id)
            """)).first
    }

    public func decidePromotionProposal(shopID: Int64, id: Int64, status: PromotionProposal.Status, by: String, note: String?,
                                        at: Date) async throws -> Bool {
        // Conditional on 'pending' in one UPDATE: two people deciding at once, one wins.
        try await !rows("""
            UPDATE model_proposals SET status = \(status.rawValue), decided_by = \(by), decided_at = \(at.storageMilliseconds),
                decision_note = \(note)
            WHERE shop_id = \(shopID) AND id = \(id) AND status = 'pending'
            RETURNING id
            """).isEmpty
    }

    // MARK: Rollouts

    public func rolloutSetting(shopID: Int64, kind: String) async throws -> RolloutSetting {
        try await Self.rolloutRows(rows("""
            SELECT shop_id, kind, canary_percent, shadow, sample_rate, updated_at FROM model_rollouts
            WHERE shop_id = \(shopID) AND kind = \(kind)
            """)).first ?? RolloutSetting(shopID: shopID, kind: kind)
    }

    public func setRolloutSetting(_ setting: RolloutSetting) async throws {
        try await transaction { connection in
            try await Self.requireLifecycleShop(connection, setting.shopID, logger: logger)
            try await connection.execute("""
                INSERT INTO model_rollouts (shop_id, kind, canary_percent, shadow, sample_rate, updated_at)
                VALUES (\(setting.shopID), \(setting.kind), \(setting.canaryPercent), \(Int64(setting.shadow ? 1 : 0)),
                    \(setting.sampleRate), \(setting.updatedAt.storageMilliseconds))
                ON CONFLICT (shop_id, kind) DO UPDATE SET canary_percent = excluded.canary_percent, shadow = excluded.shadow,
                    sample_rate = excluded.sample_rate, updated_at = excluded.updated_at
                """, logger: logger)
        }
    }

    public func rolloutSettings() async throws -> [RolloutSetting] {
        try await Self.rolloutRows(rows("""
            SELECT shop_id, kind, canary_percent, shadow, sample_rate, updated_at FROM model_rollouts
            ORDER BY shop_id, kind COLLATE "C"
            """))
    }
}
