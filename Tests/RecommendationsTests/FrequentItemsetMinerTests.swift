import Foundation
import Testing
import TestSupport
@testable import Recommendations

/// Baskets for the mining tests, read once from ../shared/data-baskets (nil when absent).
enum MiningTestData {
    static let groceries: BasketData? = {
        guard let bytes = SharedData.data("data-baskets/groceries/groceries_lines.csv", skipping: "mining tests on Groceries") else { return nil }
        var reader = BasketLinesReader()
        guard (try? reader.read(Array(bytes), source: "groceries_lines.csv")) != nil else { return nil }
        return reader.finish()
    }()

    /// Online Retail's non-cancelled invoices, distinct item_ids (the reader's default).
    static let onlineRetail: BasketData? = {
        guard let folder = SharedData.file("data-baskets/online_retail", skipping: "mining tests on Online Retail") else { return nil }
        var reader = BasketLinesReader()
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("online_retail_lines_") }.sorted()
        for file in files {
            guard let bytes = try? Data(contentsOf: folder.appendingPathComponent(file)),
                  (try? reader.read(Array(bytes), source: file)) != nil else { return nil }
        }
        return reader.finish()
    }()
}

/// Five baskets over bread (0), milk (1), beer (2), eggs (3), counted by hand:
/// singles 4, 4, 3, 2; pairs {0,1} 3, {0,2} 2, {0,3} 2, {1,2} 2, {1,3} 1, {2,3} 1;
/// triples {0,1,2} 1, {0,1,3} 1, {0,2,3} 1, {1,2,3} 0.
let handBaskets: [[Int32]] = [[0, 1], [0, 2, 3], [1, 2], [0, 1, 2], [0, 1, 3]]

@Suite("Frequent itemset miner")
struct FrequentItemsetMinerTests {
    @Test("Hand-counted baskets: minimum count 2 keeps 4 items and 4 pairs")
    func hand() throws {
        let itemsets = try FrequentItemsetMiner(minCount: 2).mine(itemLists: handBaskets, itemCount: 4)
        #expect(Set(itemsets) == [
            FrequentItemset(items: [0], count: 4), FrequentItemset(items: [1], count: 4),
            FrequentItemset(items: [2], count: 3), FrequentItemset(items: [3], count: 2),
            FrequentItemset(items: [0, 1], count: 3), FrequentItemset(items: [0, 2], count: 2),
            FrequentItemset(items: [0, 3], count: 2), FrequentItemset(items: [1, 2], count: 2),
        ])
        #expect(itemsets.count(of: [1, 0]) == 3)
        #expect(itemsets.count(of: [1, 3]) == nil)
        #expect(itemsets.basketCount == 5)

        // Count 1: 4 + 6 pairs (all but none) + 3 triples = 13; at most 2 items: 10.
        let all = try FrequentItemsetMiner(minCount: 1).mine(itemLists: handBaskets, itemCount: 4)
        #expect(all.count == 13)
        #expect(all.countsBySize() == [1: 4, 2: 6, 3: 3])
        #expect(all.count(of: [3, 0, 2]) == 1)
        #expect(try FrequentItemsetMiner(minCount: 1, maxLength: 2).mine(itemLists: handBaskets, itemCount: 4).count == 10)
        // Support 0.4 of 5 baskets is exactly 2 (0.4 × 5 is 2.0000000000000004 in doubles).
        #expect(Set(try FrequentItemsetMiner(minSupport: 0.4).mine(itemLists: handBaskets, itemCount: 4)) == Set(itemsets))
    }

    @Test("Minimum counts are count ≥ support × N, in integers")
    func minimumCounts() throws {
        #expect(try FrequentItemsetMiner(minSupport: 0.001).minimumCount(basketCount: 9_835) == 10)  // 9.835
        #expect(try FrequentItemsetMiner(minSupport: 0.01).minimumCount(basketCount: 18_536) == 186)  // 185.36
        #expect(try FrequentItemsetMiner(minSupport: 0.02).minimumCount(basketCount: 18_536) == 371)  // 370.72
        #expect(try FrequentItemsetMiner(minSupport: 0.3).minimumCount(basketCount: 10) == 3)  // 0.3 × 10 = 3.0000000000000004
        #expect(try FrequentItemsetMiner(minSupport: 1).minimumCount(basketCount: 7) == 7)
        #expect(throws: MiningParameterError(parameter: "minSupport", reason: "must be in (0, 1], got 0.0")) {
            try FrequentItemsetMiner(minSupport: 0)
        }
        #expect(throws: MiningParameterError.self) { try FrequentItemsetMiner(minCount: 0) }
        #expect(throws: MiningParameterError.self) { try FrequentItemsetMiner(minCount: 2, maxLength: 0) }
    }

    @Test("Groceries at 0.001: 157 items and 13,492 itemsets by size (README; arules, mlxtend)")
    func groceries() throws {
        guard let data = MiningTestData.groceries else { return }
        let itemsets = try FrequentItemsetMiner(minSupport: 0.001).mine(data.baskets, itemCount: data.items.count)
        #expect(itemsets.minCount == 10)
        #expect(itemsets.count == 13_492)
        #expect(itemsets.countsBySize() == [1: 157, 2: 2_981, 3: 6_831, 4: 3_137, 5: 376, 6: 10])
        // Every stored itemset is ascending, and its count is the number of baskets holding it.
        let sample = stride(from: 0, to: itemsets.count, by: 97).map { itemsets[$0] }
        for itemset in sample {
            #expect(zip(itemset.items, itemset.items.dropFirst()).allSatisfy { $0 < $1 })
            #expect(itemset.count == data.baskets.filter { b in itemset.items.allSatisfy { b.contains($0) } }.count)
        }
        // With count ≥ 9 (arules' printed "absolute minimum support count") there would be 16,188.
        #expect(try FrequentItemsetMiner(minCount: 9).mine(data.baskets, itemCount: data.items.count).count == 16_188)
        #expect(try FrequentItemsetMiner(minSupport: 0.001, maxLength: 3).mine(data.baskets, itemCount: data.items.count).count == 157 + 2_981 + 6_831)
    }

    @Test("Groceries: most frequent pairs and support 0.005 (README)")
    func groceriesPairs() throws {
        guard let data = MiningTestData.groceries else { return }
        let itemsets = try FrequentItemsetMiner(minSupport: 0.001).mine(data.baskets, itemCount: data.items.count)
        let pairs = itemsets.filter { $0.items.count == 2 }.sorted { $0.count > $1.count }.prefix(5)
        let named = pairs.map { p in (Set(p.items.map { data.items.key(at: $0) }), p.count) }
        let expected: [(Set<String>, Int)] = [
            (["other vegetables", "whole milk"], 736), (["rolls/buns", "whole milk"], 557), (["whole milk", "yogurt"], 551),
            (["root vegetables", "whole milk"], 481), (["other vegetables", "root vegetables"], 466),
        ]
        #expect(named.map(\.0) == expected.map(\.0))
        #expect(named.map(\.1) == expected.map(\.1))

        let coarse = try FrequentItemsetMiner(minSupport: 0.005).mine(data.baskets, itemCount: data.items.count)
        #expect(coarse.count == 1_001)
        #expect(coarse.countsBySize() == [1: 120, 2: 605, 3: 264, 4: 12])
    }

    @Test("Online Retail at 0.02 and 0.01: 251 and 1,031 itemsets by size (README)")
    func onlineRetail() throws {
        guard let data = MiningTestData.onlineRetail else { return }
        #expect(data.baskets.count == 18_536)
        let at2 = try FrequentItemsetMiner(minSupport: 0.02).mine(data.baskets, itemCount: data.items.count)
        #expect(at2.minCount == 371)
        #expect(at2.countsBySize() == [1: 209, 2: 41, 3: 1])
        let at1 = try FrequentItemsetMiner(minSupport: 0.01).mine(data.baskets, itemCount: data.items.count)
        #expect(at1.minCount == 186)
        #expect(at1.count == 1_031)
        #expect(at1.countsBySize() == [1: 625, 2: 333, 3: 71, 4: 2])
        // README's top pairs: 22386+85099B 546, 22697+22699 541.
        let key = { (s: String) in data.items.index(of: s)! }
        #expect(at1.count(of: [key("22386"), key("85099B")]) == 546)
        #expect(at1.count(of: [key("22697"), key("22699")]) == 541)
    }
}
