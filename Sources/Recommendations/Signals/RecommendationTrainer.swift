import Dispatch
import Synchronization

/// Builds a `RecommendationModel` from baskets, incrementally: add (or remove) baskets as orders
/// arrive, then recompute only the lists of the items they touched, or build every list.
///
/// - bought together: partners with at least `minimumCoPurchases` baskets, by shrunk lift
///   (`AssociationScore.shrunkLift`); `count` = baskets with both.
/// - also bought: `ItemSimilarity` (cosine or BM25) over customers' histories; `count` = shared customers.
/// - complete the look: `ComplementGroups` over the groups of `setGroups(_:)`; `count` = baskets with both.
/// - popular / trending: `Popularity`.
///
/// A touched item's own list is exact when recomputed. Its partners' lists are not marked: their
/// entry for it has a slightly stale score (and a new customer-item pair also changes the shared
/// customers of the customer's earlier items) until a full `model()`.
///
/// ```swift
/// var trainer = RecommendationTrainer(configuration: .init(similarity: .bm25))
/// for basket in data.baskets { trainer.add(basket) }
/// trainer.setGroups(productTypes)
/// let model = trainer.model()
/// // later, new orders:
/// trainer.add(newBasket)
/// for item in trainer.takeTouchedItems() { store(item, trainer.neighbours(of: item, kind: .boughtTogether)) }
/// ```
public struct RecommendationTrainer: Sendable {
    public var configuration: RecommendationConfiguration
    public private(set) var counts = CoPurchaseCounts()
    public private(set) var similarity: ItemSimilarity
    public private(set) var sales = Popularity()
    /// Group per item (-1 for none), as last set.
    public private(set) var groups: [Int32] = []
    private var touched: [Bool] = []
    private var touchedList: [Int32] = []
    private var reserved = 0
    /// Group lifts, computed on first use after a change; replaced (never cleared) on every
    /// change, so copies of a trainer never share a stale one.
    private var cache = ComplementCache()

    public init(configuration: RecommendationConfiguration = .init()) {
        self.configuration = configuration
        similarity = ItemSimilarity(historyCap: max(configuration.historyCap, 1))
    }

    /// Items are `0..<itemCount`: every item seen in a basket, in the groups, or reserved.
    public var itemCount: Int { max(counts.itemCount, similarity.itemCount, sales.itemCount, groups.count, reserved) }

    /// Baskets counted (added minus removed).
    public var basketCount: Int { counts.basketCount }

    /// Makes the model cover items `0..<count` (e.g. the whole catalogue, sold or not).
    public mutating func reserveItems(_ count: Int) { reserved = max(reserved, count) }

    /// Counts a basket: pairs, the customer's history, the day's sales.
    public mutating func add(_ basket: Basket) {
        counts.add(basket.items)
        sales.add(items: basket.items, time: basket.time)
        if let customer = basket.customer {
            for item in basket.items { similarity.add(customer: customer, item: item) }
        }
        touch(basket.items)
    }

    /// Takes back a basket added before (a cancelled order), with the same items, customer and time.
    public mutating func remove(_ basket: Basket) {
        counts.remove(basket.items)
        sales.remove(items: basket.items, time: basket.time)
        if let customer = basket.customer {
            for item in basket.items { similarity.remove(customer: customer, item: item) }
        }
        touch(basket.items)
    }

    /// Sets a group per item (product type; -1 for none). Items whose group changed are touched.
    public mutating func setGroups(_ groups: [Int32]) {
        var changed: [Int32] = []
        for i in 0..<max(groups.count, self.groups.count) {
            let old = i < self.groups.count ? self.groups[i] : -1, new = i < groups.count ? groups[i] : -1
            if old != new { changed.append(Int32(i)) }
        }
        self.groups = groups
        touch(changed)
    }

    private mutating func touch(_ items: [Int32]) {
        cache = ComplementCache()
        for item in items where item >= 0 {
            if Int(item) >= touched.count { touched.append(contentsOf: repeatElement(false, count: Int(item) + 1 - touched.count)) }
            if !touched[Int(item)] { touched[Int(item)] = true; touchedList.append(item) }
        }
    }

    /// Items whose own lists may have changed since the last call, ascending; clears the set.
    public mutating func takeTouchedItems() -> [Int32] {
        let list = touchedList.sorted()
        for item in touchedList { touched[Int(item)] = false }
        touchedList.removeAll()
        return list
    }

    /// The item's list for an item-to-item signal, computed now; empty for other kinds.
    public func neighbours(of item: Int32, kind: SignalKind) -> [Neighbour] {
        let c = configuration
        switch kind {
        case .boughtTogether:
            return boughtTogether(of: item)
        case .alsoBought:
            return similarity.neighbours(of: item, measure: c.similarity, k1: c.bm25K1, b: c.bm25B,
                                         minimumShared: c.minimumCoPurchases, limit: c.neighbours)
        case .completeTheLook:
            return complements().neighbours(of: item, counts: counts, groups: groups, shrinkage: c.shrinkage, limit: c.neighbours)
        default:
            return []
        }
    }

    /// The shop-wide lists: best sellers and trending items.
    public func popularity() -> (popular: [Neighbour], trending: [Neighbour]) {
        let c = configuration
        return (sales.popular(limit: c.shopListLength),
                sales.trending(window: c.trendingWindow, smoothing: c.trendingSmoothing,
                               minimum: c.trendingMinimum, limit: c.shopListLength))
    }

    /// Every list, computed on `configuration.threads` threads.
    public func model() -> RecommendationModel {
        let n = itemCount
        let lists = lists(of: (0..<Int32(n)).map { $0 }, kinds: [.boughtTogether, .alsoBought, .completeTheLook])
        let (popular, trending) = popularity()
        return RecommendationModel(itemCount: n, basketCount: counts.basketCount, boughtTogether: lists[0],
                                   alsoBought: lists[1], completeTheLook: lists[2], popular: popular, trending: trending)
    }

    /// The lists of many items for one signal (e.g. `takeTouchedItems()`), in the order given, on
    /// `configuration.threads` threads; much cheaper than one `neighbours(of:kind:)` call per item
    /// because per-thread scratch space is reused.
    public func neighbours(of items: [Int32], kind: SignalKind) -> [[Neighbour]] {
        lists(of: items, kinds: [kind])[0]
    }

    /// Per kind, the lists of `items` in order.
    private func lists(of items: [Int32], kinds: [SignalKind]) -> [[[Neighbour]]] {
        let n = items.count
        let complements = complements()
        let itemCount = itemCount
        let threads = max(1, min(configuration.threads, n / 256 + 1))
        // Items are dealt out in strides of 64, so popular (costly) items spread over the threads.
        let parts = Mutex([[(Int, [[Neighbour]])]](repeating: [], count: threads))
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var scratch = ItemSimilarity.Scratch(itemCount: itemCount)
            var mine: [(Int, [[Neighbour]])] = []
            var start = t * 64
            while start < n {
                for i in start..<min(start + 64, n) {
                    mine.append((i, kinds.map {
                        neighbours(of: items[i], kind: $0, complements: complements, scratch: &scratch)
                    }))
                }
                start += threads * 64
            }
            parts.withLock { $0[t] = mine }
        }
        var lists = [[[Neighbour]]](repeating: [[Neighbour]](repeating: [], count: n), count: kinds.count)
        parts.withLock { parts in
            for part in parts { for (i, perKind) in part { for k in kinds.indices { lists[k][i] = perKind[k] } } }
        }
        return lists
    }

    // MARK: - Lists

    private func complements() -> ComplementGroups {
        cache.value.withLock { value in
            if let value { return value }
            let c = configuration
            let fresh = ComplementGroups(counts: counts, groups: groups, minimum: c.minimumCoPurchases,
                                         shrinkage: c.shrinkage, groupLimit: c.complementGroups, sellerLimit: c.neighbours)
            value = fresh
            return fresh
        }
    }

    private func neighbours(of item: Int32, kind: SignalKind, complements: ComplementGroups,
                            scratch: inout ItemSimilarity.Scratch) -> [Neighbour] {
        let c = configuration
        switch kind {
        case .boughtTogether:
            return boughtTogether(of: item)
        case .alsoBought:
            return similarity.neighbours(of: item, measure: c.similarity, k1: c.bm25K1, b: c.bm25B,
                                         minimumShared: c.minimumCoPurchases, limit: c.neighbours, scratch: &scratch)
        case .completeTheLook:
            return complements.neighbours(of: item, counts: counts, groups: groups, shrinkage: c.shrinkage, limit: c.neighbours)
        default:
            return []
        }
    }

    private func boughtTogether(of item: Int32) -> [Neighbour] {
        let c = configuration
        let na = counts.basketCount(of: item), n = counts.basketCount
        var list: [Neighbour] = []
        counts.forEachPartner(of: item) { b, nab in
            guard Int(nab) >= max(c.minimumCoPurchases, 1) else { return }
            let score = AssociationScore.shrunkLift(pair: Int(nab), antecedent: na, consequent: counts.basketCount(of: b),
                                                    baskets: n, shrinkage: c.shrinkage)
            list.append(Neighbour(item: b, score: score, count: Int(nab)))
        }
        return Neighbour.best(list, limit: c.neighbours)
    }
}

/// The lazily computed group lifts of one trainer state.
final class ComplementCache: Sendable {
    let value = Mutex<ComplementGroups?>(nil)
}
