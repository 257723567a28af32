import Foundation
import Recommendations
import Storage

extension RecommendationEngine {
    /// The dashboard's view of one product; nil when the shop has no such product.
    public func productDetail(shopID: Int64, productID: Int64) async throws -> ProductRecommendationDetail? {
        let snapshot = try await snapshot(shopID: shopID)
        guard let item = snapshot.index[productID] else { return nil }
        let product = snapshot.products[Int(item)]
        let rules = snapshot.rules[productID] ?? []
        let global = snapshot.rules[0] ?? []
        let blocked = Set((rules + global).filter { $0.action == .block }.map(\.targetID))
        let model = snapshot.recommender.model
        var lists: [(kind: String, neighbours: [ExplainedNeighbour])] = []
        for kind in RecommendationJob.listKinds {
            let explained = model.neighbours(of: item, kind: kind).map { n in
                let neighbour = snapshot.products[Int(n.item)]
                return ExplainedNeighbour(
                    product: neighbour, score: n.score, evidence: n.count,
                    reason: Reason(kind: kind, count: n.count, anchor: item).text { snapshot.products[Int($0)].title },
                    servable: snapshot.available[Int(n.item)] && !blocked.contains(neighbour.productID))
            }
            lists.append((kind.rawValue, explained))
        }
        let shown = try await recommend(RecommendationQuery(shopID: shopID, surface: .product(productID), limit: 8,
                                                            requestID: "dashboard", channel: "dashboard"), logged: false)
        return ProductRecommendationDetail(product: product, lists: lists, rules: rules, globalRules: global,
                                           shown: shown.products, modelVersion: snapshot.version)
    }

    /// The latest version and a page of products (title or type containing `search`), best sellers first.
    public func overview(shopID: Int64, search: String?, limit: Int, offset: Int) async throws -> RecommendationOverview {
        let snapshot = try await snapshot(shopID: shopID)
        let model = snapshot.recommender.model
        var order = Array(0..<Int32(snapshot.products.count))
        var sales = [Int](repeating: 0, count: snapshot.products.count)
        for n in model.popular { sales[Int(n.item)] = n.count }
        order.sort { sales[Int($0)] != sales[Int($1)] ? sales[Int($0)] > sales[Int($1)] : $0 < $1 }
        if let search = search?.trimmingCharacters(in: .whitespaces).lowercased(), !search.isEmpty {
            order = order.filter {
                let p = snapshot.products[Int($0)]
                return p.title.lowercased().contains(search) || (p.productType?.lowercased().contains(search) ?? false)
                    || String(p.productID) == search
            }
        }
        let page = order.dropFirst(max(0, offset)).prefix(max(0, limit))
        let rows = page.map { item -> RecommendationOverview.Row in
            let product = snapshot.products[Int(item)]
            var sizes: [String: Int] = [:]
            for kind in RecommendationJob.listKinds { sizes[kind.rawValue] = model.neighbours(of: item, kind: kind).count }
            let rules = snapshot.rules[product.productID] ?? []
            return RecommendationOverview.Row(
                product: product,
                topBoughtTogether: model.neighbours(of: item, kind: .boughtTogether).prefix(3).map { snapshot.products[Int($0.item)].title },
                listSizes: sizes, pins: rules.filter { $0.action == .pin }.count, blocks: rules.filter { $0.action == .block }.count)
        }
        async let run = store.latestRecommendationRun(shopID: shopID)
        async let logged = store.recommendationLogCount(shopID: shopID)
        return try await RecommendationOverview(latestRun: run, loggedResponses: logged, rows: Array(rows), total: order.count,
                                                globalRules: snapshot.rules[0] ?? [])
    }

    public func rules(shopID: Int64) async throws -> [RecommendationRule] {
        try await store.recommendationRules(shopID: shopID)
    }

    /// Stores a pin or block (replacing one on the same product and target) and serves it at once.
    public func setRule(_ rule: RecommendationRule) async throws {
        guard rule.productID >= 0, rule.targetID > 0 else {
            throw RecommendationError.invalid(field: rule.targetID > 0 ? "product_id" : "target_id", reason: "must be a product id")
        }
        guard rule.productID != rule.targetID else {
            throw RecommendationError.invalid(field: "target_id", reason: "a product cannot be pinned or blocked on its own page")
        }
        let snapshot = try await snapshot(shopID: rule.shopID)
        guard snapshot.index[rule.targetID] != nil || rule.action == .block else {
            throw RecommendationError.unknownProduct(rule.targetID)
        }
        if rule.productID != 0, snapshot.index[rule.productID] == nil { throw RecommendationError.unknownProduct(rule.productID) }
        try await store.setRecommendationRule(rule)
        invalidate(shopID: rule.shopID)
    }

    @discardableResult
    public func deleteRule(shopID: Int64, productID: Int64, targetID: Int64) async throws -> Bool {
        let removed = try await store.deleteRecommendationRule(shopID: shopID, productID: productID, targetID: targetID)
        invalidate(shopID: shopID)
        return removed
    }

    public func runs(shopID: Int64, limit: Int) async throws -> [RecommendationRun] {
        try await store.recommendationRuns(shopID: shopID, limit: limit)
    }
}
