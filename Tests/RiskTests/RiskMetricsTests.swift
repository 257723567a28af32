import Testing
@testable import Risk

@Suite("RiskMetrics")
struct RiskMetricsTests {
    // Ten rows with ties across classes (0.4 held by two frauds and a genuine row, 0.35 by two genuine rows).
    let labels = [false, true, false, true, true, false, false, true, false, false]
    let scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.05, 0.9, 0.35, 0.6]

    @Test("AUC ROC equals scikit-learn's roc_auc_score, ties included")
    func auc() {
        // python3 -c "from sklearn.metrics import roc_auc_score as f; print(f([0,1,0,1,1,0,0,1,0,0],
        //   [0.1,0.4,0.35,0.8,0.4,0.4,0.05,0.9,0.35,0.6]))"  → 0.875 (scikit-learn 1.9.1)
        #expect(abs(RiskMetrics.rocAUC(scores: scores, labels: labels) - 0.875) < 1e-12)
        // python3 -c "from sklearn.metrics import roc_auc_score as f; print(f([1,0,1,0,0,1],[0.5,0.5,0.5,0.5,0.2,0.9]))" → 0.7777777777777778
        #expect(abs(RiskMetrics.rocAUC(scores: [0.5, 0.5, 0.5, 0.5, 0.2, 0.9], labels: [true, false, true, false, false, true]) - 0.7777777777777778) < 1e-12)
        #expect(RiskMetrics.rocAUC(scores: [0.1, 0.2], labels: [false, false]).isNaN)
    }

    @Test("average precision equals scikit-learn's step-wise average_precision_score, ties included")
    func averagePrecision() {
        // python3 -c "from sklearn.metrics import average_precision_score as f; print(f([0,1,0,1,1,0,0,1,0,0],
        //   [0.1,0.4,0.35,0.8,0.4,0.4,0.05,0.9,0.35,0.6]))"  → 0.8333333333333333
        #expect(abs(RiskMetrics.averagePrecision(scores: scores, labels: labels) - 0.8333333333333333) < 1e-12)
        // By hand: 0.9 (fraud) → P 1, R 1/3; the 0.5 group (2 frauds, 2 genuine) → P 3/5, R 1;
        // AP = 1/3 · 1 + 2/3 · 3/5 = 0.7333…; scikit-learn prints 0.7333333333333334.
        #expect(abs(RiskMetrics.averagePrecision(scores: [0.5, 0.5, 0.5, 0.5, 0.2, 0.9], labels: [true, false, true, false, false, true]) - 0.7333333333333334) < 1e-12)
        // Every score equal: AP is the fraud rate (the spec's "random" row).
        #expect(abs(RiskMetrics.averagePrecision(scores: [0.5, 0.5, 0.5, 0.5], labels: [true, false, false, false]) - 0.25) < 1e-12)
    }

    @Test("card precision@k on a hand-built two-day example, detected cards removed")
    func cardPrecision() {
        // Day 0: card 1 (0.9 fraud, 0.3 genuine), card 2 (0.8 genuine), card 3 (0.7 fraud), card 4 (0.1 fraud).
        // Day 1: card 1 (0.95 fraud), card 3 (0.6 fraud), card 4 (0.9 fraud), card 5 (0.6 genuine), card 2 (0.2 genuine).
        let days = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
        let cards: [Int64] = [1, 1, 2, 3, 4, 1, 3, 4, 5, 2]
        let scores = [0.9, 0.3, 0.8, 0.7, 0.1, 0.95, 0.6, 0.9, 0.6, 0.2]
        let labels = [true, false, false, true, true, true, true, true, false, false]
        // k = 2. Day 0: top cards 1 (0.9), 2 (0.8) → 1 fraud / 2 = 0.5; card 1 detected.
        // Day 1: card 1 dropped; top 4 (0.9), then 3 and 5 tie at 0.6 → lower card number 3 → 2 / 2 = 1.
        let two = RiskMetrics.cardPrecisionAtK(k: 2, days: days, cards: cards, scores: scores, labels: labels)
        #expect(two.perDay == [0.5, 1.0])
        #expect(two.mean == 0.75)
        // k = 10 divides by 10 on days with fewer cards. Day 0: frauds 1, 3, 4 → 0.3, all detected.
        // Day 1: cards 5 and 2 remain, neither fraud → 0.
        let ten = RiskMetrics.cardPrecisionAtK(k: 10, days: days, cards: cards, scores: scores, labels: labels)
        #expect(ten.perDay == [0.3, 0.0])
        #expect(abs(ten.mean - 0.15) < 1e-12)
    }
}
