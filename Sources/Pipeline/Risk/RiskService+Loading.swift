import Foundation
import Risk
import Storage

extension RiskService {
    /// Warms the shop's state from its log on first use (one warm-up per shop at a time).
    func warm(shopID: Int64, excludingOrderID: Int64?) async throws {
        if let state = shops[shopID] {
            // Replayed again once a day: forgets what a redaction through another replica removed from the log.
            guard Date().timeIntervalSince(state.warmedAt) > options.rewarmSeconds else { return }
            shops[shopID] = nil
        }
        if let task = warming[shopID] {
            let state = try await task.value
            if shops[shopID] == nil { shops[shopID] = state }
            return
        }
        let store = self.store, logger = self.logger
        let retention = options.retentionDays
        let since = Date().addingTimeInterval(-Double(retention) * 86_400)
        let recentSince = Date().addingTimeInterval(-options.catchUpSettleSeconds)
        let task = Task<ShopRiskState, any Error> {
            guard let shop = try await store.shop(id: shopID) else { throw StorageError.unknownShop(id: shopID) }
            let history = try await RiskHistory.load(store: store, shopID: shopID, currency: shop.shop.currency, since: since,
                                                     excludingOrderID: excludingOrderID, logger: logger, recentSince: recentSince)
            var state = ShopRiskState.replaying(history, options: ShopRiskState.options(timeZone: shop.shop.timeZone, retentionDays: retention))
            state.startCatchUp(currency: shop.shop.currency, history: history)
            return state
        }
        warming[shopID] = task
        defer { warming[shopID] = nil }
        let state = try await task.value
        if shops[shopID] == nil { shops[shopID] = state }
    }

    /// The shop's scorer: the champion risk model, or rules alone; the registry is asked again
    /// after `championCheckSeconds`.
    func scorer(shopID: Int64, now: Date) async throws -> RiskScorer {
        if let cached = scorers[shopID], now.timeIntervalSince(cached.checkedAt) < options.championCheckSeconds,
           now >= cached.checkedAt {
            return cached.scorer
        }
        let scorer: RiskScorer
        if let champion = try await store.resolveAlias(shopID: shopID, kind: RiskKind.kindName, alias: ModelAlias.champion) {
            if let cached = scorers[shopID]?.scorer, cached.version == champion.version {
                scorer = cached
            } else {
                scorer = try await loadScorer(shopID: shopID, version: champion)
            }
        } else {
            scorer = .rules
        }
        scorers[shopID] = (scorer, now)
        return scorer
    }

    func loadScorer(shopID: Int64, version: ModelVersion) async throws -> RiskScorer {
        guard let id = RiskModelRecord.id(fromArtifactURI: version.draft.artifactURI),
              let record = try await store.riskModel(shopID: shopID, id: id) else {
            logger.error("risk champion's artifact is missing; scoring with rules", metadata: [
                "shop": "\(shopID)", "version": "\(version.version)", "artifact": "\(version.draft.artifactURI)",
            ])
            return .rules
        }
        do {
            let key = RiskModelHost.Key(shopID: shopID, digest: record.digest)
            let bytes = [UInt8](record.model)
            let rules = try await RiskModelHost.shared.load(key: key, bytes: bytes)
            return RiskScorer(version: version.version, model: (key, bytes), rules: rules)
        } catch {
            logger.error("risk champion does not load; scoring with rules", metadata: [
                "shop": "\(shopID)", "version": "\(version.version)", "error": "\(String(reflecting: error))",
            ])
            return .rules
        }
    }
}
