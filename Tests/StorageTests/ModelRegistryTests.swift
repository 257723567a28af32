import Commerce
import Foundation
@testable import Storage
import Testing
import TestSupport

/// `ModelRegistry` on both backends (the conformance suite): version numbering, job idempotence, atomic alias moves and the
/// append-only history, proposals and rollouts.
@Suite struct ModelRegistryTests {
    let t0 = utc("2024-04-01T06:00:00Z")

    func makeStore(_ backend: Backend) async throws -> (store: any StorewiseStore, shopID: Int64, database: ConformanceDatabase) {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        return (database.store, shop.id, database)
    }

    func draft(shopID: Int64, kind: String = "forecast", jobID: Int64? = nil, run: Int64 = 1, mase: Double = 0.9,
               status: ModelVersionStatus = .ready) -> ModelVersionDraft {
        ModelVersionDraft(
            shopID: shopID, kind: kind, createdBy: "scheduler", trigger: "schedule", jobID: jobID,
            parameters: ["model": "SeasonalMean(7, 4)", "horizon": "28"],
            data: TrainingDataIdentity(firstEventID: 1, lastEventID: 40, eventCount: 40, projectionDigest: "abc", asOfDay: "2024-03-31"),
            holdoutMetrics: ["mase": mase, "bias": -0.25], primaryMetric: "mase", higherIsBetter: false,
            artifactURI: "forecast-run:\(run)", artifactDigest: "d\(run)", status: status, statusMessage: nil,
            summary: ["series": 12], catalog: [CatalogEntry(variantID: 11, productID: 1, priceMinor: 1999),
                                               CatalogEntry(variantID: -5, productID: Int64.max, priceMinor: 0)],
            reference: Data([1, 2, 3]))
    }

    @Test(arguments: Backend.all) func versionsNumberPerShopAndKindAndRoundTrip(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        let other = try await database.makeShop(domain: "other.myshopify.com")
        let v1 = try await store.registerModelVersion(draft(shopID: shopID), at: t0)
        let v2 = try await store.registerModelVersion(draft(shopID: shopID, run: 2), at: t0)
        let c1 = try await store.registerModelVersion(draft(shopID: shopID, kind: "customer-value"), at: t0)
        let o1 = try await store.registerModelVersion(draft(shopID: other.id), at: t0)
        #expect([v1.version, v2.version, c1.version, o1.version] as [Int] == [1, 2, 1, 1])
        #expect(v1.label == "forecast@v1")

        let read = try #require(try await store.modelVersion(shopID: shopID, kind: "forecast", version: 2))
        #expect(read == v2)
        #expect(read.draft.catalog.count == 2 && read.draft.catalog[1].productID == Int64.max)
        #expect(read.draft.reference == Data([1, 2, 3]))
        #expect(read.primaryValue == 0.9)

        // Listings leave the catalog and reference out.
        let listed = try await store.modelVersions(shopID: shopID, kind: "forecast", limit: 10)
        #expect(listed.map(\.version) == [2, 1])
        #expect(listed[0].draft.catalog.isEmpty && listed[0].draft.reference == nil)
        #expect(try await store.modelVersions(shopID: shopID, kind: nil, limit: 10).count == 3)
        #expect(try await store.modelKinds(shopID: shopID) == ["customer-value", "forecast"])
    }

    @Test(arguments: Backend.all) func theSameJobRegistersOnce(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let first = try await store.registerModelVersion(draft(shopID: shopID, jobID: 7, run: 1), at: t0)
        let again = try await store.registerModelVersion(draft(shopID: shopID, jobID: 7, run: 2), at: t0.addingTimeInterval(60))
        #expect(again == first)
        #expect(again.draft.artifactURI == "forecast-run:1")
        let next = try await store.registerModelVersion(draft(shopID: shopID, jobID: 8), at: t0)
        #expect(next.version == 2)
    }

    @Test(arguments: Backend.all) func anUnknownShopIsRefused(_ backend: Backend) async throws {
        let (store, _, database) = try await makeStore(backend)
        _ = database
        await #expect(throws: StorageError.unknownShop(id: 999)) {
            try await store.registerModelVersion(draft(shopID: 999), at: t0)
        }
    }

    @Test(arguments: Backend.all) func aliasesMoveTogetherAndRecordHistory(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        for run in 1...3 { _ = try await store.registerModelVersion(draft(shopID: shopID, run: Int64(run)), at: t0) }
        #expect(try await store.latestAliasMoveID() == 0)

        let first = try await store.moveAliases(shopID: shopID, kind: "forecast", [AliasChange(alias: "champion", version: 1)],
                                                actor: "scheduler", action: "auto-promote", reason: "first version", at: t0)
        #expect(first.count == 1 && first[0].fromVersion == nil && first[0].toVersion == 1)

        // A promotion: champion 1 → 2, previous → 1, challenger set to 3; three history rows.
        let promotion = try await store.moveAliases(shopID: shopID, kind: "forecast", [
            AliasChange(alias: "champion", version: 2), AliasChange(alias: "previous", version: 1),
            AliasChange(alias: "challenger", version: 3),
        ], actor: "alice", action: "promote", reason: "better mase", at: t0.addingTimeInterval(60))
        #expect(promotion.map(\.alias) == ["champion", "previous", "challenger"])
        #expect(promotion[0].fromVersion == 1 && promotion[0].toVersion == 2)
        #expect(try await store.resolveAlias(shopID: shopID, kind: "forecast", alias: "champion")?.version == 2)
        #expect(try await store.resolveAlias(shopID: shopID, kind: "forecast", alias: "champion")?.draft.catalog.count == 2)
        #expect(try await store.modelAliases(shopID: shopID, kind: nil).map(\.name) == ["challenger", "champion", "previous"])
        #expect(try await store.latestAliasMoveID() == promotion[2].id)

        // A no-op records nothing; removing an alias records a move to nil.
        let noop = try await store.moveAliases(shopID: shopID, kind: "forecast", [AliasChange(alias: "champion", version: 2)],
                                               actor: "alice", action: "set", reason: "again", at: t0)
        #expect(noop.isEmpty)
        let removed = try await store.moveAliases(shopID: shopID, kind: "forecast", [AliasChange(alias: "challenger", version: nil)],
                                                  actor: "alice", action: "remove", reason: "done", at: t0)
        #expect(removed.count == 1 && removed[0].fromVersion == 3 && removed[0].toVersion == nil)
        #expect(try await store.resolveAlias(shopID: shopID, kind: "forecast", alias: "challenger") == nil)

        let history = try await store.aliasHistory(shopID: shopID, kind: "forecast", alias: nil, limit: 10)
        #expect(history.count == 5)
        #expect(history.map(\.action) == ["remove", "promote", "promote", "promote", "auto-promote"])
        #expect(try await store.aliasHistory(shopID: shopID, kind: nil, alias: "champion", limit: 10).map(\.toVersion) == [2, 1])
    }

    @Test(arguments: Backend.all) func anInvalidTargetLeavesEverythingUntouched(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        for run in 1...2 { _ = try await store.registerModelVersion(draft(shopID: shopID, run: Int64(run)), at: t0) }
        _ = try await store.registerModelVersion(draft(shopID: shopID, run: 3, status: .failed), at: t0)
        try await store.moveAliases(shopID: shopID, kind: "forecast", [AliasChange(alias: "champion", version: 1)],
                                    actor: "a", action: "set", reason: "", at: t0)
        let aliasesBefore = try await store.modelAliases(shopID: shopID, kind: "forecast")
        let historyBefore = try await store.aliasHistory(shopID: shopID, kind: nil, alias: nil, limit: 100)

        // Third change names a version that does not exist: the first two must not stick.
        await #expect(throws: StorageError.unknownModelVersion(shopID: shopID, kind: "forecast", version: 9)) {
            try await store.moveAliases(shopID: shopID, kind: "forecast", [
                AliasChange(alias: "champion", version: 2), AliasChange(alias: "previous", version: 1),
                AliasChange(alias: "challenger", version: 9),
            ], actor: "a", action: "promote", reason: "", at: t0)
        }
        // A failed version, and one archived after registration, cannot be aliased.
        await #expect(throws: StorageError.unknownModelVersion(shopID: shopID, kind: "forecast", version: 3)) {
            try await store.moveAliases(shopID: shopID, kind: "forecast", [AliasChange(alias: "challenger", version: 3)],
                                        actor: "a", action: "challenger", reason: "", at: t0)
        }
        try await store.setModelVersionStatus(shopID: shopID, kind: "forecast", version: 2, status: .archived, message: "retired")
        #expect(try await store.modelVersion(shopID: shopID, kind: "forecast", version: 2)?.draft.statusMessage == "retired")
        await #expect(throws: StorageError.unknownModelVersion(shopID: shopID, kind: "forecast", version: 2)) {
            try await store.moveAliases(shopID: shopID, kind: "forecast", [AliasChange(alias: "champion", version: 2)],
                                        actor: "a", action: "promote", reason: "", at: t0)
        }
        #expect(try await store.modelAliases(shopID: shopID, kind: "forecast") == aliasesBefore)
        #expect(try await store.aliasHistory(shopID: shopID, kind: nil, alias: nil, limit: 100) == historyBefore)
    }

    @Test(arguments: Backend.all) func proposalsSupersedeAndAreDecidedOnce(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        func proposal(_ version: Int, kind: String = "forecast") -> PromotionProposal {
            PromotionProposal(shopID: shopID, kind: kind, version: version, championVersion: 1, metric: "mase",
                              candidateValue: 0.95, championValue: 0.97, reason: "within margin", createdAt: t0)
        }
        let p2 = try await store.createPromotionProposal(proposal(2))
        let c2 = try await store.createPromotionProposal(proposal(2, kind: "customer-value"))
        let p3 = try await store.createPromotionProposal(proposal(3))
        #expect(try await store.promotionProposal(shopID: shopID, id: p2.id)?.status == .superseded)
        #expect(try await store.promotionProposal(shopID: shopID, id: c2.id)?.status == .pending)
        #expect(try await store.promotionProposals(shopID: shopID, status: .pending, limit: 10).map(\.id) == [p3.id, c2.id])

        #expect(try await store.decidePromotionProposal(shopID: shopID, id: p3.id, status: .approved, by: "alice", note: "ok", at: t0))
        #expect(try await store.decidePromotionProposal(shopID: shopID, id: p3.id, status: .rejected, by: "bob", note: nil, at: t0) == false)
        #expect(try await store.decidePromotionProposal(shopID: shopID, id: p2.id, status: .approved, by: "bob", note: nil, at: t0) == false)
        let decided = try #require(try await store.promotionProposal(shopID: shopID, id: p3.id))
        #expect(decided.status == .approved && decided.decidedBy == "alice" && decided.decisionNote == "ok" && decided.decidedAt == t0)
    }

    @Test(arguments: Backend.all) func rolloutsDefaultAndPersist(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        #expect(try await store.rolloutSetting(shopID: shopID, kind: "forecast") == RolloutSetting(shopID: shopID, kind: "forecast"))
        let setting = RolloutSetting(shopID: shopID, kind: "forecast", canaryPercent: 10, shadow: true, sampleRate: 0.5, updatedAt: t0)
        try await store.setRolloutSetting(setting)
        try await store.setRolloutSetting(setting)
        #expect(try await store.rolloutSetting(shopID: shopID, kind: "forecast") == setting)
        #expect(try await store.rolloutSettings() == [setting])
    }

    @Test(arguments: Backend.all) func shopDeletionTakesTheRegistryWithIt(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = try await store.registerModelVersion(draft(shopID: shopID), at: t0)
        try await store.moveAliases(shopID: shopID, kind: "forecast", [AliasChange(alias: "champion", version: 1)],
                                    actor: "a", action: "set", reason: "", at: t0)
        try await store.setRolloutSetting(RolloutSetting(shopID: shopID, kind: "forecast"))
        _ = try await store.createPromotionProposal(PromotionProposal(
            shopID: shopID, kind: "forecast", version: 1, championVersion: nil, metric: "mase", candidateValue: nil,
            championValue: nil, reason: "", createdAt: t0))
        try await store.deleteShopData(shopID: shopID)
        for table in ["model_versions", "model_aliases", "model_alias_history", "model_proposals", "model_rollouts"] {
            #expect(try await database.count("SELECT count(*) FROM \(table)") == 0, "\(table)")
        }
    }

    @Test(arguments: Backend.all) func forecastRetentionKeepsRunsAnAliasServes(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        func save(keep: Int = 1) async throws -> Int64 {
            try await store.saveForecastRun(ForecastRun(
                shopID: shopID, modelName: "SeasonalMean(7, 4)", modelVersion: "1", createdAt: t0, asOfDay: "2024-03-31",
                horizon: 2, levels: [95], seriesCount: 0, failedCount: 0, status: .completed, durationSeconds: 0.1, metrics: [:]),
                series: [], keepRuns: keep).id
        }
        let served = try await save(keep: 10)
        let unaliased = try await save(keep: 10)
        _ = try await store.registerModelVersion(draft(shopID: shopID, run: served), at: t0)
        _ = try await store.registerModelVersion(draft(shopID: shopID, run: unaliased), at: t0)
        try await store.moveAliases(shopID: shopID, kind: "forecast", [AliasChange(alias: "champion", version: 1)],
                                    actor: "a", action: "set", reason: "", at: t0)
        // keepRuns 1: only the newest and the champion's run survive; a registered but unaliased run goes.
        let newest = try await save()
        let ids = try await store.forecastRuns(shopID: shopID, limit: 10).map(\.id)
        #expect(ids == [newest, served])
        #expect(!ids.contains(unaliased))

        // Once the alias moves away, the old run is retention's again.
        try await store.moveAliases(shopID: shopID, kind: "forecast", [AliasChange(alias: "champion", version: nil)],
                                    actor: "a", action: "remove", reason: "", at: t0)
        let last = try await save()
        #expect(try await store.forecastRuns(shopID: shopID, limit: 10).map(\.id) == [last])
    }

    /// Two clients (as two worker processes) registering versions of one shop × kind at once get
    /// distinct, consecutive numbers; a second client's alias moves keep the history cursor growing.
    @Test func twoPostgresClientsRegisterConsecutiveVersions() async throws {
        guard TestPostgres.isAvailable else { return TestPostgres.noteSkipped() }
        let clients = try await PostgresClients(count: 2)
        let shop = try await clients.stores[0].createShop(
            Shop(id: 9, domain: "demo.myshopify.com", name: "Demo", currency: "USD", timeZone: "America/New_York"),
            webhookSecret: "secret", apiTokenHash: "hash", at: t0)
        let t0 = self.t0
        let registered = try await withThrowingTaskGroup(of: [ModelVersion].self) { group in
            for (client, store) in clients.stores.enumerated() {
                group.addTask {
                    var mine: [ModelVersion] = []
                    for run in 0..<10 {
                        mine.append(try await store.registerModelVersion(
                            draft(shopID: shop.id, jobID: Int64(client * 100 + run), run: Int64(client * 100 + run)), at: t0))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [ModelVersion]()) { $0 += $1 }
        }
        #expect(registered.map(\.version).sorted() == Array(1...20))
        let listed = try await clients.stores[1].modelVersions(shopID: shop.id, kind: "forecast", limit: 100)
        #expect(listed.map(\.version) == Array((1...20).reversed()))
        // Each version is the one its job registered.
        for version in registered {
            #expect(listed.first { $0.version == version.version }?.draft.jobID == version.draft.jobID)
        }

        // Alias moves from both clients: the history ids a reader sees only grow.
        var seen: Int64 = 0
        for step in 1...6 {
            let store = clients.stores[step % 2]
            let moves = try await store.moveAliases(shopID: shop.id, kind: "forecast", [AliasChange(alias: "champion", version: step)],
                                                    actor: "a", action: "promote", reason: "", at: t0)
            let latest = try await clients.stores[(step + 1) % 2].latestAliasMoveID()
            #expect(latest == moves.last?.id && latest > seen)
            seen = latest
        }
    }
}
