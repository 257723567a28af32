import Testing
@testable import Recommendations

@Suite("Implicit ALS")
struct ImplicitALSTests {
    /// Hu, Koren & Volinsky's objective written out: Σ_{u,i} c_ui (p_ui − x_uᵀy_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²),
    /// c_ui = 1 + α r_ui, p_ui = 1[r_ui > 0], over every (u, i) pair, zeros included.
    static func loss(_ m: ImplicitInteractions, _ als: ImplicitALS, alpha: Double, lambda: Double) -> Double {
        var r = [Double](repeating: 0, count: m.users * m.items)
        for u in 0..<m.users { for e in m.rowStart[u]..<m.rowStart[u + 1] { r[u * m.items + Int(m.columns[e])] = Double(m.values[e]) } }
        var total = 0.0
        for u in 0..<m.users {
            for i in 0..<m.items {
                let rui = r[u * m.items + i]
                let c = 1 + alpha * rui, p = rui > 0 ? 1.0 : 0.0
                let d = p - Double(als.score(user: u, item: i))
                total += c * d * d
            }
        }
        total += lambda * (als.userFactors.reduce(0) { $0 + Double($1) * Double($1) }
                           + als.itemFactors.reduce(0) { $0 + Double($1) * Double($1) })
        return total
    }

    @Test("the loss decreases every iteration")
    func lossDecreases() {
        // A 30 × 20 matrix with a deterministic pattern of counts 1...3.
        var triples: [(user: Int32, item: Int32, count: Float)] = []
        for u in 0..<30 { for i in 0..<20 where (u * 7 + i * 3) % 5 == 0 { triples.append((Int32(u), Int32(i), Float(1 + (u + i) % 3))) } }
        let m = ImplicitInteractions(users: 30, items: 20, triples: triples)
        var losses: [Double] = []
        losses.append(Self.loss(m, .initial(users: 30, items: 20, factors: 4, seed: 42), alpha: 5, lambda: 0.1))
        _ = ImplicitALS.fit(interactions: m, factors: 4, regularization: 0.1, alpha: 5, iterations: 8, seed: 42, threads: 2) { _, als in
            losses.append(Self.loss(m, als, alpha: 5, lambda: 0.1))
        }
        #expect(losses.count == 9)
        for t in 1..<losses.count { #expect(losses[t] <= losses[t - 1] * (1 + 1e-5), "iteration \(t): \(losses[t - 1]) → \(losses[t])") }
        #expect(losses.last! < losses[0] / 2)
    }

    @Test("on two disjoint blocks, items' nearest neighbours stay in their block")
    func blocks() {
        // Users 0–9 buy among items 0–5, users 10–19 among items 6–11; nothing crosses.
        var triples: [(user: Int32, item: Int32, count: Float)] = []
        for u in 0..<20 {
            let base = u < 10 ? 0 : 6
            for j in 0..<6 where (u + j) % 3 != 0 { triples.append((Int32(u), Int32(base + j), 1)) }
        }
        let m = ImplicitInteractions(users: 20, items: 12, triples: triples)
        // Two factors, one per block: with more, ALS only needs each block's items orthogonal to the other
        // block's *users*, not to its items, so item–item cosine across blocks is left free.
        let als = ImplicitALS.fit(interactions: m, factors: 2, regularization: 0.1, alpha: 10, iterations: 15, seed: 3)
        let lists = als.itemNeighbours(k: 3)
        for i in 0..<12 {
            #expect(lists[i].count == 3)
            for n in lists[i] { #expect((n.item < 6) == (i < 6), "item \(i) → \(n.item)") }
        }
        // A user's recommendations also stay in the block.
        for item in als.recommend(user: 0, limit: 5) { #expect(item < 6) }
    }

    @Test("one half-step equals the 2 × 2 closed form")
    func halfStep() {
        // Fixed item factors y0 = (1, 1), y1 = (0, 1); α = 1, λ = 1.
        // User 0: r = (2, 0) → c = (3, 1), p = (1, 0).
        //   A = 3·y0y0ᵀ + y1y1ᵀ + I = [[4, 3], [3, 5]], det 11; b = 3·y0 = (3, 3)
        //   x = (1/11)·[[5, −3], [−3, 4]]·(3, 3) = (6/11, 3/11).
        // User 1: r = (0, 1) → c = (1, 2), p = (0, 1).
        //   A = y0y0ᵀ + 2·y1y1ᵀ + I = [[2, 1], [1, 4]], det 7; b = 2·y1 = (0, 2)
        //   x = (1/7)·[[4, −1], [−1, 2]]·(0, 2) = (−2/7, 4/7).
        let m = ImplicitInteractions(users: 2, items: 2, triples: [(0, 0, 2), (1, 1, 1)])
        let x = ImplicitALS.solve(m, fixed: [1, 1, 0, 1], factors: 2, regularization: 1, alpha: 1, threads: 1)
        let expected: [Float] = [6.0 / 11, 3.0 / 11, -2.0 / 7, 4.0 / 7]
        for d in 0..<4 { #expect(abs(x[d] - expected[d]) < 1e-6, "component \(d): \(x[d])") }
    }

    @Test("transpose and duplicate triples")
    func interactions() {
        let m = ImplicitInteractions(users: 2, items: 3, triples: [(1, 2, 1), (0, 1, 2), (1, 2, 3), (0, 0, 0)])
        #expect(m.rowStart == [0, 1, 2])
        #expect(m.columns == [1, 2] && m.values == [2, 4])
        let t = m.transposed()
        #expect(t.rowStart == [0, 0, 1, 2] && t.columns == [0, 1] && t.values == [2, 4])
    }
}
