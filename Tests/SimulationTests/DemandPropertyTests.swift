import Commerce
import Foundation
import Simulation
import Testing

/// The statistical shape of the two-year demo, against expectations written down here.
@Suite("Demand properties of the demo preset")
struct DemandPropertyTests {
    let s = DemoRun.statistics
    let configuration = SimulationConfiguration.demo

    @Test("two years hold 40–50k orders (730 days × 60 a day, less a few % lost to stockouts)")
    func volume() {
        #expect((40_000...50_000).contains(s.orders))
        #expect(s.topicCounts["customers/create"] == 5_000)
    }

    @Test("December revenue beats the year's monthly mean by more than 30 %")
    func holidayPeak() {
        // The seasonal curve puts ~+50 % on December; 1.3 leaves room for noise and growth.
        #expect(s.decemberRatio(year: 2024) > 1.3)
    }

    @Test("weekends are busier than weekdays in the cafés and quieter online, as configured")
    func weekly() {
        func weekendOverWeekday(_ w: [Double]) -> Double {
            ((w[0] + w[6]) / 2) / ((w[1] + w[2] + w[3] + w[4] + w[5]) / 5)
        }
        let posExpected = weekendOverWeekday(configuration.posWeekdayWeights)  // 1.50
        let webExpected = weekendOverWeekday(configuration.onlineWeekdayWeights)  // 0.885
        #expect(posExpected > 1 && webExpected < 1)
        #expect(s.weekendRatio(pos: true) > 1.2)
        #expect(s.weekendRatio(pos: false) < 0.95)
        #expect(abs(s.weekendRatio(pos: true) - posExpected) < 0.15)
        #expect(abs(s.weekendRatio(pos: false) - webExpected) < 0.08)
    }

    @Test("the most frequent product pair is bought together well above chance")
    func coPurchase() throws {
        let top = try #require(s.topPairLift())
        // Independence would give lift 1; small baskets push unrelated pairs below it.
        #expect(top.lift > 2)
        #expect(top.count > 300)
    }

    @Test("kits co-occur far above chance")
    func bundles() {
        let n = Double(s.basketsWithMerchandise)
        let lifts = s.pairOrders.filter { $0.value >= 50 }.map { pair, count in
            (Double(count) / n) / (Double(s.productOrders[pair.a]!) / n * Double(s.productOrders[pair.b]!) / n)
        }
        #expect((lifts.max() ?? 0) > 10)
    }

    @Test("most variants sell intermittently (ADI > 1.32)")
    func intermittency() {
        #expect(s.intermittentShare(days: configuration.days) > 0.5)
    }

    @Test("gift cards, guests, discount codes and foreign presentment currencies all appear")
    func mix() {
        #expect(s.giftCardLines > 100)
        let guestShare = Double(s.guestOrders) / Double(s.orders)
        #expect(guestShare > 0.1 && guestShare < 0.3, "configured 0.2")
        #expect(s.discountedOrders > 500)
        #expect(s.foreignPresentment > 0)
    }

    @Test("refunds run at about the configured rate, some partial")
    func refundRate() {
        let rate = Double(s.refunds) / Double(s.orders)
        #expect(abs(rate - configuration.refundRate) < 0.015)
        #expect(s.partialRefunds > 0)
    }

    @Test("customers differ: orders per customer have a coefficient of variation above 1")
    func heterogeneity() {
        // A homogeneous Poisson population over equal exposure would have CV ≈ 1/√mean < 0.5.
        #expect(s.ordersPerCustomerCV() > 1)
    }
}
