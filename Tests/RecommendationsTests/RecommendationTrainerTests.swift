import Testing
@testable import Recommendations

@Suite("Recommendation trainer")
struct RecommendationTrainerTests {
    static func basket(_ items: [Int32], customer: Int32? = nil, day: Int64? = nil) -> Basket {
        Basket(id: "", customer: customer, time: day.map { $0 * 86_400 }, items: items)
    }

    @Test("Bought together: shrunk lift over partners with enough baskets")
    func boughtTogether() {
        // Baskets {0,1,2}, {1,2}, {0,2}, {2,3}: n = 4, n2 = 4.
        var trainer = RecommendationTrainer(configuration: .init(minimumCoPurchases: 1, shrinkage: 5))
        for items: [Int32] in [[0, 1, 2], [1, 2], [0, 2], [2, 3]] { trainer.add(Self.basket(items)) }
        // 2 ⇒ 0: lift 2·4/(4·2) = 1, × 2/7; 2 ⇒ 1 the same (tie: lower item first); 2 ⇒ 3: 1·4/(4·1) = 1, × 1/6.
        let list = trainer.neighbours(of: 2, kind: .boughtTogether)
        #expect(list.map(\.item) == [0, 1, 3])
        #expect(list.map(\.count) == [2, 2, 1])
        #expect(abs(list[0].score - 2.0 / 7) < 1e-12)
        #expect(abs(list[2].score - 1.0 / 6) < 1e-12)
        // 0 ⇒ 2: 2·4/(2·4) = 1, × 2/7; 0 ⇒ 1: 1·4/(2·2) = 1, × 1/6.
        #expect(trainer.neighbours(of: 0, kind: .boughtTogether).map(\.item) == [2, 1])
        trainer.configuration.minimumCoPurchases = 2
        #expect(trainer.neighbours(of: 2, kind: .boughtTogether).map(\.item) == [0, 1])
        trainer.configuration.neighbours = 1
        #expect(trainer.neighbours(of: 2, kind: .boughtTogether).map(\.item) == [0])
        #expect(trainer.neighbours(of: 2, kind: .trending).isEmpty)
        #expect(trainer.neighbours(of: 99, kind: .boughtTogether).isEmpty)
    }

    /// Groups: 0, 1 → 0 (shirts); 2, 3 → 1 (trousers); 4 → 2 (hats); 5 → none.
    /// Baskets {0,2}×3, {1,3}×2, {3}×3, {4}, {0,4}, {5}.
    static func lookTrainer() -> RecommendationTrainer {
        var trainer = RecommendationTrainer(configuration: .init(minimumCoPurchases: 1, shrinkage: 5))
        for items: [Int32] in [[0, 2], [0, 2], [0, 2], [1, 3], [1, 3], [3], [3], [3], [4], [0, 4], [5]] {
            trainer.add(Self.basket(items))
        }
        trainer.setGroups([0, 0, 1, 1, 2, -1])
        return trainer
    }

    @Test("Complete the look: group lift, co-purchased items first, then the group's best sellers")
    func completeTheLook() {
        let trainer = Self.lookTrainer()
        // n0 = 4, n1 = 2, n2 = 3, n3 = 5, n4 = 2. S_0 = 6, S_1 = 8, S_2 = 2, S = 16.
        // P_01 = n02 + n13 = 3 + 2 = 5, P_02 = n04 = 1, P = 2 · (5 + 1) = 12.
        // Shrunk lift 0→1: 5·256/(12·6·8) · 5/10 = 1.1111; 0→2: 1·256/(12·6·2) · 1/6 = 0.2963.
        let g1 = 1280.0 / 576 * 0.5, g2 = 256.0 / 144 / 6
        let one = trainer.neighbours(of: 1, kind: .completeTheLook)
        // Item 1: 3 (bought with it twice): g1·(2/7 + 0.1·5/5); 2: g1·(0.1·3/5); 4: g2·(0.1·2/2).
        #expect(one.map(\.item) == [3, 2, 4])
        #expect(one.map(\.count) == [2, 0, 0])
        #expect(abs(one[0].score - g1 * (2.0 / 7 + 0.1)) < 1e-12)
        #expect(abs(one[1].score - g1 * 0.06) < 1e-12)
        #expect(abs(one[2].score - g2 * 0.1) < 1e-12)
        // Item 0: 2 (3 baskets): g1·(3/8 + 0.06) = 0.4833; 3: g1·0.1 = 0.1111; 4 (1 basket): g2·(1/6 + 0.1) = 0.0790.
        let zero = trainer.neighbours(of: 0, kind: .completeTheLook)
        #expect(zero.map(\.item) == [2, 3, 4])
        #expect(abs(zero[0].score - g1 * (3.0 / 8 + 0.06)) < 1e-12)
        #expect(abs(zero[2].score - g2 * (1.0 / 6 + 0.1)) < 1e-12)
        // Hats go with shirts only: 0 (bought with 4 once) before 1.
        #expect(trainer.neighbours(of: 4, kind: .completeTheLook).map(\.item) == [0, 1])
        #expect(trainer.neighbours(of: 5, kind: .completeTheLook).isEmpty)
    }

    @Test("Also bought uses customers; popular and trending come with the model")
    func alsoBoughtAndModel() {
        var trainer = RecommendationTrainer(configuration: .init(minimumCoPurchases: 1, trendingSmoothing: 1,
                                                                 trendingMinimum: 1))
        // The customers of ItemSimilarityTests, one basket each on day 10, plus a guest basket on day 1.
        for (u, items) in [[0, 1, 2], [0, 1], [1, 2], [0, 1, 2, 3]].enumerated() {
            trainer.add(Self.basket(items.map(Int32.init), customer: Int32(u), day: 10))
        }
        trainer.add(Self.basket([3], day: 1))
        let also = trainer.neighbours(of: 0, kind: .alsoBought)
        #expect(also.map(\.item) == [1, 2, 3])
        #expect(abs(also[0].score - 3 / 12.0.squareRoot()) < 1e-12)
        let model = trainer.model()
        #expect(model.itemCount == 4)
        #expect(model.basketCount == 5)
        #expect(model.alsoBought[0] == also)
        #expect(model.popular.map(\.item) == [1, 0, 2, 3])
        // Window of 28 days ending day 10: everything is recent; nothing before: (n + 1) / 1.
        #expect(model.trending.map(\.item) == [1, 0, 2, 3])
        #expect(model.trending.map(\.score) == [5, 4, 4, 3])
        trainer.reserveItems(10)
        #expect(trainer.model().itemCount == 10)
    }

    /// Online Retail baskets in file order; `nil` when the shared data is absent.
    static func retail(_ count: Int) throws -> [Basket]? {
        guard let data = try SignalsTestData.onlineRetail() else { return nil }
        return Array(data.baskets.prefix(count))
    }

    static func expectSameModel(_ a: RecommendationModel, _ b: RecommendationModel, _ kinds: [SignalKind] = [.boughtTogether, .alsoBought, .completeTheLook]) {
        #expect(a.itemCount == b.itemCount)
        #expect(a.basketCount == b.basketCount)
        for kind in kinds {
            var differ = 0
            for item in 0..<Int32(a.itemCount) where a.neighbours(of: item, kind: kind) != b.neighbours(of: item, kind: kind) {
                differ += 1
            }
            #expect(differ == 0, "\(kind): \(differ) lists differ")
        }
        #expect(a.popular == b.popular)
        #expect(a.trending == b.trending)
    }

    @Test("Incremental: the touched items' lists equal a batch model's; remove undoes add", arguments: [20, 200])
    func incremental(cap: Int) throws {
        guard let baskets = try Self.retail(3_000) else { return }
        let configuration = RecommendationConfiguration(historyCap: cap)
        var groups = [Int32](repeating: -1, count: 4_000)
        for i in groups.indices where i % 5 != 0 { groups[i] = Int32(i % 7) }
        var trainer = RecommendationTrainer(configuration: configuration)
        trainer.setGroups(groups)
        for basket in baskets.prefix(2_500) { trainer.add(basket) }
        let before = trainer.model()
        _ = trainer.takeTouchedItems()
        for basket in baskets.dropFirst(2_500) { trainer.add(basket) }
        let touched = trainer.takeTouchedItems()
        #expect(touched == Array(Set(baskets.dropFirst(2_500).flatMap(\.items))).sorted())
        #expect(trainer.takeTouchedItems().isEmpty)

        var batch = RecommendationTrainer(configuration: configuration)
        for basket in baskets { batch.add(basket) }
        batch.setGroups(groups)
        let model = batch.model()
        for kind in [SignalKind.boughtTogether, .alsoBought, .completeTheLook] {
            var differ = 0
            for item in touched where trainer.neighbours(of: item, kind: kind) != model.neighbours(of: item, kind: kind) {
                differ += 1
            }
            #expect(differ == 0, "\(kind): \(differ) of \(touched.count) touched lists differ")
            #expect(trainer.neighbours(of: touched, kind: kind) == touched.map { model.neighbours(of: $0, kind: kind) })
        }
        Self.expectSameModel(trainer.model(), model)

        for basket in baskets.dropFirst(2_500).reversed() { trainer.remove(basket) }
        Self.expectSameModel(trainer.model(), before)
    }

    @Test("BM25 after removals: the same lists as never adding, scores equal to rounding")
    func bm25Remove() throws {
        guard let baskets = try Self.retail(2_000) else { return }
        let configuration = RecommendationConfiguration(similarity: .bm25, historyCap: 30)
        var a = RecommendationTrainer(configuration: configuration), b = a
        for basket in baskets { a.add(basket) }
        for basket in baskets.prefix(1_500) { b.add(basket) }
        for basket in baskets.dropFirst(1_500) { a.remove(basket) }
        let (ma, mb) = (a.model(), b.model())
        var worst = 0.0, differ = 0
        // Items only in the removed baskets keep their index, with empty lists.
        #expect(ma.itemCount >= mb.itemCount)
        for item in mb.itemCount..<ma.itemCount { #expect(ma.alsoBought[item].isEmpty && ma.boughtTogether[item].isEmpty) }
        for item in 0..<Int32(mb.itemCount) {
            let (x, y) = (ma.alsoBought[Int(item)], mb.alsoBought[Int(item)])
            if Set(x.map(\.item)) != Set(y.map(\.item)) { differ += 1; continue }
            let scores = Dictionary(uniqueKeysWithValues: y.map { ($0.item, $0.score) })
            for n in x { worst = max(worst, abs(n.score - scores[n.item]!)) }
        }
        #expect(differ == 0)
        #expect(worst < 1e-12)
    }

    @Test("Online Retail: the strongest pairs are found; timing of a full build (printed)")
    func onlineRetail() throws {
        guard let data = try SignalsTestData.onlineRetail() else { return }
        let clock = ContinuousClock()
        for similarity in [SimilarityMeasure.cosine, .bm25] {
            let start = clock.now
            var trainer = RecommendationTrainer(configuration: .init(similarity: similarity))
            for basket in data.baskets { trainer.add(basket) }
            let added = clock.now
            let model = trainer.model()
            print("TIMING RecommendationTrainer \(similarity) Online Retail \(data.baskets.count) baskets, \(model.itemCount) items: add \(added - start), model() \(clock.now - added)")
            let id = { (name: String) in data.items.index(of: name)! }
            // README: 22697 + 22699 are bought together in 541 baskets, among the top pairs.
            let teacups = model.boughtTogether[Int(id("22697"))]
            #expect(teacups.contains { $0.item == id("22699") && $0.count == 541 })
            #expect(teacups.count == 30)
            #expect(!model.alsoBought[Int(id("22697"))].isEmpty)
            #expect(model.popular.first?.item == id("85123A"))
            #expect(model.popular.first?.count == 1_978)
            #expect(!model.trending.isEmpty)
        }
    }
}
