import Testing
@testable import Recommendations

@Suite("Recommendation request")
struct RecommendationRequestTests {
    @Test("Product page: one seed of weight 1")
    func product() {
        #expect(RecommendationRequest.product(4).seeds == [Seed(item: 4, weight: 1)])
    }

    @Test("Cart: items weigh 1, viewed 0.5, an item both in the cart and viewed counts once as a cart item")
    func cart() {
        let r = RecommendationRequest.cart([3, 7, 3], viewed: [7, 9])
        #expect(r.seeds == [Seed(item: 3, weight: 1), Seed(item: 7, weight: 1), Seed(item: 9, weight: 0.5)])
        #expect(r.history.isEmpty)
    }

    @Test("Customer: history kept, viewed items as seeds of 0.5")
    func customer() {
        let h = [PurchasedItem(item: 2, orders: 3, lastTime: 10)]
        let r = RecommendationRequest.customer(history: h, viewed: [5], now: 20)
        #expect(r.history == h && r.now == 20 && r.seeds == [Seed(item: 5, weight: 0.5)])
    }
}

@Suite("Purchased item")
struct PurchasedItemTests {
    @Test("History from baskets: item 3 in two baskets (last at 300), item 1 once with no time, item 5 once at 100")
    func historyFromBaskets() {
        let baskets = [
            Basket(id: "a", customer: 0, time: 100, items: [5, 3]),
            Basket(id: "b", customer: 0, time: nil, items: [1]),
            Basket(id: "c", customer: 0, time: 300, items: [3]),
        ]
        #expect(PurchasedItem.history(from: baskets) == [
            PurchasedItem(item: 1, orders: 1, lastTime: nil),
            PurchasedItem(item: 3, orders: 2, lastTime: 300),
            PurchasedItem(item: 5, orders: 1, lastTime: 100),
        ])
    }
}
