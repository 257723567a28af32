import Foundation
import Pipeline
import Storage
import Testing

@Suite("RetrainDecision")
struct RetrainDecisionTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let day = 86_400.0
    static let catalog = (1...100).map { CatalogEntry(variantID: Int64($0), productID: Int64($0), priceMinor: 1000) }

    static func version(_ n: Int, createdAt: Date, catalog: [CatalogEntry] = catalog) -> ModelVersion {
        let draft = ModelVersionDraft(
            shopID: 1, kind: "forecast", createdBy: "scheduler", trigger: "initial", parameters: [:],
            data: TrainingDataIdentity(firstEventID: 1, lastEventID: 10, eventCount: 10, projectionDigest: "d"),
            holdoutMetrics: ["mase": 1], primaryMetric: "mase", higherIsBetter: false, artifactURI: "forecast-run:\(n)",
            artifactDigest: "a", catalog: catalog)
        return ModelVersion(id: Int64(n), version: n, createdAt: createdAt, draft: draft)
    }

    static func decide(latest: ModelVersion?, champion: Int? = 1, catalog: [CatalogEntry] = catalog,
                       drift: RetrainDecision.DriftSignal? = nil, now: Date) -> RetrainDecision? {
        RetrainDecision.decide(latest: latest, champion: champion, catalog: catalog, drift: drift, now: now,
                               cadenceDays: 7, catalogChangeThreshold: 0.05)
    }

    @Test("no version: initial")
    func initial() {
        #expect(Self.decide(latest: nil, champion: nil, now: Self.t0)?.trigger == "initial")
    }

    @Test("schedule: due exactly at createdAt + 7 days, not a second before")
    func schedule() {
        let v1 = Self.version(1, createdAt: Self.t0)
        #expect(Self.decide(latest: v1, now: Self.t0.addingTimeInterval(7 * Self.day - 1)) == nil)
        let due = Self.decide(latest: v1, now: Self.t0.addingTimeInterval(7 * Self.day))
        #expect(due?.trigger == "schedule")
        #expect(due?.reason == "forecast@v1 is older than the 7-day cadence")
    }

    @Test("catalog change: 6 of 100 variants (6.0 %) fires with the share in the reason; 5 of 100 does not")
    func catalogChange() {
        let v1 = Self.version(1, createdAt: Self.t0)
        var six = Self.catalog
        for i in 0..<6 { six[i].priceMinor = 1200 }
        let fired = Self.decide(latest: v1, catalog: six, now: Self.t0.addingTimeInterval(Self.day))
        #expect(fired?.trigger == "catalog-change")
        #expect(fired?.reason.contains("6.0 %") == true)
        var five = Self.catalog
        for i in 0..<5 { five[i].priceMinor = 1200 }
        #expect(Self.decide(latest: v1, catalog: five, now: Self.t0.addingTimeInterval(Self.day)) == nil)
    }

    @Test("drift: only dataset drift of the champion, when it is the newest version, reported after it was created")
    func drift() {
        let v2 = Self.version(2, createdAt: Self.t0)
        let now = Self.t0.addingTimeInterval(2 * Self.day)
        let after = Self.t0.addingTimeInterval(Self.day)
        let drifted = RetrainDecision.DriftSignal(createdAt: after, version: 2, datasetDrift: true, driftedColumns: 4, columnCount: 7)
        #expect(Self.decide(latest: v2, champion: 2, drift: drifted, now: now)?.trigger == "drift")
        // Not drifted, on another version than the champion, or measured before v2 existed: no retrain.
        var calm = drifted; calm.datasetDrift = false
        #expect(Self.decide(latest: v2, champion: 2, drift: calm, now: now) == nil)
        #expect(Self.decide(latest: v2, champion: 1, drift: drifted, now: now) == nil)
        var old = drifted; old.createdAt = Self.t0.addingTimeInterval(-60)
        #expect(Self.decide(latest: v2, champion: 2, drift: old, now: now) == nil)
        // Drift on champion v1 while v2 (trained after it) waits as challenger: no new retrain.
        var onV1 = drifted; onV1.version = 1
        #expect(Self.decide(latest: v2, champion: 1, drift: onV1, now: now) == nil)
    }

    @Test("precedence: initial, then catalog-change, then drift, then schedule")
    func precedence() {
        let v1 = Self.version(1, createdAt: Self.t0)
        let late = Self.t0.addingTimeInterval(30 * Self.day)
        let drifted = RetrainDecision.DriftSignal(createdAt: late, version: 1, datasetDrift: true)
        let newCatalog = Array(Self.catalog.dropFirst(10))
        #expect(Self.decide(latest: nil, catalog: newCatalog, drift: drifted, now: late)?.trigger == "initial")
        #expect(Self.decide(latest: v1, catalog: newCatalog, drift: drifted, now: late)?.trigger == "catalog-change")
        #expect(Self.decide(latest: v1, drift: drifted, now: late)?.trigger == "drift")
        #expect(Self.decide(latest: v1, now: late)?.trigger == "schedule")
    }
}
