import Testing
@testable import Recommendations

@Suite("Evaluation tasks")
struct EvaluationTaskTests {
    let train = [
        Basket(id: "1", customer: 0, time: 10, items: [1, 2]),
        Basket(id: "2", customer: 1, time: 5, items: [4]),
        Basket(id: "3", customer: 0, time: 20, items: [2, 3]),
        Basket(id: "4", customer: nil, time: 21, items: [1, 9]),
    ]
    let test = [
        Basket(id: "5", customer: 0, time: 40, items: [5, 6]),
        Basket(id: "6", customer: 0, time: 30, items: [2, 7]),
        Basket(id: "7", customer: 2, time: 35, items: [1]),
        Basket(id: "8", customer: 1, time: 50, items: [4, 8]),
        Basket(id: "9", customer: nil, time: 60, items: [1, 2, 3]),
    ]

    @Test("Next basket: customers with a training basket; their earliest test basket; history with orders and last times")
    func nextBasket() {
        let cases = EvaluationTask.nextBasket.cases(train: train, test: test, now: 25)
        #expect(cases.count == 2)  // customer 2 has no training basket; guests have no history
        #expect(cases[0] == EvaluationCase(
            customer: 0,
            history: [PurchasedItem(item: 1, orders: 1, lastTime: 10), PurchasedItem(item: 2, orders: 2, lastTime: 20),
                      PurchasedItem(item: 3, orders: 1, lastTime: 20)],
            now: 25, relevant: [2, 7]))  // the basket at 30, not the one listed first at 40
        #expect(cases[1] == EvaluationCase(customer: 1, history: [PurchasedItem(item: 4, orders: 1, lastTime: 5)],
                                           now: 25, relevant: [4, 8]))
        #expect(cases.allSatisfy { $0.seeds.isEmpty && $0.excluded.isEmpty })
    }

    @Test("Bought together: one hidden item per basket of 2 or more; the rest are seeds and excluded")
    func boughtTogether() {
        let cases = EvaluationTask.boughtTogether.cases(train: train, test: test, now: 25)
        #expect(cases.count == 4)
        for (testCase, basket) in zip(cases, [test[0], test[1], test[3], test[4]]) {
            #expect(testCase.relevant.count == 1)
            #expect(testCase.seeds == testCase.excluded)
            #expect((testCase.seeds + testCase.relevant).sorted() == basket.items)
            #expect(testCase.customer == basket.customer)
        }
        #expect(EvaluationTask.boughtTogether.cases(train: train, test: test, now: 25) == cases)
    }

    @Test("Bought together: each position is hidden about equally often")
    func hiddenPositions() {
        let baskets = (0..<3_000).map { Basket(id: "\($0)", items: [0, 1, 2]) }
        var counts = [0, 0, 0]
        for testCase in EvaluationTask.boughtTogether.cases(train: [], test: baskets, now: nil) {
            counts[Int(testCase.relevant[0])] += 1
        }
        // 1,000 expected each; σ = √(3,000 · 1/3 · 2/3) ≈ 26, so ±150 is over 5 σ.
        #expect(counts.allSatisfy { abs($0 - 1_000) < 150 })
    }

    @Test("SplitMix64: the reference sequence for seed 1234567")
    func splitMix() {
        // Vigna's splitmix64.c with x = 1234567: first outputs.
        var random = EvaluationRandom(seed: 1_234_567)
        #expect(random.next() == 6_457_827_717_110_365_317)
        #expect(random.next() == 3_203_168_211_198_807_973)
    }
}

extension EvaluationTaskTests {
    @Test("New items: only items not bought before count, and the past items are excluded")
    func newItems() {
        let cases = EvaluationTask.newItems.cases(train: train, test: test, now: 25)
        // Customer 0's first test basket [2, 7]: 2 was bought before, 7 is new.
        // Customer 1's [4, 8]: 8 is new.
        #expect(cases.map(\.relevant) == [[7], [8]])
        #expect(cases.map(\.excluded) == [[1, 2, 3], [4]])
        let onlyRepeats = EvaluationTask.newItems.cases(train: train, test: [Basket(id: "r", customer: 0, time: 30, items: [1, 3])], now: 25)
        #expect(onlyRepeats.isEmpty)
    }
}
