import Monitoring
import Testing

/// Method, score and decision per case come from Evidently's own `_get_default_stattest` and stat
/// tests: `/tmp/ev/bin/python scripts/drift_expected.py <case>` (Evidently 0.7.23, scipy 1.17.1).
@Suite struct DriftDetectorTests {
    typealias S = Samples

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var reference: FeatureColumn
        var current: FeatureColumn
        var method: DriftMethod
        var score: Double
        var drifted: Bool
        var psi: Double
        var testDescription: String { name }
    }

    static let autoCases: [Case] = [
        Case(name: "auto_small_num_many", reference: .numerical("x", S.seq(200, 7919, 1000, 10, 0)),
             current: .numerical("x", S.seq(150, 104_729, 1000, 10, 5)),
             method: .ks, score: 0.8193679656642784, drifted: false, psi: 0.07629679455961019),
        Case(name: "auto_small_num_few", reference: .numerical("x", S.seq(200, 7, 4, 1, 0)),
             current: .numerical("x", S.capped(S.seq(150, 3, 5, 1, 0), 3)),
             method: .chiSquare, score: 0.0004398496528388289, drifted: true, psi: 0.10397207708399181),
        Case(name: "auto_small_binary", reference: .numerical("x", S.seq(200, 7, 2, 1, 0)),
             current: .numerical("x", S.capped(S.seq(150, 1, 3, 1, 0), 1)),
             method: .zTest, score: 0.0018205326093252427, drifted: true, psi: 0.11552453009332421),
        Case(name: "auto_small_cat_many", reference: .categorical("c", S.cats(200, 7, 10, S.abcd)),
             current: .categorical("c", S.cats(150, 3, 7, S.abcd)),
             method: .chiSquare, score: 0.04487738539113001, drifted: true, psi: 0.04972785554302252),
        Case(name: "auto_small_cat_binary", reference: .categorical("c", S.cats(200, 7, 10, ["x", "y"])),
             current: .categorical("c", S.cats(150, 3, 7, ["x", "y"])),
             method: .zTest, score: 0.1736527986211187, drifted: false, psi: 0.02166737561221463),
        Case(name: "auto_large_num_many", reference: .numerical("x", S.seq(1500, 7919, 1000, 10, 0)),
             current: .numerical("x", S.seq(1200, 104_729, 1000, 10, 2)),
             method: .wasserstein, score: 0.06578499161740993, drifted: false, psi: 0.011196018327037368),
        Case(name: "auto_large_num_few", reference: .numerical("x", S.seq(1500, 7, 4, 1, 0)),
             current: .numerical("x", S.capped(S.seq(1200, 3, 5, 1, 0), 3)),
             method: .jensenShannon, score: 0.11361171846241193, drifted: true, psi: 0.10397207708399181),
        Case(name: "auto_large_cat", reference: .categorical("c", S.cats(1500, 7919, 1000, S.five)),
             current: .categorical("c", S.cats(1200, 104_729, 7, S.five)),
             method: .jensenShannon, score: 0.12114960405316573, drifted: true, psi: 0.1180024141609703),
        Case(name: "no_drift", reference: .numerical("x", S.seq(300, 7919, 1000, 10, 0)),
             current: .numerical("x", S.seq(250, 104_729, 1000, 10, 0)),
             method: .ks, score: 1.0, drifted: false, psi: 0.0009553731279474867),
        Case(name: "clear_drift", reference: .numerical("x", S.seq(300, 7919, 1000, 10, 0)),
             current: .numerical("x", S.seq(250, 104_729, 1000, 10, 30)),
             method: .ks, score: 1.6038568968198193e-11, drifted: true, psi: 3.427420239800005),
    ]

    @Test(arguments: autoCases)
    func defaultSelectionMatchesEvidently(_ c: Case) throws {
        let drift = try DriftDetector().column(reference: c.reference, current: c.current)
        #expect(drift.method == c.method)
        #expect(isClose(drift.statistic, c.score, 1e-9))
        #expect(drift.drifted == c.drifted)
        #expect(isClose(drift.psi, c.psi, 1e-9))
        #expect(drift.bins.count <= 30)
    }

    // python3 scripts/drift_expected.py wasserstein: Sturges binning (> 20 reference values) for JS.
    @Test func jensenShannonOnSturgesBins() throws {
        let drift = try DriftDetector(options: .init(method: .jensenShannon)).column(
            reference: .numerical("x", S.seq(1500, 7919, 1000, 10, 0)),
            current: .numerical("x", S.seq(1200, 104_729, 1000, 10, 6)))
        #expect(isClose(drift.statistic, 0.13469915237022684, 1e-10))
        #expect(isClose(drift.psi, 0.15526838235604545, 1e-10))
        #expect(drift.bins.count == 13)
        #expect(isClose(drift.bins[0].referenceShare, 0.082, 1e-12))
        #expect(isClose(drift.bins[0].currentShare, 0.0225, 1e-12))
    }

    // Four columns, two of which drift per Evidently (auto_small_num_few, auto_small_binary drift;
    // auto_small_num_many, auto_small_cat_binary do not): share 2/4 = 0.5 >= drift_share 0.5.
    @Test func datasetDriftAtExactlyHalf() throws {
        let picked = Self.autoCases.filter {
            ["auto_small_num_many", "auto_small_num_few", "auto_small_binary", "auto_small_cat_binary"].contains($0.name)
        }
        let reference = picked.map { FeatureColumn(name: $0.name, values: $0.reference.values) }
        let current = picked.map { FeatureColumn(name: $0.name, values: $0.current.values) }.reversed()
        let report = try DriftDetector().dataset(reference: reference, current: Array(current))
        #expect(report.driftedCount == 2)
        #expect(report.share == 0.5)
        #expect(report.datasetDrift)
        let stricter = try DriftDetector(options: .init(driftShare: 0.51)).dataset(reference: reference, current: Array(current))
        #expect(!stricter.datasetDrift)
    }

    // Evidently's comparisons: ks at p <= threshold, chi-square and z at p < threshold, distances at >=.
    @Test func thresholdComparisons() throws {
        // Reference 0...9, current 5...14: KS D = 0.5, exact p = 0.16782134 (scipy ks_2samp);
        // at pValueThreshold equal to the p-value itself KS drifts (<=).
        let ref = (0..<10).map(Double.init), cur = (5..<15).map(Double.init)
        let p = DriftStatistics.ksTwoSample(ref, cur).pValue
        let atP = DriftDetector(options: .init(pValueThreshold: p))
        #expect(try atP.column(reference: .numerical("x", ref), current: .numerical("x", cur)).drifted)
        let z = DriftStatistics.proportionZTestPValue(reference: ["a", "b", "b"], current: ["a", "a", "b"])
        let atZ = DriftDetector(options: .init(pValueThreshold: z))
        #expect(try !atZ.column(reference: .categorical("c", ["a", "b", "b"]), current: .categorical("c", ["a", "a", "b"])).drifted)
    }

    /// 40 categories collapse to 29 named buckets plus "other" for charts; shares still sum to 1.
    @Test func chartBinsAreCapped() throws {
        let names = (0..<40).map { "k\($0)" }
        let drift = try DriftDetector().column(
            reference: .categorical("c", names), current: .categorical("c", names + ["k0"]))
        #expect(drift.bins.count == 30)
        #expect(drift.bins.last?.label == "other")
        #expect(isClose(drift.bins.map(\.referenceShare).reduce(0, +), 1, 1e-12))
        #expect(isClose(drift.bins.map(\.currentShare).reduce(0, +), 1, 1e-12))
        #expect(drift.uniqueValues == 40)
    }

    @Test func refusesBadInputNamingTheField() {
        #expect(throws: MonitoringError.invalidOption(field: "driftShare", reason: "must be in (0, 1], got 0.0")) {
            try DriftOptions(driftShare: 0).validate()
        }
        #expect(throws: MonitoringError.emptyColumn(name: "x", side: "current")) {
            try DriftDetector().column(reference: .numerical("x", [1, 2]), current: .numerical("x", [.nan]))
        }
        #expect(throws: MonitoringError.typeMismatch(name: "x")) {
            try DriftDetector().column(reference: .numerical("x", [1]), current: .categorical("x", ["a"]))
        }
        #expect(throws: MonitoringError.methodNotAllowed(name: "c", method: .ks)) {
            try DriftDetector(options: .init(method: .ks)).column(
                reference: .categorical("c", ["a"]), current: .categorical("c", ["b"]))
        }
        #expect(throws: MonitoringError.missingColumn(name: "y")) {
            try DriftDetector().dataset(reference: [.numerical("y", [1])], current: [.numerical("x", [1])])
        }
    }
}
