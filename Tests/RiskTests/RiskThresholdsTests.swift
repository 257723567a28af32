import Testing
@testable import Risk

@Suite("RiskThresholds")
struct RiskThresholdsTests {
    @Test("capacity 1 % / 5 % on 1,000 distinct scores flags exactly 10 HIGH and 50 MEDIUM or HIGH")
    func capacity() {
        // i · 0.618… mod 1 for i = 1…1000: distinct, spread over (0, 1).
        let scores = (1...1000).map { (Double($0) * 0.6180339887498949).truncatingRemainder(dividingBy: 1) }
        let t = RiskThresholds.fromReviewCapacity(probabilities: scores, highShare: 0.01, mediumShare: 0.05)
        let levels = scores.map(t.level)
        #expect(levels.count(where: { $0 == .high }) == 10)
        #expect(levels.count(where: { $0 >= .medium }) == 50)
        #expect(!levels.contains(.none))
        #expect(t.medium <= t.high)
        // The cut lies between the 10th and 11th highest scores.
        let sorted = scores.sorted(by: >)
        #expect(t.high > sorted[10] && t.high <= sorted[9])
    }

    @Test("ties at the cut are left unflagged: the share is an upper bound")
    func ties() {
        // 995 scores at 0.1, 5 at 0.9: 1 % = 10 would cut through the 0.1 plateau → only the 5 flagged.
        let scores = Array(repeating: 0.1, count: 995) + Array(repeating: 0.9, count: 5)
        let t = RiskThresholds.fromReviewCapacity(probabilities: scores, highShare: 0.01, mediumShare: 0.05)
        #expect(scores.count(where: { t.level($0) == .high }) == 5)
        #expect(scores.count(where: { t.level($0) >= .medium }) == 5)
        // All equal: nothing can be flagged within capacity.
        let flat = RiskThresholds.fromReviewCapacity(probabilities: Array(repeating: 0.2, count: 100), highShare: 0.01, mediumShare: 0.05)
        #expect(flat.level(0.2) == .low)
    }

    @Test("levels: NONE only for nothing to score")
    func levels() {
        let t = RiskThresholds(medium: 0.2, high: 0.6)
        #expect(t.level(.nan) == .none)
        #expect(t.level(0) == .low)
        #expect(t.level(0.2) == .medium)
        #expect(t.level(0.6) == .high)
    }
}
