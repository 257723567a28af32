import Commerce
import Foundation
import Pipeline
import Storage
import Testing

/// Promotion, rollback, proposals and training requests on a real (in-memory) SQLite registry.
@Suite struct ModelLifecycleTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func lifecycle(_ store: SQLiteStore) -> ModelLifecycle {
        ModelLifecycle(store: store, kinds: ModelKinds([LifecycleTestKind(values: [1])]))
    }

    func aliases(_ store: SQLiteStore, _ shopID: Int64) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for alias in try await store.modelAliases(shopID: shopID, kind: "forecast") { result[alias.name] = alias.version }
        return result
    }

    /// Must-show: alias moves are recorded and rollback restores the previous champion.
    /// promote v1, v2, v3 → champion 3, previous 2; rollback → champion 2, previous 1;
    /// rollback → champion 1, previous none; a third rollback has nothing to go back to.
    @Test func promoteThenRollBackTwice() async throws {
        let (store, shopID) = try await SQLiteStore.lifecycleShop()
        for mase in [1.0, 0.9, 0.8] { _ = try await store.registerTestVersion(shopID: shopID, mase: mase) }
        let lifecycle = lifecycle(store)
        for v in 1...3 {
            try await lifecycle.promote(shopID: shopID, kind: "forecast", version: v, actor: "cli:ana", reason: "v\(v) is better",
                                        at: t0.addingTimeInterval(Double(v)))
        }
        #expect(try await aliases(store, shopID) == ["champion": 3, "previous": 2])

        try await lifecycle.rollback(shopID: shopID, kind: "forecast", actor: "cli:bo", reason: "v3 misses Mondays", at: t0.addingTimeInterval(10))
        #expect(try await aliases(store, shopID) == ["champion": 2, "previous": 1])

        try await lifecycle.rollback(shopID: shopID, kind: "forecast", actor: "cli:bo", reason: "v2 too", at: t0.addingTimeInterval(20))
        #expect(try await aliases(store, shopID) == ["champion": 1])
        await #expect(throws: LifecycleError.noPrevious(kind: "forecast")) {
            try await lifecycle.rollback(shopID: shopID, kind: "forecast", actor: "cli:bo", reason: "again", at: self.t0.addingTimeInterval(30))
        }

        // Every move, oldest first: alias, from → to, action, actor, reason.
        let history = try await store.aliasHistory(shopID: shopID, kind: "forecast", alias: nil, limit: 100).reversed()
        let rows = history.map { "\($0.alias) \($0.fromVersion.map(String.init) ?? "-")→\($0.toVersion.map(String.init) ?? "-") \($0.action) \($0.actor) \($0.reason)" }
        #expect(rows == [
            "champion -→1 promote cli:ana v1 is better",
            "champion 1→2 promote cli:ana v2 is better",
            "previous -→1 promote cli:ana v2 is better",
            "champion 2→3 promote cli:ana v3 is better",
            "previous 1→2 promote cli:ana v3 is better",
            "champion 3→2 rollback cli:bo v3 misses Mondays",
            "previous 2→1 rollback cli:bo v3 misses Mondays",
            "champion 2→1 rollback cli:bo v2 too",
            "previous 1→- rollback cli:bo v2 too",
        ])
    }

    /// Promoting the challenger removes it; promoting an unknown version or kind changes nothing.
    @Test func promoteChallengerAndErrors() async throws {
        let (store, shopID) = try await SQLiteStore.lifecycleShop()
        for mase in [1.0, 0.9] { _ = try await store.registerTestVersion(shopID: shopID, mase: mase) }
        let lifecycle = lifecycle(store)
        try await lifecycle.promote(shopID: shopID, kind: "forecast", version: 1, actor: "a", reason: "first", at: t0)
        try await store.moveAliases(shopID: shopID, kind: "forecast", [AliasChange(alias: "challenger", version: 2)],
                                    actor: "scheduler", action: "challenger", reason: "candidate", at: t0)
        try await lifecycle.promote(shopID: shopID, kind: "forecast", version: 2, actor: "a", reason: "second", at: t0)
        #expect(try await aliases(store, shopID) == ["champion": 2, "previous": 1])

        await #expect(throws: LifecycleError.unknownVersion(kind: "forecast", version: 9)) {
            try await lifecycle.promote(shopID: shopID, kind: "forecast", version: 9, actor: "a", reason: "?", at: self.t0)
        }
        await #expect(throws: LifecycleError.unknownKind("churn")) {
            try await lifecycle.promote(shopID: shopID, kind: "churn", version: 1, actor: "a", reason: "?", at: self.t0)
        }
        await #expect(throws: LifecycleError.unknownKind("churn")) {
            _ = try await lifecycle.requestTraining(shopID: shopID, kind: "churn", trigger: "on-demand", requestedBy: "cli")
        }
        #expect(try await aliases(store, shopID) == ["champion": 2, "previous": 1])
    }

    /// Approving a proposal promotes its version and records the approval; rejecting one moves
    /// nothing; a decided proposal cannot be decided again.
    @Test func proposals() async throws {
        let (store, shopID) = try await SQLiteStore.lifecycleShop()
        for mase in [1.0, 0.99, 0.995] { _ = try await store.registerTestVersion(shopID: shopID, mase: mase) }
        let lifecycle = lifecycle(store)
        try await lifecycle.promote(shopID: shopID, kind: "forecast", version: 1, actor: "a", reason: "first", at: t0)
        let proposal = try await store.createPromotionProposal(PromotionProposal(
            shopID: shopID, kind: "forecast", version: 2, championVersion: 1, metric: "mase", candidateValue: 0.99, championValue: 1,
            reason: "not better by 2 %", createdAt: t0))
        let moves = try await lifecycle.decideProposal(shopID: shopID, id: proposal.id, approve: true, by: "api:7", note: "fine", at: t0)
        #expect(moves.map(\.alias).sorted() == ["champion", "previous"])
        #expect(moves.allSatisfy { $0.actor == "api:7" && $0.reason == "proposal \(proposal.id) approved: fine" })
        #expect(try await aliases(store, shopID) == ["champion": 2, "previous": 1])
        let approved = try #require(try await store.promotionProposal(shopID: shopID, id: proposal.id))
        #expect(approved.status == .approved && approved.decidedBy == "api:7")
        await #expect(throws: LifecycleError.proposalNotPending(id: proposal.id)) {
            try await lifecycle.decideProposal(shopID: shopID, id: proposal.id, approve: false, by: "api:7", note: nil, at: self.t0)
        }

        let second = try await store.createPromotionProposal(PromotionProposal(
            shopID: shopID, kind: "forecast", version: 3, championVersion: 2, metric: "mase", candidateValue: 0.995, championValue: 0.99,
            reason: "worse", createdAt: t0))
        let historyBefore = try await store.aliasHistory(shopID: shopID, kind: "forecast", alias: nil, limit: 100).count
        #expect(try await lifecycle.decideProposal(shopID: shopID, id: second.id, approve: false, by: "cli:ana", note: "no", at: t0).isEmpty)
        #expect(try await aliases(store, shopID) == ["champion": 2, "previous": 1])
        #expect(try await store.aliasHistory(shopID: shopID, kind: "forecast", alias: nil, limit: 100).count == historyBefore)
        #expect(try await store.promotionProposal(shopID: shopID, id: second.id)?.status == .rejected)
        await #expect(throws: LifecycleError.unknownProposal(id: 999)) {
            try await lifecycle.decideProposal(shopID: shopID, id: 999, approve: true, by: "a", note: nil, at: self.t0)
        }
    }

    /// A training request queues one "train" job with the payload; asking again while it is
    /// queued returns the same job.
    @Test func requestTrainingDeduplicates() async throws {
        let (store, shopID) = try await SQLiteStore.lifecycleShop()
        let lifecycle = lifecycle(store)
        let job = try await lifecycle.requestTraining(shopID: shopID, kind: "forecast", trigger: "on-demand", requestedBy: "cli:ana",
                                                      parameters: ["horizon": "14"], at: t0)
        #expect(job.draft.type == "train" && job.draft.dedupeKey == "train:\(shopID):forecast" && job.draft.maxAttempts == 5)
        #expect(job.draft.payload == #"{"kind":"forecast","parameters":{"horizon":"14"},"trigger":"on-demand"}"#)
        #expect(job.draft.requestedBy == "cli:ana")
        let again = try await lifecycle.requestTraining(shopID: shopID, kind: "forecast", trigger: "schedule", requestedBy: "scheduler", at: t0)
        #expect(again.id == job.id)
    }
}
