import Monitoring
import Testing

/// Every expected number below is printed by `scripts/drift_expected.py <case>` (run with
/// `/tmp/ev/bin/python`, Evidently 0.7.23, scipy 1.17.1, numpy 2.4.6, pandas 2.3.3).
@Suite struct DriftStatisticsTests {
    typealias S = Samples

    // python3 scripts/drift_expected.py ks_equal  (n1 = n2 = 50: scipy's exact square formula)
    @Test func ksEqualSizesExact() {
        let r = DriftStatistics.ksTwoSample(S.seq(50, 13, 50, 10, 0), S.seq(50, 17, 50, 10, 1.2))
        #expect(isClose(r.statistic, 0.26))
        #expect(isClose(r.pValue, 0.06779471096995852, 1e-10))
    }

    // python3 scripts/drift_expected.py ks_unequal_ties  (integers with many ties; 40 vs 30 rows)
    @Test func ksUnequalSizesWithTies() {
        let r = DriftStatistics.ksTwoSample(S.seq(40, 7, 11, 1, 0), S.seq(30, 5, 9, 1, 1))
        #expect(isClose(r.statistic, 0.1))
        #expect(isClose(r.pValue, 0.9899269956492308, 1e-10))
    }

    // python3 scripts/drift_expected.py ks_drift
    @Test func ksUnequalSizesDrift() {
        let r = DriftStatistics.ksTwoSample(S.seq(80, 31, 100, 10, 0), S.seq(60, 37, 100, 10, 2.5))
        #expect(isClose(r.statistic, 0.275))
        #expect(isClose(r.pValue, 0.009228552246749106, 1e-10))
    }

    // python3 scripts/drift_expected.py ks_asymp_small_en ks_asymp_dmtw ks_asymp_pelzgood ks_asymp_smirnov
    // (a sample above 10 000 rows: scipy switches to kstwo.sf(d, round(m n / (m + n))))
    @Test(arguments: [
        (120, 10_500, 12.0, 0.14090476190476187, 0.01594319960691745),
        (120, 10_500, 5.0, 0.07095238095238088, 0.562574319084125),
        (600, 12_000, 4.0, 0.043333333333333335, 0.22725199221506043),
        (600, 12_000, 7.0, 0.07333333333333333, 0.004077788393178888),
    ])
    func ksAsymptotic(_ n1: Int, _ n2: Int, _ shift: Double, _ statistic: Double, _ pValue: Double) {
        let r = DriftStatistics.ksTwoSample(S.seq(n1, 7919, 1000, 10, 0), S.seq(n2, 104_729, 1000, 10, shift))
        #expect(isClose(r.statistic, statistic, 1e-12))
        #expect(isClose(r.pValue, pValue, 1e-6))
    }

    // python3 scripts/drift_expected.py chisquare
    @Test func chiSquare() {
        let p = DriftStatistics.chiSquarePValue(
            reference: S.cats(60, 7, 10, S.abcd), current: S.cats(45, 3, 7, S.abcd))
        #expect(isClose(p, 0.4922572257044271, 1e-10))
    }

    // python3 scripts/drift_expected.py auto_small_binary: a current value the reference never had gives
    // an infinite statistic and p = 0 in scipy (expected count 0).
    @Test func chiSquareUnseenValueIsZero() {
        #expect(DriftStatistics.chiSquarePValue(reference: ["a", "a", "b", "c"], current: ["a", "d", "b"]) == 0)
    }

    // python3 scripts/drift_expected.py ztest
    @Test func zTest() {
        let reference = (0..<80).map { ($0 * 7) % 10 < 4 ? "yes" : "no" }
        let current = (0..<50).map { ($0 * 3) % 10 < 6 ? "yes" : "no" }
        let p = DriftStatistics.proportionZTestPValue(reference: reference, current: current)
        #expect(isClose(p, 0.02633959913820605, 1e-10))
        #expect(DriftStatistics.proportionZTestPValue(reference: ["x", "x"], current: ["x"]) == 1)
    }

    // python3 scripts/drift_expected.py wasserstein
    @Test func wassersteinAndSturges() {
        let ref = S.seq(1500, 7919, 1000, 10, 0), cur = S.seq(1200, 104_729, 1000, 10, 6)
        #expect(isClose(DriftStatistics.wassersteinDistance(ref, cur), 5.900000000000001, 1e-9))
        #expect(isClose(DriftStatistics.normedWasserstein(reference: ref, current: cur), 0.20427971081195717, 1e-10))
        let edges = DriftStatistics.sturgesEdges(ref + cur)
        #expect(edges.count == 14)
        #expect(edges.first == 0.0)
        #expect(isClose(edges[1], 8.146153846153847, 1e-12))
        #expect(edges.last == 105.9)
    }

    // python3 scripts/drift_expected.py jensenshannon_plain  (scipy normalises the inputs first)
    @Test func jensenShannonPlain() {
        #expect(isClose(DriftStatistics.jensenShannonDistance([1, 2, 3, 0], [0, 3, 2, 2]), 0.41780905292687487, 1e-12))
        #expect(DriftStatistics.jensenShannonDistance([0.5, 0.5], [0.5, 0.5]) == 0)
    }

    // python3 scripts/drift_expected.py psi_zero_buckets: values 10 and 11 appear only in the current
    // sample; Evidently fills the empty reference buckets with 0.0001 before the log.
    @Test func psiFillsEmptyBuckets() throws {
        let detector = DriftDetector(options: .init(method: .psi))
        let drift = try detector.column(
            reference: .numerical("x", S.seq(200, 7, 10, 1, 0)), current: .numerical("x", S.seq(150, 5, 12, 1, 0)))
        #expect(isClose(drift.statistic, 1.1515484740341926, 1e-10))
        #expect(drift.drifted)
        // Hand case: shares (0.5, 0.5) vs (0.25, 0.75): 0.25 ln 2 + (−0.25) ln(2/3) = 0.27465307
        #expect(isClose(DriftStatistics.psi(referenceShares: [0.5, 0.5], currentShares: [0.25, 0.75]), 0.2746530721670274, 1e-12))
    }
}
