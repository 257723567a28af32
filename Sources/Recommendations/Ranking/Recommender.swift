#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Blends a model's signals for one request into scored candidates with a reason each.
///
/// For every seed and every history item, each item-to-item list (bought together, also bought,
/// complete the look) is normalised by its top score, so lists of different signals are
/// comparable on 0…1, then weighted by the seed's weight × the signal's weight and summed per
/// candidate. History items weigh `historyWeight(_:now:)`; the customer's repeat items are offered
/// again ("buy again") by orders × recency. A candidate's reason is its single largest
/// contribution (ties: the earlier seed, then the earlier signal). Seeds are never candidates.
/// When fewer than `limit` candidates remain, trending then popular items fill the list.
///
/// ```swift
/// let recommender = Recommender(model: model)
/// let candidates = recommender.candidates(for: .cart([3, 7], viewed: [12]), limit: 40)
/// let shown = recommender.recommendations(for: .product(42), rules: rules, limit: 10)
/// ```
public struct Recommender: Sendable {
    public var model: RecommendationModel
    public var weights: BlendWeights
    /// Seconds after which a past purchase steers half as much (default 90 days).
    public var historyHalfLife: Double = 90 * 86_400
    /// Only the strongest history items are expanded, so a long history stays fast (default 50).
    public var maxHistoryItems: Int = 50
    /// Items bought in at least this many orders are offered again (default 1: on the validation
    /// split, see `BlendWeights`, one-off purchases were bought again often enough to earn it).
    public var buyAgainMinOrders: Int = 1
    /// Weight of the shop's best sellers blended into every request as a prior (not only as the
    /// fill-up), normalised like the other lists (default 1). The prior names the reason only of
    /// items no signal proposed. Chosen on validation splits that
    /// leave the test months alone: Online Retail trained before 2011-08-01 (HR@10 / popularity,
    /// next basket 1.48× → 1.52×, new items 1.48× → 1.57×, bought together 6.26× → 6.31×) and the
    /// simulated demo shop's last two months (0.86× → 1.06×, 0.76× → 0.94×, 1.13× → 1.25×);
    /// 0.3 helped less and 2–4 hurt bought together. Small catalogues with a few dominant
    /// products need it most.
    public var popularityPrior: Double = 1

    public init(model: RecommendationModel, weights: BlendWeights = .standard) {
        self.model = model; self.weights = weights
    }

    /// How strongly a past purchase steers: recency × frequency, in 0…1.
    ///
    /// Recency is 0.5^(age / `historyHalfLife`) (1 when `now` or `lastTime` is unknown, or the
    /// purchase is in the future); frequency is 1 − 0.5^orders (1 order 0.5, 2 orders 0.75, 3 0.875),
    /// which saturates so a bulk buyer's one staple does not drown the rest of the history.
    public func historyWeight(_ purchase: PurchasedItem, now: Int64?) -> Double {
        recency(purchase, now: now) * (1 - pow2(-Double(max(purchase.orders, 1))))
    }

    /// At most `limit` candidates, best first (ties: lower item index), the fill-up last.
    public func candidates(for request: RecommendationRequest, limit: Int) -> [Candidate] {
        guard limit > 0 else { return [] }
        let kinds: [SignalKind] = [.boughtTogether, .alsoBought, .completeTheLook]
        let history = strongestHistory(request)

        // Size the table once from the exact number of entries it can receive.
        var total = request.seeds.count + request.history.count
        for seed in request.seeds { for kind in kinds { total += model.neighbours(of: seed.item, kind: kind).count } }
        for (purchase, _) in history { for kind in kinds { total += model.neighbours(of: purchase.item, kind: kind).count } }
        total += min(limit, model.trending.count + model.popular.count) + (popularityPrior > 0 ? model.popular.count : 0)
        var table = Accumulator(capacity: total)

        for seed in request.seeds { table.markSeed(seed.item) }
        for seed in request.seeds where seed.weight > 0 {
            for kind in kinds {
                add(model.neighbours(of: seed.item, kind: kind), weight: seed.weight * weights[kind],
                    kind: kind, anchor: seed.item, into: &table)
            }
        }
        for (purchase, weight) in history where weight > 0 {
            for kind in kinds {
                add(model.neighbours(of: purchase.item, kind: kind), weight: weight * weights[kind],
                    kind: kind, anchor: purchase.item, into: &table)
            }
        }
        addBuyAgain(request, into: &table)
        if popularityPrior > 0, let top = topScore(model.popular) {
            for n in model.popular where n.score > 0 {
                table.addPrior(n.item, popularityPrior * n.score / top, Reason(kind: .popular, count: n.count))
            }
        }

        var result = best(table.entries, limit: limit)

        // Fallbacks: scores kept strictly below the previous candidate so the fill order
        // (trending, then popular) survives any later sort by score.
        for (list, kind) in [(model.trending, SignalKind.trending), (model.popular, .popular)] {
            guard result.count < limit, let top = topScore(list) else { continue }
            for n in list {
                if result.count == limit { break }
                guard table.entry(of: n.item) == nil else { continue }
                table.add(n.item, 0, Reason(kind: kind, count: n.count))
                var score = weights[kind] * max(0, n.score) / top
                if let last = result.last?.score { score = min(score, last.nextDown) }
                result.append(Candidate(item: n.item, score: score, reason: Reason(kind: kind, count: n.count)))
            }
        }
        return result
    }

    /// Candidates ranked under `rules` (seeds are added to `rules.excluded`), asking the blend for
    /// more candidates while the rules filter too many away and more exist.
    public func recommendations(for request: RecommendationRequest, rules: MerchantRules = .none,
                                limit: Int) -> [Recommendation] {
        guard limit > 0 else { return [] }
        var rules = rules
        for seed in request.seeds where !rules.excluded.contains(seed.item) { rules.excluded.insert(seed.item) }
        let filtered = rules.blocked.count + rules.pinned.count + (rules.excludePurchased ? rules.purchased.count : 0)
        var want = limit * 3 + filtered
        while true {
            let found = candidates(for: request, limit: want)
            let shown = Ranker.rank(found, rules: rules, limit: limit)
            if shown.count >= limit || found.count < want || want >= model.itemCount { return shown }
            want = min(want * 4, max(model.itemCount, want + 1))
        }
    }

    // MARK: - Blending

    /// Candidates ahead in the list: higher score, then lower item index.
    @inline(__always) private static func ahead(_ a: Candidate, _ b: Candidate) -> Bool {
        a.score != b.score ? a.score > b.score : a.item < b.item
    }

    /// The best `limit` entries in order. A short list kept sorted by insertion when `limit` is small
    /// against the entries (a full sort of a customer's ~2,000 entries dominated the request before).
    private func best(_ entries: [Accumulator.Entry], limit: Int) -> [Candidate] {
        var result: [Candidate] = []
        if limit >= entries.count / 4 {
            result.reserveCapacity(entries.count)
            for e in entries where !e.isSeed && e.score > 0 {
                result.append(Candidate(item: e.item, score: e.score, reason: e.reason))
            }
            result.sort(by: Self.ahead)
            if result.count > limit { result.removeLast(result.count - limit) }
            return result
        }
        result.reserveCapacity(limit + 1)
        for e in entries where !e.isSeed && e.score > 0 {
            let c = Candidate(item: e.item, score: e.score, reason: e.reason)
            if result.count == limit, !Self.ahead(c, result[limit - 1]) { continue }
            // Binary search for the first entry that `c` is ahead of.
            var lo = 0, hi = result.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Self.ahead(c, result[mid]) { hi = mid } else { lo = mid + 1 }
            }
            result.insert(c, at: lo)
            if result.count > limit { result.removeLast() }
        }
        return result
    }

    private func recency(_ purchase: PurchasedItem, now: Int64?) -> Double {
        guard let now, let last = purchase.lastTime, now > last, historyHalfLife > 0 else { return 1 }
        return pow2(-Double(now - last) / historyHalfLife)
    }

    /// The history items worth expanding, with their weights: the `maxHistoryItems` strongest.
    private func strongestHistory(_ request: RecommendationRequest) -> [(PurchasedItem, Double)] {
        var weighted = request.history.map { ($0, historyWeight($0, now: request.now)) }
        if weighted.count > maxHistoryItems {
            weighted.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.item < $1.0.item }
            weighted.removeLast(weighted.count - max(maxHistoryItems, 0))
        }
        return weighted
    }

    private func topScore(_ list: [Neighbour]) -> Double? {
        var top = 0.0
        for n in list where n.score > top { top = n.score }
        return top > 0 && top.isFinite ? top : nil
    }

    private func add(_ list: [Neighbour], weight: Double, kind: SignalKind, anchor: Int32, into table: inout Accumulator) {
        guard weight > 0, let top = topScore(list) else { return }
        let scale = weight / top
        for n in list where n.score > 0 {
            table.add(n.item, n.score * scale, Reason(kind: kind, count: n.count, anchor: anchor))
        }
    }

    /// Repeat items scored by orders × recency, normalised by the customer's strongest one.
    private func addBuyAgain(_ request: RecommendationRequest, into table: inout Accumulator) {
        guard weights.buyAgain > 0 else { return }
        var top = 0.0
        for p in request.history where p.orders >= max(buyAgainMinOrders, 1) {
            top = max(top, Double(p.orders) * recency(p, now: request.now))
        }
        guard top > 0 else { return }
        for p in request.history where p.orders >= max(buyAgainMinOrders, 1) {
            let raw = Double(p.orders) * recency(p, now: request.now)
            table.add(p.item, weights.buyAgain * raw / top, Reason(kind: .buyAgain, count: p.orders))
        }
    }
}

/// 2^x from the C math library (the standard library has no exponentials).
@inline(__always) private func pow2(_ x: Double) -> Double { exp2(x) }
