import Commerce
import Foundation
import Monitoring
import Pipeline
import Storage
import Testing

/// The training runner on the hand-made forecast shop with the real forecast kind.
@Suite struct TrainingRunnerTests {
    let t0 = SampleOrdersClock.t0

    func runner(_ store: SQLiteStore) -> TrainingRunner {
        let kinds = ModelKinds([ForecastKind(store: store, options: ForecastKindTests.options, method: ForecastKindTests.flat)])
        return TrainingRunner(store: store, kinds: kinds, options: LifecycleOptions())
    }

    func job(_ store: SQLiteStore, shopID: Int64, payload: String = #"{"kind":"forecast","trigger":"on-demand"}"#) async throws -> JobRecord {
        try await store.enqueueJob(JobDraft(shopID: shopID, type: "train", payload: payload, runAfter: t0, requestedBy: "cli:ana"), at: t0)
    }

    /// First version: promoted ("first version", actor scheduler, auto-promote), with its data
    /// identity and a drift reference of the 5 orders of the 28 days through 6 March. Second run
    /// on unchanged data: same projection digest and equal MASE, which is not better by 2 %, so
    /// it becomes the challenger with a proposal. Re-running the first job registers nothing new.
    @Test func firstPromotedThenProposedAndIdempotent() async throws {
        let (store, shopID) = try await ForecastKindTests.shop()
        let runner = runner(store)
        let first = try await job(store, shopID: shopID)
        let result = try await runner.run(first, heartbeat: {})
        #expect(result == #"{"decision":"promoted","reason":"forecast v1: first version","version":1}"#)
        let v1 = try #require(try await store.modelVersion(shopID: shopID, kind: "forecast", version: 1))
        #expect(v1.draft.jobID == first.id && v1.draft.createdBy == "cli:ana" && v1.draft.trigger == "on-demand")
        #expect(v1.draft.data.asOfDay == "2024-03-06" && v1.draft.data.eventCount == 6)
        #expect(v1.draft.primaryMetric == "mase" && !v1.draft.higherIsBetter && abs(v1.primaryValue! - 0.25) < 1e-12)
        #expect(v1.draft.catalog == (try await store.catalogSnapshot(shopID: shopID)))
        let reference = try JSONDecoder().decode([FeatureColumn].self, from: try #require(v1.draft.reference))
        #expect(reference.map(\.name) == ["order_total", "lines", "units", "channel", "discounted", "customer", "product_type"])
        #expect(reference.allSatisfy { $0.count == 5 })
        let championMove = try #require(try await store.aliasHistory(shopID: shopID, kind: "forecast", alias: "champion", limit: 5).first)
        #expect(championMove.actor == "scheduler" && championMove.action == "auto-promote" && championMove.toVersion == 1)

        let second = try await job(store, shopID: shopID)
        let outcome = try await runner.train(second, at: t0)
        #expect(outcome.version == 2 && outcome.decision == "proposed")
        #expect(outcome.reason == "forecast v2: mase 0.25 vs champion v1 0.25 — not better by 2 %; waiting for a person")
        let v2 = try #require(try await store.modelVersion(shopID: shopID, kind: "forecast", version: 2))
        #expect(v2.draft.data.projectionDigest == v1.draft.data.projectionDigest)
        let aliases = try await store.modelAliases(shopID: shopID, kind: "forecast")
        #expect(Dictionary(uniqueKeysWithValues: aliases.map { ($0.name, $0.version) }) == ["champion": 1, "challenger": 2])
        let proposal = try #require(try await store.promotionProposals(shopID: shopID, status: .pending, limit: 5).first)
        #expect(proposal.version == 2 && proposal.championVersion == 1 && proposal.metric == "mase")
        #expect(proposal.candidateValue == proposal.championValue && proposal.reason == outcome.reason)

        // A re-run of either job (its worker died after registering) trains nothing new.
        let again = try await runner.train(first, at: t0)
        #expect(again.version == 1 && again.decision == "promoted")
        let againSecond = try await runner.train(second, at: t0)
        #expect(againSecond == outcome)
        #expect(try await store.modelVersions(shopID: shopID, kind: "forecast", limit: 10).count == 2)
        #expect(try await store.promotionProposals(shopID: shopID, status: nil, limit: 10).count == 1)
    }

    /// A candidate better by the margin is promoted with the numbers in its reason.
    @Test func clearlyBetterIsAutoPromoted() async throws {
        let (store, shopID) = try await SQLiteStore.lifecycleShop()
        let runner = TrainingRunner(store: store, kinds: ModelKinds([LifecycleTestKind(values: [1.0, 0.97])]), options: LifecycleOptions())
        _ = try await runner.train(try await job(store, shopID: shopID), at: t0)
        let outcome = try await runner.train(try await job(store, shopID: shopID), at: t0)
        #expect(outcome == .init(version: 2, decision: "promoted", reason: "forecast v2: mase 0.97 vs champion v1 1, better by at least 2 %"))
        let aliases = try await store.modelAliases(shopID: shopID, kind: "forecast")
        #expect(Dictionary(uniqueKeysWithValues: aliases.map { ($0.name, $0.version) }) == ["champion": 2, "previous": 1])
    }

    /// A payload that cannot be read, or names no configured kind, fails the job permanently.
    @Test func badPayloadsArePermanent() async throws {
        let (store, shopID) = try await SQLiteStore.lifecycleShop()
        let runner = TrainingRunner(store: store, kinds: ModelKinds([LifecycleTestKind(values: [1])]), options: LifecycleOptions())
        for payload in ["not json", #"{"kind":"churn","trigger":"x"}"#] {
            let bad = try await job(store, shopID: shopID, payload: payload)
            await #expect { _ = try await runner.run(bad, heartbeat: {}) } throws: { ($0 as? JobFailure)?.permanent == true }
        }
    }
}

/// A fixed clock for the lifecycle tests.
enum SampleOrdersClock {
    static let t0 = Date(timeIntervalSince1970: 1_710_000_000)
}
