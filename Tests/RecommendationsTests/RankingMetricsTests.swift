import Testing
@testable import Recommendations

@Suite("Ranking metrics")
struct RankingMetricsTests {
    // ranked 5, 3, 9, 1, 7 against relevant {1, 3, 8}: hits at positions 2 (item 3) and 4 (item 1).
    let ranked: [Int32] = [5, 3, 9, 1, 7]
    let relevant: [Int32] = [1, 3, 8]

    @Test("At k = 3: one hit at position 2")
    func atThree() {
        let m = RankingMetrics(ranked: ranked, relevant: relevant, k: 3)
        #expect(m.hit == 1)
        #expect(abs(m.precision - 1.0 / 3) < 1e-12)
        #expect(abs(m.recall - 1.0 / 3) < 1e-12)
        // DCG = 1/log2(3) = 0.63093; ideal over min(3, 3) = 3: 1 + 1/log2(3) + 1/log2(4) = 2.13093.
        #expect(abs(m.ndcg - 0.296_081_910_965_865_2) < 1e-12)
        #expect(m.reciprocalRank == 0.5)
    }

    @Test("At k = 5: two hits, at positions 2 and 4")
    func atFive() {
        let m = RankingMetrics(ranked: ranked, relevant: relevant, k: 5)
        #expect(m.hit == 1)
        #expect(abs(m.precision - 2.0 / 5) < 1e-12)
        #expect(abs(m.recall - 2.0 / 3) < 1e-12)
        // DCG = 1/log2(3) + 1/log2(5) = 1.06161; ideal 2.13093.
        #expect(abs(m.ndcg - 0.498_189_257_466_412_85) < 1e-12)
        #expect(m.reciprocalRank == 0.5)
    }

    @Test("A hit beyond k counts for the reciprocal rank only (it is over the whole list)")
    func beyondK() {
        let m = RankingMetrics(ranked: [5, 3, 9, 1], relevant: [1], k: 2)
        #expect(m == RankingMetrics(hit: 0, precision: 0, recall: 0, ndcg: 0, reciprocalRank: 0.25))
    }

    @Test("A repeated item counts once; the ideal DCG stops at k")
    func repeats() {
        // Hits: item 1 at position 1 only (its repeat at 2 is ignored; item 2 at 3 is beyond k = 2).
        // Ideal over min(2, 2) = 2 positions: 1 + 1/log2(3) = 1.63093 → NDCG = 1 / 1.63093.
        let m = RankingMetrics(ranked: [1, 1, 2], relevant: [1, 2], k: 2)
        #expect(m.precision == 0.5)
        #expect(m.recall == 0.5)
        #expect(abs(m.ndcg - 0.613_147_192_765_458_4) < 1e-12)
        #expect(m.reciprocalRank == 1)
    }

    @Test("A short list is not rewarded for being short; nothing relevant gives zeros")
    func shortAndEmpty() {
        #expect(RankingMetrics(ranked: [4], relevant: [4], k: 10)
            == RankingMetrics(hit: 1, precision: 0.1, recall: 1, ndcg: 1, reciprocalRank: 1))
        #expect(RankingMetrics(ranked: [4], relevant: [], k: 10) == .zero)
        #expect(RankingMetrics(ranked: [], relevant: [4], k: 10) == .zero)
    }
}
