import Testing
@testable import Recommendations

@Suite("Co-purchase counts")
struct CoPurchaseCountsTests {
    /// Baskets {0,1,2}, {1,2}, {0,2}, {2,3}: n = 4; n0 = 2, n1 = 2, n2 = 4, n3 = 1;
    /// pairs 01:1, 02:2, 12:2, 23:1, 03:0 (counted by hand).
    static func example() -> CoPurchaseCounts {
        var counts = CoPurchaseCounts()
        for basket: [Int32] in [[0, 1, 2], [1, 2], [0, 2], [2, 3]] { counts.add(basket) }
        return counts
    }

    @Test("Basket, item and pair counts of a hand-counted example")
    func counts() {
        let counts = Self.example()
        #expect(counts.basketCount == 4)
        #expect(counts.itemBaskets == [2, 2, 4, 1])
        #expect(counts.pairCount(0, 1) == 1)
        #expect(counts.pairCount(2, 0) == 2)
        #expect(counts.pairCount(1, 2) == 2)
        #expect(counts.pairCount(3, 2) == 1)
        #expect(counts.pairCount(0, 3) == 0)
        #expect(counts.pairCount(2, 2) == 0)
        #expect(counts.pairCount(9, 2) == 0)
        #expect(counts.partners(of: 2).map(\.item) == [0, 1, 3])
        #expect(counts.partners(of: 2).map(\.count) == [2, 2, 1])
    }

    @Test("Removing a basket undoes adding it; counts never go below 0")
    func remove() {
        var counts = Self.example()
        counts.remove([1, 2])
        #expect(counts.basketCount == 3)
        #expect(counts.itemBaskets == [2, 1, 3, 1])
        #expect(counts.pairCount(1, 2) == 1)
        #expect(counts.partners(of: 1).map(\.item) == [0, 2])
        counts.remove([0, 3])   // never added: the pair stays 0
        #expect(counts.pairCount(0, 3) == 0)
        counts.add([1, 2])
        #expect(counts.pairCount(1, 2) == 2)
        #expect(counts.itemBaskets == [1, 2, 4, 0])
    }

    @Test("New items extend the arrays; a table of 1,000 partners survives its growth")
    func growth() {
        var counts = CoPurchaseCounts()
        counts.add([3, 70_000])
        #expect(counts.itemCount == 70_001)
        #expect(counts.pairCount(70_000, 3) == 1)
        // Partner i is bought with 0 in (i % 3) + 1 baskets, by construction.
        for i in Int32(1)...1_000 { for _ in 0...(i % 3) { counts.add([0, i]) } }
        for i in Int32(1)...1_000 {
            #expect(counts.pairCount(0, i) == Int(i % 3) + 1)
            #expect(counts.pairCount(i, 0) == Int(i % 3) + 1)
        }
        #expect(counts.partners(of: 0).count == 1_000)
    }

    @Test("Groceries: most frequent pairs (README: 736, 557, 551, 481, 466)")
    func groceries() throws {
        guard let data = try SignalsTestData.groceries() else { return }
        var counts = CoPurchaseCounts()
        for basket in data.baskets { counts.add(basket.items) }
        let id = { (name: String) in data.items.index(of: name)! }
        #expect(counts.basketCount == 9_835)
        #expect(counts.pairCount(id("other vegetables"), id("whole milk")) == 736)
        #expect(counts.pairCount(id("rolls/buns"), id("whole milk")) == 557)
        #expect(counts.pairCount(id("whole milk"), id("yogurt")) == 551)
        #expect(counts.pairCount(id("root vegetables"), id("whole milk")) == 481)
        #expect(counts.pairCount(id("other vegetables"), id("root vegetables")) == 466)
    }

    @Test("Online Retail: most frequent pairs (README: 546, 541, 530, 523, 519)")
    func onlineRetail() throws {
        guard let data = try SignalsTestData.onlineRetail() else { return }
        var counts = CoPurchaseCounts()
        let clock = ContinuousClock()
        let start = clock.now
        for basket in data.baskets { counts.add(basket.items) }
        print("TIMING CoPurchaseCounts \(data.baskets.count) Online Retail baskets: \(clock.now - start), \(counts.storedPairs) stored pair slots")
        let id = { (name: String) in data.items.index(of: name)! }
        #expect(counts.pairCount(id("22386"), id("85099B")) == 546)
        #expect(counts.pairCount(id("22697"), id("22699")) == 541)
        #expect(counts.pairCount(id("22726"), id("22727")) == 530)
        #expect(counts.pairCount(id("20725"), id("22384")) == 523)
        #expect(counts.pairCount(id("20725"), id("22383")) == 519)
    }
}
