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
