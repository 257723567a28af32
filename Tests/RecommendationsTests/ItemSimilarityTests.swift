import Testing
@testable import Recommendations

@Suite("Item similarity")
struct ItemSimilarityTests {
    /// Customers u0: {0,1,2}, u1: {0,1}, u2: {1,2}, u3: {0,1,2,3}.
    /// C0 = {u0,u1,u3}, C1 = {u0,u1,u2,u3}, C2 = {u0,u2,u3}, C3 = {u3}.
    static func example(cap: Int = 200) -> ItemSimilarity {
        var similarity = ItemSimilarity(historyCap: cap)
        for (u, items) in [[0, 1, 2], [0, 1], [1, 2], [0, 1, 2, 3]].enumerated() {
            for item in items { similarity.add(customer: Int32(u), item: Int32(item)) }
        }
        return similarity
    }

    @Test("Cosine: shared customers / √(|C_a|·|C_b|)")
    func cosine() {
        let s = Self.example()
        #expect(s.customerCount(of: 1) == 4)
        #expect(s.sharedCustomers(0, 1) == 3)
        let list = s.neighbours(of: 0, measure: .cosine, minimumShared: 2, limit: 10)
        // 0–1: 3 / √(3·4) = 0.8660; 0–2: |{u0,u3}| = 2 / √(3·3) = 0.6667; 0–3 shares 1 customer (< 2).
        #expect(list.map(\.item) == [1, 2])
        #expect(list.map(\.count) == [3, 2])
        #expect(abs(list[0].score - 3 / 12.0.squareRoot()) < 1e-12)
        #expect(abs(list[1].score - 2.0 / 3) < 1e-12)
        #expect(s.neighbours(of: 0, measure: .cosine, minimumShared: 1, limit: 10).map(\.item) == [1, 2, 3])
        #expect(s.neighbours(of: 0, measure: .cosine, minimumShared: 1, limit: 1).map(\.item) == [1])
    }

    @Test("BM25: shared customers weighted (k1+1)/(k1·(1−b+b·L/L̄)+1), L̄ = 11/4")
    func bm25() {
        let s = Self.example()
        #expect(s.meanWindowLength == 2.75)
        // Window lengths 3, 2, 2, 4; k1 = 1.2, b = 0.75.
        let w0 = 2.2 / (1.2 * (0.25 + 0.75 * 3 / 2.75) + 1)   // 0.96414
        let w1 = 2.2 / (1.2 * (0.25 + 0.75 * 2 / 2.75) + 1)   // 1.12558
        let w3 = 2.2 / (1.2 * (0.25 + 0.75 * 4 / 2.75) + 1)   // 0.84321
        #expect(abs(ItemSimilarity.bm25Weight(length: 4, mean: 2.75, k1: 1.2, b: 0.75) - w3) < 1e-12)
        // A customer of average length weighs 1; ten times longer 2.2 / (1.2 · 7.75 + 1) = 0.2135.
        #expect(abs(ItemSimilarity.bm25Weight(length: 10, mean: 1, k1: 1.2, b: 0.75) - 2.2 / 10.3) < 1e-12)
        #expect(ItemSimilarity.bm25Weight(length: 3, mean: 3, k1: 1.2, b: 0.75) == 1)
        let list = s.neighbours(of: 0, measure: .bm25, k1: 1.2, b: 0.75, minimumShared: 2, limit: 10)
        #expect(list.map(\.item) == [1, 2])
        #expect(abs(list[0].score - (w0 + w1 + w3) / 12.0.squareRoot()) < 1e-12)   // 0.84667
        #expect(abs(list[1].score - (w0 + w3) / 3) < 1e-12)                       // 0.60245
    }

    @Test("add tells new pairs; a repeat purchase changes nothing; remove needs every basket back")
    func incremental() {
        var s = Self.example()
        #expect(s.add(customer: 1, item: 1) == false)       // u1 already had 1
        #expect(s.add(customer: 1, item: 2) == true)        // new: C2 gains u1
        #expect(s.sharedCustomers(0, 2) == 3)
        #expect(s.remove(customer: 1, item: 2) == true)
        #expect(s.sharedCustomers(0, 2) == 2)
        #expect(s.remove(customer: 1, item: 1) == false)    // still one basket left
        #expect(s.customerCount(of: 1) == 4)
        #expect(s.remove(customer: 1, item: 1) == true)
        #expect(s.customerCount(of: 1) == 3)
        #expect(s.remove(customer: 9, item: 1) == false)
    }

    @Test("The history cap keeps a customer's most recent distinct items; removal brings older ones back")
    func cap() {
        var s = ItemSimilarity(historyCap: 2)
        for item: Int32 in [0, 1, 2] { s.add(customer: 0, item: item) }
        #expect(s.history(of: 0) == [0, 1, 2])
        #expect(s.customerCount(of: 0) == 0)   // out of the window [1, 2]
        #expect(s.sharedCustomers(1, 2) == 1)
        #expect(s.meanWindowLength == 2)
        s.remove(customer: 0, item: 2)
        #expect(s.customerCount(of: 0) == 1)   // back in the window [0, 1]
        #expect(s.sharedCustomers(0, 1) == 1)
        s.remove(customer: 0, item: 0)
        #expect(s.meanWindowLength == 1)
        #expect(s.customerCount(of: 0) == 0)
        #expect(s.customerCount(of: 1) == 1)
    }
}
