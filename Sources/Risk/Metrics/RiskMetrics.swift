/// The fraud-detection metrics of the handbook's protocol (spec §7), matching scikit-learn's
/// definitions including ties.
public enum RiskMetrics {
    /// Area under the ROC curve: the probability that a random fraud scores above a random
    /// genuine row, ties counting one half (Mann–Whitney U with mid-ranks; equals scikit-learn's
    /// `roc_auc_score`, whose trapezoids through tied thresholds count ties as halves). NaN
    /// without both classes.
    public static func rocAUC(scores: [Double], labels: [Bool]) -> Double {
        precondition(scores.count == labels.count, "scores and labels differ in length")
        let positives = labels.count(where: { $0 }), negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return .nan }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let midRank = Double(i + j) / 2 + 1
            for r in i...j where labels[order[r]] { rankSum += midRank }
            i = j + 1
        }
        let p = Double(positives)
        return (rankSum - p * (p + 1) / 2) / (p * Double(negatives))
    }

    /// Average precision: Σ (Rₙ − Rₙ₋₁) · Pₙ over the distinct score thresholds, highest first
    /// (scikit-learn's `average_precision_score`, step-wise, not the trapezoid). NaN without a fraud.
    public static func averagePrecision(scores: [Double], labels: [Bool]) -> Double {
        precondition(scores.count == labels.count, "scores and labels differ in length")
        let positives = labels.count(where: { $0 })
        guard positives > 0 else { return .nan }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var tp = 0.0, fp = 0.0, previousRecall = 0.0, ap = 0.0
        var i = 0
        while i < order.count {
            let s = scores[order[i]]
            while i < order.count, scores[order[i]] == s {
                if labels[order[i]] { tp += 1 } else { fp += 1 }
                i += 1
            }
            let recall = tp / Double(positives)
            ap += (recall - previousRecall) * tp / (tp + fp)
            previousRecall = recall
        }
        return ap
    }

    /// Card precision@k with detected-card removal (spec §7): per day in increasing order, drop
    /// rows of cards already detected, score each card by its highest row score (label: any fraud
    /// row), take the top `k`, and count its fraudulent cards ÷ `k` (always `k`, even on a day with
    /// fewer cards); those cards count as detected from the next day on. Ties in card score keep
    /// the lower card number first (the handbook leaves tie order open).
    ///
    /// - Returns: the mean over days and each day's value, in day order.
    public static func cardPrecisionAtK(k: Int, days: [Int], cards: [Int64], scores: [Double], labels: [Bool]) -> (mean: Double, perDay: [Double]) {
        precondition(days.count == cards.count && cards.count == scores.count && scores.count == labels.count,
                     "days, cards, scores and labels differ in length")
        precondition(k > 0, "k must be positive")
        var rowsByDay: [Int: [Int]] = [:]
        for i in days.indices { rowsByDay[days[i], default: []].append(i) }
        var detected = Set<Int64>()
        var perDay: [Double] = []
        for day in rowsByDay.keys.sorted() {
            var best: [Int64: (score: Double, fraud: Bool)] = [:]
            for i in rowsByDay[day]! where !detected.contains(cards[i]) {
                let s = scores[i]
                if let b = best[cards[i]] {
                    best[cards[i]] = (max(b.score, s), b.fraud || labels[i])
                } else {
                    best[cards[i]] = (s, labels[i])
                }
            }
            let ranked = best.sorted { $0.value.score > $1.value.score || ($0.value.score == $1.value.score && $0.key < $1.key) }
            let top = ranked.prefix(k)
            let frauds = top.filter { $0.value.fraud }
            perDay.append(Double(frauds.count) / Double(k))
            for f in frauds { detected.insert(f.key) }
        }
        let mean = perDay.isEmpty ? Double.nan : perDay.reduce(0, +) / Double(perDay.count)
        return (mean, perDay)
    }
}
