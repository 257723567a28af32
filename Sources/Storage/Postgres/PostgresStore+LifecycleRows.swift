import Foundation
import Logging
import PostgresNIO

/// Decoding the registry's rows: explicit column lists and the tuples that read them.
extension PostgresStore {
    /// The columns `versions` decodes; listings leave out the catalog and reference BYTEAs.
    static func versionColumns(full: Bool) -> String {
        SQLiteStore.versionListColumns + (full ? ", catalog, reference" : "")
    }

    /// Rows of `versionColumns(full:)` as versions; `full` reads catalog and reference too.
    static func modelVersionRows(_ rows: [PostgresRow], full: Bool) throws -> [ModelVersion] {
        try rows.map { row in
            var cells = row.makeIterator()
            func next<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
                guard let cell = cells.next() else { throw PostgresStoreError("model_versions: fewer columns than decoded") }
                return try cell.decode(T.self)
            }
            let id: Int64 = try next(), shopID: Int64 = try next(), kind: String = try next(), version: Int64 = try next()
            let createdAt: Int64 = try next(), createdBy: String = try next(), trigger: String = try next()
            let jobID: Int64? = try next(), parameters: String = try next()
            let firstEventID: Int64 = try next(), lastEventID: Int64 = try next(), eventCount: Int64 = try next()
            let digest: String = try next(), asOfDay: String? = try next(), metrics: String = try next()
            let primaryMetric: String = try next(), higherIsBetter: Int64 = try next(), artifactURI: String = try next()
            let artifactDigest: String = try next(), status: String = try next(), statusMessage: String? = try next()
            let summary: String = try next()
            let catalog: Data? = full ? try next() : nil
            let reference: Data? = full ? try next() : nil
            let data = TrainingDataIdentity(firstEventID: firstEventID, lastEventID: lastEventID, eventCount: Int(eventCount),
                                            projectionDigest: digest, asOfDay: asOfDay)
            let draft = ModelVersionDraft(
                shopID: shopID, kind: kind, createdBy: createdBy, trigger: trigger, jobID: jobID,
                parameters: JSONColumn.decode([String: String].self, parameters) ?? [:], data: data,
                holdoutMetrics: SQLiteStore.decodeMetrics(metrics), primaryMetric: primaryMetric, higherIsBetter: higherIsBetter != 0,
                artifactURI: artifactURI, artifactDigest: artifactDigest, status: ModelVersionStatus(rawValue: status) ?? .failed,
                statusMessage: statusMessage, summary: SQLiteStore.decodeMetrics(summary),
                catalog: full ? SQLiteStore.catalogEntries(catalog) : [], reference: full ? reference : nil)
            return ModelVersion(id: id, version: Int(version), createdAt: Date(storageMilliseconds: createdAt), draft: draft)
        }
    }

    static let promotionProposalColumns = """
        id, shop_id, kind, version, champion_version, metric, candidate_value, champion_value, reason, status, created_at,
        decided_by, decided_at, decision_note
        """

    static func promotionProposalRows(_ rows: [PostgresRow]) throws -> [PromotionProposal] {
        try rows.map { row in
            let (id, shopID, kind, version, champion, metric, candidate, championValue, reason, status, createdAt,
                 decidedBy, decidedAt, note) = try row.decode(
                (Int64, Int64, String, Int64, Int64?, String, Double?, Double?, String, String, Int64, String?, Int64?, String?).self)
            return PromotionProposal(
                id: id, shopID: shopID, kind: kind, version: Int(version), championVersion: champion.map(Int.init), metric: metric,
                candidateValue: candidate, championValue: championValue, reason: reason,
                status: PromotionProposal.Status(rawValue: status) ?? .superseded, createdAt: Date(storageMilliseconds: createdAt),
                decidedBy: decidedBy, decidedAt: decidedAt.map(Date.init(storageMilliseconds:)), decisionNote: note)
        }
    }

    /// Rows of `shop_id, kind, canary_percent, shadow, sample_rate, updated_at`.
    static func rolloutRows(_ rows: [PostgresRow]) throws -> [RolloutSetting] {
        try rows.map { row in
            let (shopID, kind, canary, shadow, sampleRate, updatedAt) = try row.decode((Int64, String, Double, Int64, Double, Int64).self)
            return RolloutSetting(shopID: shopID, kind: kind, canaryPercent: canary, shadow: shadow != 0, sampleRate: sampleRate,
                                  updatedAt: Date(storageMilliseconds: updatedAt))
        }
    }
}
