/// "Complete the look": which groups (product types, collections) go with which, from co-purchases
/// aggregated over their items, and each group's best sellers.
///
/// Group pair counts are summed item pair counts, P_gh = Σ_{a∈g, b∈h} n_ab (line-level, so a basket
/// with two g items and one h item counts twice), because groups may be set or changed after the
/// baskets were counted. With S_g = Σ_{a∈g} n_a, S = Σ_g S_g and P = Σ_{g≠h} P_gh, the group lift is
/// P_gh · S² / (P · S_g · S_h), shrunk like item lift by P_gh / (P_gh + λ), and pairs with
/// P_gh < `minimum` are ignored. For an item a in group g the candidates are the best sellers of
/// the `groups` groups with the highest shrunk lift to g (never g itself) and a's own partners in
/// those groups, scored
///
///     groupScore(h) · (n_ab / (n_ab + λ) + 0.1 · n_b / n_best(h))
///
/// so an item actually bought with a (even once: 1/6 ≈ 0.17) ranks before the group's best seller
/// (0.1), and best sellers order the rest. `count` is n_ab.
struct ComplementGroups: Sendable {
    /// Per group: complementary groups with their shrunk lift, best first.
    let complements: [[(group: Int32, score: Double)]]
    /// Per group: best-selling items, best first.
    let bestSellers: [[Int32]]

    init(counts: CoPurchaseCounts, groups: [Int32], minimum: Int, shrinkage λ: Double, groupLimit: Int,
         sellerLimit: Int) {
        var groupCount = 0
        for g in groups where Int(g) + 1 > groupCount { groupCount = Int(g) + 1 }
        @inline(__always) func group(_ item: Int32) -> Int32 { Int(item) < groups.count ? groups[Int(item)] : -1 }

        var sizes = [Double](repeating: 0, count: groupCount)
        var pairs = [PartnerTable](repeating: PartnerTable(), count: groupCount)
        var members = [[Int32]](repeating: [], count: groupCount)
        for a in 0..<Int32(counts.itemCount) {
            let g = group(a)
            guard g >= 0 else { continue }
            let na = counts.basketCount(of: a)
            guard na > 0 else { continue }
            sizes[Int(g)] += Double(na)
            members[Int(g)].append(a)
            counts.forEachPartner(of: a) { b, nab in
                let h = group(b)
                if h >= 0, h != g { pairs[Int(g)].add(h, nab) }
            }
        }
        let total = sizes.reduce(0, +)
        var pairTotal = 0.0
        for table in pairs { table.forEach { _, n in pairTotal += Double(n) } }

        var complements = [[(group: Int32, score: Double)]](repeating: [], count: groupCount)
        if pairTotal > 0 {
            for g in 0..<groupCount {
                var list: [Neighbour] = []
                pairs[g].forEach { h, p in
                    guard Int(p) >= max(minimum, 1) else { return }
                    let lift = Double(p) * total * total / (pairTotal * sizes[g] * sizes[Int(h)])
                    list.append(Neighbour(item: h, score: lift * Double(p) / (Double(p) + max(λ, 0)), count: Int(p)))
                }
                complements[g] = Neighbour.best(list, limit: groupLimit).map { ($0.item, $0.score) }
            }
        }
        self.complements = complements
        bestSellers = members.map { items in
            Neighbour.best(items.map { Neighbour(item: $0, score: Double(counts.basketCount(of: $0)), count: 0) },
                           limit: sellerLimit).map(\.item)
        }
    }

    /// The complete-the-look list of `item` (see the type's summary).
    func neighbours(of item: Int32, counts: CoPurchaseCounts, groups: [Int32], shrinkage λ: Double,
                    limit: Int) -> [Neighbour] {
        guard item >= 0, Int(item) < groups.count, limit > 0 else { return [] }
        let g = groups[Int(item)]
        guard g >= 0, Int(g) < complements.count, !complements[Int(g)].isEmpty else { return [] }
        var result: [Neighbour] = []
        for (h, groupScore) in complements[Int(g)] {
            let sellers = bestSellers[Int(h)]
            guard let best = sellers.first else { continue }
            let top = Double(counts.basketCount(of: best))
            func score(_ b: Int32, _ nab: Int) -> Double {
                groupScore * (Double(nab) / (Double(nab) + max(λ, 0)) + 0.1 * Double(counts.basketCount(of: b)) / top)
            }
            var partners: [Int32] = []
            counts.forEachPartner(of: item) { b, nab in
                guard Int(b) < groups.count, groups[Int(b)] == h else { return }
                partners.append(b)
                result.append(Neighbour(item: b, score: score(b, Int(nab)), count: Int(nab)))
            }
            for b in sellers where !partners.contains(b) {
                result.append(Neighbour(item: b, score: score(b, 0), count: 0))
            }
        }
        return Neighbour.best(result, limit: limit)
    }
}
