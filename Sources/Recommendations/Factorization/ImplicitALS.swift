#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren & Volinsky 2008).
///
/// Minimises Σ_{u,i} c_ui (p_ui − x_uᵀy_i)² + λ (Σ‖x_u‖² + Σ‖y_i‖²) with p_ui = 1[r_ui > 0] and
/// confidence c_ui = 1 + α r_ui (or 1 + α log(1 + r_ui/ε) with `logScale`). Each half-step solves
/// (YᵀY + Yᵀ(Cᵘ − I)Y + λI) x_u = YᵀCᵘp(u) per user, touching only the user's nonzero items, by Cholesky.
///
/// ```swift
/// let als = ImplicitALS.fit(interactions: m, factors: 32, regularization: 0.1, alpha: 10, iterations: 10)
/// let lists = als.itemNeighbours(k: 20)   // fills RecommendationModel.alsoBought
/// ```
public struct ImplicitALS: Sendable {
    public let factors: Int
    public let users: Int
    public let items: Int
    /// users × factors, row-major.
    public var userFactors: [Float]
    /// items × factors, row-major.
    public var itemFactors: [Float]

    public init(factors: Int, users: Int, items: Int, userFactors: [Float], itemFactors: [Float]) {
        precondition(userFactors.count == users * factors && itemFactors.count == items * factors, "factor matrix sizes")
        self.factors = factors; self.users = users; self.items = items
        self.userFactors = userFactors; self.itemFactors = itemFactors
    }

    /// Deterministic small random factors (SplitMix64), uniform in ±0.01·(1/√f)… scaled so dot products start near 0.
    public static func initial(users: Int, items: Int, factors: Int, seed: UInt64) -> ImplicitALS {
        var state = seed
        func next() -> Float {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Float(z >> 40) / Float(1 << 24)
        }
        let scale = 0.1 / Float(factors).squareRoot()
        let u = (0..<(users * factors)).map { _ in (next() - 0.5) * scale }
        let i = (0..<(items * factors)).map { _ in (next() - 0.5) * scale }
        return ImplicitALS(factors: factors, users: users, items: items, userFactors: u, itemFactors: i)
    }

    /// Confidence minus one for a raw count: α r, or α log(1 + r / ε) with `logScale = ε`.
    static func extra(_ r: Float, alpha: Float, logScale: Float?) -> Float {
        if let eps = logScale { return alpha * logf(1 + r / eps) }
        return alpha * r
    }

    /// Fits from the seeded start; `progress(iteration)` after each full iteration (users then items).
    public static func fit(interactions: ImplicitInteractions, factors: Int, regularization: Float, alpha: Float,
                           iterations: Int, logScale: Float? = nil, seed: UInt64 = 42, threads: Int = 2,
                           progress: ((Int, ImplicitALS) -> Void)? = nil) -> ImplicitALS {
        var model = initial(users: interactions.users, items: interactions.items, factors: factors, seed: seed)
        let byItem = interactions.transposed()
        for iteration in 0..<iterations {
            model.userFactors = solve(interactions, fixed: model.itemFactors, factors: factors, regularization: regularization,
                                      alpha: alpha, logScale: logScale, threads: threads)
            model.itemFactors = solve(byItem, fixed: model.userFactors, factors: factors, regularization: regularization,
                                      alpha: alpha, logScale: logScale, threads: threads)
            progress?(iteration + 1, model)
        }
        return model
    }

    /// One half-step: the rows of `m` (users, or items with `m` transposed) re-solved against the fixed other side.
    public static func solve(_ m: ImplicitInteractions, fixed y: [Float], factors f: Int, regularization: Float,
                             alpha: Float, logScale: Float? = nil, threads: Int = 2) -> [Float] {
        let rows = m.users
        // YᵀY once, shared by every row (Double so the sums of many small products stay exact enough).
        var gram = [Double](repeating: 0, count: f * f)
        for j in 0..<m.items {
            let base = j * f
            for a in 0..<f {
                let ya = Double(y[base + a])
                for b in a..<f { gram[a * f + b] += ya * Double(y[base + b]) }
            }
        }
        for a in 0..<f { for b in 0..<a { gram[a * f + b] = gram[b * f + a] } }
        let sharedGram = gram
        let threadCount = max(1, min(threads, rows / 64 + 1))
        let parts = Mutex([[(Int, [Float])]](repeating: [], count: threadCount))
        DispatchQueue.concurrentPerform(iterations: threadCount) { t in
            var a = [Double](repeating: 0, count: f * f)
            var rhs = [Double](repeating: 0, count: f)
            var block: [(Int, [Float])] = []
            var start = t * 64
            while start < rows {
                let end = min(start + 64, rows)
                var out = [Float](repeating: 0, count: (end - start) * f)
                for u in start..<end {
                    for e in 0..<(f * f) { a[e] = sharedGram[e] }
                    for d in 0..<f { a[d * f + d] += Double(regularization); rhs[d] = 0 }
                    for e in m.rowStart[u]..<m.rowStart[u + 1] {
                        let base = Int(m.columns[e]) * f
                        let cm1 = Double(extra(m.values[e], alpha: alpha, logScale: logScale))
                        // p = 1 here, so the right side gains c·y = (1 + (c − 1))·y.
                        for p in 0..<f {
                            let yp = Double(y[base + p])
                            rhs[p] += (1 + cm1) * yp
                            let s = cm1 * yp
                            for q in p..<f { a[p * f + q] += s * Double(y[base + q]) }
                        }
                    }
                    for p in 0..<f { for q in 0..<p { a[p * f + q] = a[q * f + p] } }
                    Self.choleskySolve(&a, &rhs, f)
                    for d in 0..<f { out[(u - start) * f + d] = Float(rhs[d]) }
                }
                block.append((start, out))
                start += threadCount * 64
            }
            parts.withLock { $0[t] = block }
        }
        var result = [Float](repeating: 0, count: rows * f)
        parts.withLock { parts in
            for part in parts { for (start, out) in part { for e in out.indices { result[start * f + e] = out[e] } } }
        }
        return result
    }

    /// Solves A x = b in place (A symmetric positive definite, n × n, overwritten by its Cholesky factor).
    static func choleskySolve(_ a: inout [Double], _ b: inout [Double], _ n: Int) {
        for j in 0..<n {
            var d = a[j * n + j]
            for k in 0..<j { d -= a[j * n + k] * a[j * n + k] }
            let l = max(d, 1e-12).squareRoot()
            a[j * n + j] = l
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i * n + j]
                for k in 0..<j { s -= a[i * n + k] * a[j * n + k] }
                a[i * n + j] = s / l
            }
        }
        for i in 0..<n {   // L z = b
            var s = b[i]
            for k in 0..<i { s -= a[i * n + k] * b[k] }
            b[i] = s / a[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {   // Lᵀ x = z
            var s = b[i]
            for k in (i + 1)..<max(i + 1, n) { s -= a[k * n + i] * b[k] }
            b[i] = s / a[i * n + i]
        }
    }

    /// Predicted preference x_uᵀ y_i.
    public func score(user: Int, item: Int) -> Float {
        var s: Float = 0
        for d in 0..<factors { s += userFactors[user * factors + d] * itemFactors[item * factors + d] }
        return s
    }

    /// The user's top `limit` items by x_uᵀ y_i, skipping `excluded` (and, if given, items not `allowed`).
    public func recommend(user: Int, limit: Int, excluded: Set<Int32> = [], allowed: ((Int32) -> Bool)? = nil) -> [Int32] {
        var scored: [(Float, Int32)] = []
        scored.reserveCapacity(items)
        for i in 0..<items {
            let item = Int32(i)
            if excluded.contains(item) || !(allowed?(item) ?? true) { continue }
            scored.append((score(user: user, item: i), item))
        }
        scored.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        return scored.prefix(limit).map(\.1)
    }

    /// Per item, the `k` items with the highest cosine of item factors (ties to the lower index);
    /// items with zero factors (never bought) get empty lists. `count` is the cosine × 1000, rounded,
    /// as there is no counted evidence behind a factor similarity.
    public func itemNeighbours(k: Int, eligible: ((Int32) -> Bool)? = nil, threads: Int = 2) -> [[Neighbour]] {
        let f = factors, n = items
        var unit = itemFactors
        var live = [Bool](repeating: false, count: n)
        for i in 0..<n {
            var norm: Float = 0
            for d in 0..<f { norm += unit[i * f + d] * unit[i * f + d] }
            let ok = norm > 1e-20 && (eligible?(Int32(i)) ?? true)
            live[i] = ok
            let inv = ok ? 1 / norm.squareRoot() : 0
            for d in 0..<f { unit[i * f + d] *= inv }
        }
        let vectors = unit, alive = live
        let threadCount = max(1, min(threads, n / 64 + 1))
        let parts = Mutex([[(Int, [Neighbour])]](repeating: [], count: threadCount))
        DispatchQueue.concurrentPerform(iterations: threadCount) { t in
            var mine: [(Int, [Neighbour])] = []
            var sims = [(Float, Int32)]()
            sims.reserveCapacity(n)
            var i = t
            while i < n {
                defer { i += threadCount }
                guard alive[i] else { mine.append((i, [])); continue }
                sims.removeAll(keepingCapacity: true)
                for j in 0..<n where j != i && alive[j] {
                    var s: Float = 0
                    for d in 0..<f { s += vectors[i * f + d] * vectors[j * f + d] }
                    sims.append((s, Int32(j)))
                }
                // Partial selection: keep a sorted top-k.
                var top: [(Float, Int32)] = []
                for c in sims {
                    if top.count == k, let last = top.last, !(c.0 > last.0) { continue }
                    var at = top.count
                    while at > 0 && (c.0 > top[at - 1].0) { at -= 1 }
                    top.insert(c, at: at)
                    if top.count > k { top.removeLast() }
                }
                mine.append((i, top.map { Neighbour(item: $0.1, score: Double($0.0), count: Int(($0.0 * 1000).rounded())) }))
            }
            parts.withLock { $0[t] = mine }
        }
        var lists = [[Neighbour]](repeating: [], count: n)
        parts.withLock { for part in $0 { for (i, list) in part { lists[i] = list } } }
        return lists
    }
}
