import CustomerValue
import Testing

@Suite struct RFMScorerTests {
    /// Ten customers with distinct values: ascending rank k scores 1 + ⌊5k/10⌋ = 1,1,2,2,3,3,4,4,5,5.
    /// Recency ranks on fewer days (0 days is the best); frequency and spend on more.
    @Test func quintilesByRankWithTiesSharingAScore() throws {
        let inputs = (0..<10).map { i in
            RFMScorer.Input(daysSinceLastPurchase: Double(i * 10), purchases: i + 1, spend: Double(100 - i))
        }
        let scores = try RFMScorer.score(inputs)
        #expect(scores.map(\.recency) == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1])
        #expect(scores.map(\.frequency) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect(scores.map(\.monetary) == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1])
        #expect(scores[0].code == "515")
        // Ties: five customers with one purchase and five with two; ranks 0–4 tie → all score 1 + 0 = 1,
        // ranks 5–9 tie → 1 + ⌊25/10⌋ = 3.
        let tied = try RFMScorer.score((0..<10).map { RFMScorer.Input(daysSinceLastPurchase: 1, purchases: $0 < 5 ? 1 : 2, spend: 1) })
        #expect(tied.map(\.frequency) == [1, 1, 1, 1, 1, 3, 3, 3, 3, 3])
        #expect(tied.allSatisfy { $0.recency == 1 && $0.monetary == 1 })
    }

    /// The grid of `RFMSegment`, corner by corner.
    @Test func segmentsFollowTheGrid() throws {
        let cases: [(Int, Int, RFMSegment)] = [
            (5, 5, .champion), (5, 4, .champion), (4, 5, .loyal), (3, 4, .loyal), (5, 3, .potentialLoyalist),
            (4, 2, .potentialLoyalist), (5, 1, .new), (4, 1, .promising), (3, 3, .needsAttention), (3, 1, .aboutToSleep),
            (2, 5, .cantLose), (1, 3, .atRisk), (2, 4, .atRisk), (1, 1, .hibernating), (2, 2, .hibernating),
        ]
        for (r, f, segment) in cases { #expect(try RFMSegment(recencyScore: r, frequencyScore: f) == segment, "\(r)\(f)") }
        // Every cell of the grid has exactly one segment, and every segment is used.
        var used = Set<RFMSegment>()
        for r in 1...5 { for f in 1...5 { used.insert(try RFMSegment(recencyScore: r, frequencyScore: f)) } }
        #expect(used == Set(RFMSegment.allCases))
    }

    @Test func badInputNamesTheField() {
        #expect(throws: CustomerValueError.self) { try RFMSegment(recencyScore: 0, frequencyScore: 3) }
        #expect(throws: CustomerValueError.self) {
            try RFMScorer.score([RFMScorer.Input(daysSinceLastPurchase: -1, purchases: 1, spend: 1)])
        }
        do {
            _ = try RFMScorer.score([RFMScorer.Input(daysSinceLastPurchase: 1, purchases: 0, spend: 1)])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("inputs[0].purchases"))
        }
    }
}
