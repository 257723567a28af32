import Commerce
import Foundation
import Risk
import Testing
import TestSupport

/// Hand-built orders for feature tests: every expected value below is counted by hand from the
/// definitions in `RiskFeatureState`'s documentation (windows are (t − w, t], the subject left out).
private enum Make {
    /// 2026-01-01 00:00:00 UTC (1,767,225,600 s): midnight, so hours are easy to read.
    static let base: Double = 1_767_225_600
    static let hour: Double = 3_600
    static let day: Double = 86_400

    static func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: base + seconds) }
    static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "USD") }

    static func address(_ street: String = "1 Main St", zip: String = "10001", country: String = "US") -> Address {
        Address(address1: street, zip: zip, countryCode: country)
    }

    static func card(_ bin: String, status: String = "success", company: String = "visa", kind: String = "sale",
                     avs: String? = nil, cvv: String? = nil) -> PaymentAttempt {
        PaymentAttempt(id: Int64(bin.hashValue & 0xffff), kind: kind, status: status, cardBIN: bin, cardCompany: company,
                       avsResultCode: avs, cvvResultCode: cvv)
    }

    /// An order at `base + t` of one $100 line unless told otherwise.
    static func order(
        _ id: Int64, at t: Double, customer: Int64? = nil, email: String? = nil, ip: String? = nil,
        bins: [String] = [], payments: [PaymentAttempt]? = nil, shipping: Address? = nil, billing: Address? = nil,
        cents: Int64 = 10_000, lines: [LineItem]? = nil, discountCents: Int64 = 0,
        shippingLines: [ShippingLine] = [], channel: Channel = .web,
        location: Int64? = nil, staff: Int64? = nil, discounts: [DiscountApplication] = [], refunds: [Refund] = []
    ) -> Order {
        let items = lines ?? [LineItem(id: id * 10, productID: 1, variantID: 2, title: "Shirt", quantity: 1,
                                       price: usd(cents + discountCents), totalDiscount: usd(discountCents))]
        return Order(
            id: id, name: "#\(id)", email: email, createdAt: at(t), updatedAt: at(t), currency: "USD", channel: channel,
            locationID: location, customer: customer.map { Customer(id: $0, email: email) }, browserIP: ip,
            billingAddress: billing, shippingAddress: shipping, subtotalPrice: usd(cents), totalPrice: usd(cents),
            totalDiscounts: usd(discountCents), totalTax: usd(0), lineItems: items, refunds: refunds, userID: staff,
            shippingLines: shippingLines, discountApplications: discounts,
            payments: payments ?? bins.map { card($0) })
    }

    static func giftCards(_ count: Int, cents: Int64 = 2_500) -> LineItem {
        LineItem(id: nil, productID: 3, variantID: 4, title: "Gift card", quantity: count, price: usd(cents),
                 totalDiscount: usd(0), isGiftCard: true)
    }

    static func refund(_ id: Int64, order: Int64, at t: Double, cents: Int64 = 5_000, staff: Int64? = nil,
                       location: Int64? = nil) -> Refund {
        Refund(id: id, orderID: order, createdAt: at(t), lineItems: [], amount: usd(cents), userID: staff,
               locationID: location)
    }
}

@Suite("RiskFeatureState")
struct RiskFeatureStateTests {
    let t = 12 * Make.hour  // the subject's time: noon, base + 12 h

    /// All five keys the same on every order, at times chosen around each window's edges.
    @Test("velocity: windows are (t − w, t]; an order exactly 1 h earlier is out of the 1 h window; later orders never count")
    func velocityWindows() {
        var state = RiskFeatureState()
        func o(_ id: Int64, _ dt: Double, email: String = "ada@example.com", street: String = "1 Main St") -> Order {
            Make.order(id, at: t + dt, customer: 1, email: email, ip: "10.0.0.1", bins: ["411111"],
                       shipping: Make.address(street))
        }
        state.record(o(1, -30 * Make.day))            // exactly 30 d earlier: in no window
        state.record(o(2, -30 * Make.day + 1))        // 30 d only
        state.record(o(3, -7 * Make.day + 60))        // 7 d, 30 d
        state.record(o(4, -Make.hour))               // exactly 1 h earlier: 24 h, 7 d, 30 d (not 1 h)
        state.record(o(5, -60, email: "  ADA@Example.com "))  // all windows; email normalised
        state.record(o(6, 0, street: "1   main  ST"))  // the same instant, recorded earlier: all windows
        state.record(o(7, 60))                       // after the subject: none
        let v = state.features(for: .order(o(8, 0)))
        // 1 h: o5, o6 = 2; 24 h: o4, o5, o6 = 3; 7 d: o3…o6 = 4; 30 d: o2…o6 = 5.
        for (h1, h24, d7, d30) in [
            (RiskFeature.customerOrders1h, RiskFeature.customerOrders24h, RiskFeature.customerOrders7d, RiskFeature.customerOrders30d),
            (.emailOrders1h, .emailOrders24h, .emailOrders7d, .emailOrders30d),
            (.ipOrders1h, .ipOrders24h, .ipOrders7d, .ipOrders30d),
            (.cardOrders1h, .cardOrders24h, .cardOrders7d, .cardOrders30d),
            (.addressOrders1h, .addressOrders24h, .addressOrders7d, .addressOrders30d),
        ] {
            #expect(v[h1] == 2, "\(h1)")
            #expect(v[h24] == 3, "\(h24)")
            #expect(v[d7] == 4, "\(d7)")
            #expect(v[d30] == 5, "\(d30)")
        }
        // One buyer throughout: the subject's own.
        #expect(v[.ipDistinctCustomers24h] == 1)
        #expect(v[.cardDistinctCustomers7d] == 1)
        // Earlier orders (time ≤ t): o1…o6 = 6; the last at t itself → 0 days.
        #expect(v[.customerPriorOrders] == 6)
        #expect(v[.daysSinceCustomerLastOrder] == 0)
        #expect(v[.isNewCustomer] == 0)
        #expect(state.recordedOrders == 7)
    }

    @Test("missing keys are NaN, not 0; a guest without email is new")
    func missingKeys() {
        var state = RiskFeatureState()
        state.record(Make.order(1, at: 0, customer: 5, email: "x@example.com", ip: "10.0.0.1", bins: ["411111"],
                                shipping: Make.address()))
        let v = state.features(for: .order(Make.order(2, at: t)))
        for f in [RiskFeature.customerOrders1h, .emailOrders24h, .ipOrders7d, .cardOrders30d, .addressOrders1h,
                  .ipDistinctCustomers24h, .cardDistinctCustomers7d, .customerPriorOrders,
                  .daysSinceCustomerLastOrder, .amountToCustomerMean, .customerRefunds30d,
                  .customerRefundRate90d, .billingShippingCountryDiffer, .paymentAttempts, .avsMismatch,
                  .cvvMismatch, .staffRefunds24h, .locationRefunds24h, .refundWithoutMatchingSale] {
            #expect(v[f].isNaN, "\(f)")
        }
        #expect(v[.isNewCustomer] == 1)
        #expect(v[.orderAmount] == 100)
        #expect(v[.isPOS] == 0)
    }

    @Test("re-recording is idempotent; an updated order replaces its keys; a recorded subject is left out")
    func idempotent() {
        var state = RiskFeatureState()
        let first = Make.order(1, at: t - 60, customer: 1, ip: "10.0.0.1")
        state.record(first)
        state.record(first)  // redelivered
        let probe = Make.order(9, at: t, customer: 2, ip: "10.0.0.1")
        #expect(state.recordedOrders == 1)
        #expect(state.features(for: .order(probe))[.ipOrders1h] == 1)

        var updated = first
        updated.browserIP = "10.0.0.2"
        state.record(updated)  // orders/updated with another IP: moves, not added
        #expect(state.recordedOrders == 1)
        #expect(state.features(for: .order(probe))[.ipOrders1h] == 0)
        var probe2 = probe
        probe2.browserIP = "10.0.0.2"
        #expect(state.features(for: .order(probe2))[.ipOrders1h] == 1)

        // Scoring an order after recording it gives what scoring it before did.
        let subject = Make.order(2, at: t, customer: 1, ip: "10.0.0.2", bins: ["411111"], shipping: Make.address())
        let before = state.features(for: .order(subject))
        state.record(subject)
        let after = state.features(for: .order(subject))
        #expect(before == after)
        #expect(after[.customerOrders1h] == 1)  // `first`, not the subject
        #expect(after[.ipDistinctCustomers24h] == 1)
    }

    @Test("prune drops what is older than the retention before the date")
    func prune() {
        var state = RiskFeatureState(options: RiskFeatureOptions(retention: 30 * Make.day))
        state.record(Make.order(1, at: 0, customer: 1))
        state.record(Make.order(2, at: 10 * Make.day, customer: 1))
        state.record(Make.refund(3, order: 1, at: 1 * Make.day, staff: 4))
        state.record(Make.order(4, at: 3 * Make.day, customer: 2))
        state.record(Make.order(4, at: 12 * Make.day, customer: 2))  // updated: processed on day 12 → kept
        state.record(Make.order(5, at: 2 * Make.day, customer: 2))   // a late webhook for day 2 → dropped
        state.prune(before: Make.at(35 * Make.day))  // cutoff: day 5
        #expect(state.recordedOrders == 2)
        #expect(state.features(for: .order(Make.order(9, at: 20 * Make.day, customer: 2)))[.customerPriorOrders] == 1)
        #expect(state.recordedRefunds == 0)
        let v = state.features(for: .order(Make.order(9, at: 20 * Make.day, customer: 1, staff: 4)))
        #expect(v[.customerOrders30d] == 1)
        #expect(v[.customerPriorOrders] == 1)
        #expect(v[.staffRefunds7d] == 0)
        // The pruned order's refund now has no matching sale.
        let check = RefundCheck(at: Make.at(20 * Make.day), locationID: nil, staffID: 4, orderID: 1, amount: Make.usd(100))
        #expect(state.features(for: .refund(check))[.refundWithoutMatchingSale] == 1)
    }

    @Test("distinct customers per IP (24 h) and card (7 d); an order with two BINs counts under both")
    func distinctCustomers() {
        var state = RiskFeatureState()
        state.record(Make.order(1, at: t - 2 * Make.hour, customer: 1, ip: "10.0.0.9"))
        state.record(Make.order(2, at: t - 3 * Make.hour, customer: 2, ip: "10.0.0.9"))
        state.record(Make.order(3, at: t - 5 * Make.hour, email: "g@example.com", ip: "10.0.0.9"))
        state.record(Make.order(4, at: t - 6 * Make.hour, ip: "10.0.0.9"))  // anonymous guest
        state.record(Make.order(5, at: t - 1 * Make.hour, customer: 1, ip: "10.0.0.9"))
        state.record(Make.order(6, at: t - 25 * Make.hour, customer: 3, ip: "10.0.0.9"))  // outside 24 h
        let ipSubject = Make.order(7, at: t, customer: 4, ip: "10.0.0.9")
        let v = state.features(for: .order(ipSubject))
        // Orders 1, 2, 3, 4, 5 = 5; buyers 1, 2, g@, the anonymous guest, and the subject's 4 = 5.
        #expect(v[.ipOrders24h] == 5)
        #expect(v[.ipDistinctCustomers24h] == 5)

        state.record(Make.order(11, at: t - 1 * Make.day, customer: 1, bins: ["411111"]))
        state.record(Make.order(12, at: t - 2 * Make.day, customer: 2, bins: ["411111"]))
        state.record(Make.order(13, at: t - 3 * Make.day, customer: 3, bins: ["522222"]))
        state.record(Make.order(14, at: t - 4 * Make.day, customer: 5, bins: ["411111", "522222"]))
        state.record(Make.order(15, at: t - 8 * Make.day, customer: 7, bins: ["411111"]))  // outside 7 d
        let c = state.features(for: .order(Make.order(16, at: t, customer: 6, bins: ["411111", "522222"])))
        // 411111 in 7 d: 11, 12, 14 = 3; 522222: 13, 14 = 2 → the larger, 3. 30 d: 411111 adds 15 → 4.
        #expect(c[.cardOrders7d] == 3)
        #expect(c[.cardOrders30d] == 4)
        // Buyers 1, 2, 3, 5 and the subject's 6 = 5.
        #expect(c[.cardDistinctCustomers7d] == 5)
    }

    @Test("a card is its BIN + last four digits when known: two cards of one bank range are two cards")
    func cardIsBINAndLastFour() {
        func paid(_ bin: String, _ last4: String?) -> PaymentAttempt {
            PaymentAttempt(id: 1, kind: "sale", status: "success", cardBIN: bin, cardLast4: last4)
        }
        var state = RiskFeatureState()
        state.record(Make.order(1, at: -3 * Make.hour, customer: 1, payments: [paid("411111", "1111")]))
        state.record(Make.order(2, at: -2 * Make.hour, customer: 2, payments: [paid("411111", "2222")]))
        state.record(Make.order(3, at: -1 * Make.hour, customer: 3, payments: [paid("411111", "1111")]))
        state.record(Make.order(4, at: -1 * Make.hour, customer: 4, payments: [paid("411111", nil)]))
        let v = state.features(for: .order(Make.order(5, at: 0, customer: 5, payments: [paid("411111", "1111")])))
        // 411111-1111 in 24 h: orders 1 and 3 = 2 (order 2 is another card; order 4 has only the BIN,
        // which is a different key); buyers 1, 3 and the subject's 5 = 3.
        #expect(v[.cardOrders24h] == 2)
        #expect(v[.cardDistinctCustomers7d] == 3)
        // Only a BIN: matches the BIN-only order 4, not the cards with last four digits.
        let b = state.features(for: .order(Make.order(6, at: 0, customer: 6, payments: [paid("411111", nil)])))
        #expect(b[.cardOrders24h] == 1)
    }

    @Test("amount against the customer's mean and the shop's median; new × high value; refunds")
    func customerHistory() {
        var state = RiskFeatureState()
        #expect(state.features(for: .order(Make.order(1, at: t, customer: 9)))[.amountToShopMedian].isNaN)
        #expect(state.features(for: .order(Make.order(1, at: t, customer: 9)))[.newCustomerHighValue].isNaN)
        state.record(Make.order(1, at: t - 40 * Make.day, customer: 9, cents: 10_000))
        state.record(Make.order(2, at: t - 10 * Make.day, customer: 9, cents: 5_000))
        state.record(Make.refund(3, order: 2, at: t - 5 * Make.day, cents: 3_000))
        let v = state.features(for: .order(Make.order(4, at: t, customer: 9, cents: 30_000)))
        // Mean of $100 and $50 = $75: 300 / 75 = 4. Shop median of {100, 50} = 75 → 4.
        #expect(v[.orderAmount] == 300)
        #expect(v[.amountToCustomerMean] == 4)
        #expect(v[.amountToShopMedian] == 4)
        #expect(v[.customerPriorOrders] == 2)
        #expect(v[.daysSinceCustomerLastOrder] == 10)
        #expect(v[.isNewCustomer] == 0)
        #expect(v[.newCustomerHighValue] == 0)
        // One refund ($30) 5 days ago; 90 d: refunded 30 ÷ ordered 150 = 0.2.
        #expect(v[.customerRefunds30d] == 1)
        #expect(abs(v[.customerRefundRate90d] - 0.2) < 1e-12)

        // A new customer: $300 ≥ 3 × 75 = 225 → 1; $200 < 225 → 0.
        let big = state.features(for: .order(Make.order(5, at: t, customer: 10, cents: 30_000)))
        #expect(big[.isNewCustomer] == 1)
        #expect(big[.newCustomerHighValue] == 1)
        #expect(big[.amountToCustomerMean].isNaN)
        #expect(big[.customerPriorOrders] == 0)
        #expect(state.features(for: .order(Make.order(6, at: t, customer: 10, cents: 20_000)))[.newCustomerHighValue] == 0)
        // A guest whose email ordered before is not new.
        state.record(Make.order(7, at: t - Make.day, email: "bo@example.com"))
        #expect(state.features(for: .order(Make.order(8, at: t, email: "BO@example.com")))[.isNewCustomer] == 0)
    }

    @Test("the shop median covers the last shopMedianWindow recorded totals")
    func shopMedianWindow() {
        var state = RiskFeatureState(options: RiskFeatureOptions(shopMedianWindow: 3))
        for (i, dollars) in [10, 20, 30, 40].enumerated() {
            state.record(Make.order(Int64(i + 1), at: Double(i) * 60, cents: Int64(dollars) * 100))
        }
        // Window {20, 30, 40}: median 30; a $60 order is 2 × it.
        #expect(state.features(for: .order(Make.order(9, at: t, cents: 6_000)))[.amountToShopMedian] == 2)
    }

    @Test("order shape: countries, express on a first order, discounts, gift cards, night")
    func orderShape() {
        var state = RiskFeatureState(options: RiskFeatureOptions(utcOffsetSeconds: -5 * 3_600))
        state.record(Make.order(1, at: 0, customer: 1))
        let express = [ShippingLine(title: "UPS Next Day Air", price: Make.usd(2_500))]
        let abroad = Make.order(2, at: t, customer: 2, shipping: Make.address(country: "CA"), billing: Make.address(),
                                shippingLines: express)
        let v = state.features(for: .order(abroad))
        #expect(v[.billingShippingCountryDiffer] == 1)
        #expect(v[.expressShippingFirstOrder] == 1)
        #expect(v[.discountUsed] == 0)
        #expect(v[.discountShare] == 0)
        let home = Make.order(3, at: t, customer: 1, shipping: Make.address(), billing: Make.address(),
                              shippingLines: express)
        #expect(state.features(for: .order(home))[.billingShippingCountryDiffer] == 0)
        #expect(state.features(for: .order(home))[.expressShippingFirstOrder] == 0)  // returning customer
        let standard = Make.order(4, at: t, customer: 3, shippingLines: [ShippingLine(title: "Standard", price: Make.usd(0))])
        #expect(state.features(for: .order(standard))[.expressShippingFirstOrder] == 0)

        // Two $50 shirts with $25 off: 25 ÷ 100 = 0.25. Paid $75.
        let shirts = LineItem(id: 1, productID: 1, variantID: 2, title: "Shirt", quantity: 2, price: Make.usd(5_000),
                              totalDiscount: Make.usd(2_500))
        let discounted = Make.order(5, at: t, cents: 7_500, lines: [shirts], discountCents: 2_500,
                                    discounts: [DiscountApplication(type: "discount_code", title: "SAVE25", valueType: "fixed_amount", value: 25)])
        let d = state.features(for: .order(discounted))
        #expect(d[.discountUsed] == 1)
        #expect(d[.discountShare] == 0.25)
        #expect(d[.manualDiscountShare] == 0)

        // Two $25 gift cards and a $50 shirt: total $100, gift cards 50 / 100 = 0.5.
        let shirt = LineItem(id: 2, productID: 1, variantID: 2, title: "Shirt", quantity: 1, price: Make.usd(5_000), totalDiscount: Make.usd(0))
        let gifts = state.features(for: .order(Make.order(6, at: t, lines: [Make.giftCards(2), shirt])))
        #expect(gifts[.giftCardCount] == 2)
        #expect(gifts[.giftCardShare] == 0.5)

        // UTC − 5 h: 11:59 UTC is 06:59 local (night, hour ≤ 6); 12:00 UTC is 07:00 local (day).
        #expect(state.features(for: .order(Make.order(7, at: 11 * Make.hour + 59 * 60)))[.placedAtNight] == 1)
        #expect(state.features(for: .order(Make.order(8, at: 12 * Make.hour)))[.placedAtNight] == 0)
        // 04:00 UTC is 23:00 the day before, local.
        #expect(state.features(for: .order(Make.order(9, at: 4 * Make.hour)))[.placedAtNight] == 0)
    }

    @Test("payments: attempts, failures, cards, AVS and CVV from the deciding attempt")
    func payments() {
        let state = RiskFeatureState()
        let payments = [
            Make.card("411111", status: "failure", avs: "Y", cvv: "N"),
            Make.card("522222", status: "error", company: "mastercard"),
            Make.card("411111", status: "success", avs: "N", cvv: "M"),
            Make.card("411111", status: "success", kind: "capture"),
        ]
        let v = state.features(for: .order(Make.order(1, at: t, payments: payments)))
        // Attempts: the three sales (the capture follows one); failed: failure + error = 2;
        // cards: 411111 visa, 522222 mastercard = 2. The successful sale decides: AVS N → 1, CVV M → 0.
        #expect(v[.paymentAttempts] == 3)
        #expect(v[.failedPaymentAttempts] == 2)
        #expect(v[.distinctCardsOnOrder] == 2)
        #expect(v[.avsMismatch] == 1)
        #expect(v[.cvvMismatch] == 0)

        func checks(_ avs: String?, _ cvv: String?) -> (Double, Double) {
            let f = state.features(for: .order(Make.order(2, at: t, payments: [Make.card("411111", avs: avs, cvv: cvv)])))
            return (f[.avsMismatch], f[.cvvMismatch])
        }
        #expect(checks("Z", "N") == (0, 1))  // postal code matched: a partial match is not a mismatch
        #expect(checks("A", nil).0 == 0)
        #expect(checks("C", nil).0 == 1)
        #expect(checks("U", "P").0.isNaN)    // address unavailable: no check happened
        #expect(checks("U", "P").1.isNaN)    // code not processed
        #expect(checks(nil, "S").1.isNaN)
        #expect(checks(nil, nil).0.isNaN)
        // An order whose payload carries no transactions: unknown, not zero.
        #expect(state.features(for: .order(Make.order(3, at: t)))[.paymentAttempts].isNaN)
    }

    @Test("POS: a staff member's refund spree, a refund without a sale, embedded and repeated refunds")
    func staffRefundSpree() {
        var state = RiskFeatureState()
        state.record(Make.order(100, at: t - 2 * Make.day, customer: 20, channel: .pos, location: 3, staff: 7))
        for i in 1...5 {  // five refunds in the last 5 hours by staff 7 at location 3
            state.record(Make.refund(Int64(i), order: 100, at: t - Double(i) * Make.hour, staff: 7, location: 3))
        }
        state.record(Make.refund(1, order: 100, at: t - Make.hour, staff: 7, location: 3))  // redelivered
        state.record(Make.refund(6, order: 100, at: t - 3 * Make.day, staff: 7, location: 4))
        state.record(Make.refund(7, order: 100, at: t - 3 * Make.day - 60, staff: 7, location: 4))
        state.record(Make.refund(8, order: 100, at: t - 8 * Make.day, staff: 7, location: 3))  // outside 7 d
        // Another associate's refund at location 3, embedded in an orders/updated payload.
        var updated = Make.order(100, at: t - 2 * Make.day, customer: 20, channel: .pos, location: 3, staff: 7)
        updated.refunds = [Make.refund(9, order: 100, at: t - 2 * Make.hour, staff: 8, location: 3)]
        state.record(updated)
        #expect(state.recordedRefunds == 9)

        let noReceipt = RefundCheck(at: Make.at(t), locationID: 3, staffID: 7, amount: Make.usd(25_000))
        let v = state.features(for: .refund(noReceipt))
        // Staff 7: refunds 1–5 in 24 h = 5; plus 6, 7 in 7 d = 7. Location 3 in 24 h: 1–5 and 9 = 6.
        #expect(v[.staffRefunds24h] == 5)
        #expect(v[.staffRefunds7d] == 7)
        #expect(v[.locationRefunds24h] == 6)
        #expect(v[.refundWithoutMatchingSale] == 1)
        #expect(v[.orderAmount] == 250)
        #expect(v[.isPOS] == 1)
        #expect(v[.paymentAttempts].isNaN)
        #expect(v[.ipOrders24h].isNaN)
        #expect(v[.customerPriorOrders].isNaN)  // nobody named

        // With the receipt: the sale (order 100, customer 20) was recorded and names the customer. All nine refunds
        // of $50 are within 30 d (the oldest is 8 days old) → 9; ordered $100 in 90 d, refunded 9 × $50 = $450 → 4.5.
        let receipt = RefundCheck(at: Make.at(t), locationID: 3, staffID: 7, orderID: 100, amount: Make.usd(5_000))
        let r = state.features(for: .refund(receipt))
        #expect(r[.refundWithoutMatchingSale] == 0)
        #expect(r[.customerPriorOrders] == 1)
        #expect(r[.customerRefunds30d] == 9)
        #expect(r[.customerRefundRate90d] == 4.5)
        let unknownSale = RefundCheck(at: Make.at(t), locationID: 3, staffID: 7, orderID: 555, amount: Make.usd(5_000))
        #expect(state.features(for: .refund(unknownSale))[.refundWithoutMatchingSale] == 1)
        // A recorded refund seen as a check.
        #expect(state.features(for: .refund(RefundCheck(refund: Make.refund(10, order: 100, at: t))))[.refundWithoutMatchingSale] == 0)
    }

    @Test("a refund that arrives before its order joins the customer's history when the order comes")
    func refundBeforeOrder() {
        var state = RiskFeatureState()
        state.record(Make.refund(1, order: 50, at: t - Make.hour, cents: 2_500))
        let probe = Make.order(60, at: t, customer: 30)
        #expect(state.features(for: .order(probe))[.customerRefunds30d] == 0)
        state.record(Make.order(50, at: t - Make.day, customer: 30, cents: 10_000))
        let v = state.features(for: .order(probe))
        // One refund of $25 against $100 ordered: 1 and 0.25.
        #expect(v[.customerRefunds30d] == 1)
        #expect(v[.customerRefundRate90d] == 0.25)
    }

    @Test("POS: discount overrides per staff member and location; the override's share")
    func overrides() {
        var state = RiskFeatureState()
        let manual = [DiscountApplication(type: "manual", title: "Price adjustment", valueType: "percentage", value: 20)]
        for i in 1...3 {
            state.record(Make.order(Int64(i), at: t - Double(i) * Make.hour, channel: .pos, location: 3, staff: 7,
                                    discounts: manual))
        }
        state.record(Make.order(4, at: t - 2 * Make.day, channel: .pos, location: 4, staff: 7, discounts: manual))
        state.record(Make.order(5, at: t - Make.hour, channel: .pos, location: 3, staff: 8))  // no override
        let check = DiscountOverrideCheck(at: Make.at(t), locationID: 3, staffID: 7, subtotal: Make.usd(20_000),
                                          discount: Make.usd(5_000))
        let v = state.features(for: .discountOverride(check))
        #expect(v[.staffDiscountOverrides24h] == 3)
        #expect(v[.staffDiscountOverrides7d] == 4)
        #expect(v[.locationDiscountOverrides24h] == 3)
        // $50 off $200 = 0.25; the customer pays $150.
        #expect(v[.manualDiscountShare] == 0.25)
        #expect(v[.discountShare] == 0.25)
        #expect(v[.discountUsed] == 1)
        #expect(v[.orderAmount] == 150)

        // On an order: 20 % of a $200 line = 0.2; a fixed $30 on $200 = 0.15.
        let line = LineItem(id: 1, productID: 1, variantID: 2, title: "Coat", quantity: 1, price: Make.usd(20_000), totalDiscount: Make.usd(0))
        let pct = Make.order(6, at: t, lines: [line], channel: .pos, location: 3, staff: 7, discounts: manual)
        #expect(state.features(for: .order(pct))[.manualDiscountShare] == 0.2)
        #expect(state.features(for: .order(pct))[.isPOS] == 1)
        let fixed = [DiscountApplication(type: "manual", valueType: "fixed_amount", value: 30)]
        let fix = Make.order(7, at: t, lines: [line], channel: .pos, location: 3, staff: 7, discounts: fixed)
        #expect(state.features(for: .order(fix))[.manualDiscountShare] == 0.15)
    }

    @Test("POS: a gift-card burst by one customer and one associate")
    func giftCardBurst() {
        var state = RiskFeatureState()
        state.record(Make.order(1, at: t - 2 * Make.hour, customer: 11, lines: [Make.giftCards(3)], channel: .pos, location: 3, staff: 8))
        state.record(Make.order(2, at: t - 30 * 60, customer: 11, lines: [Make.giftCards(2)], channel: .pos, location: 3, staff: 8))
        state.record(Make.order(3, at: t - 25 * Make.hour, customer: 11, lines: [Make.giftCards(1)], channel: .pos, location: 3, staff: 8))
        state.record(Make.order(4, at: t - Make.hour, customer: 12, lines: [Make.giftCards(4)], channel: .pos, location: 3, staff: 9))
        let check = GiftCardCheck(at: Make.at(t), locationID: 3, staffID: 8, customerID: 11, count: 4, amount: Make.usd(40_000))
        let v = state.features(for: .giftCardSale(check))
        // Customer 11 in 24 h: 3 + 2 = 5 cards (order 3 is 25 h ago); staff 8: the same 5.
        #expect(v[.customerGiftCardPurchases24h] == 5)
        #expect(v[.staffGiftCardSales24h] == 5)
        #expect(v[.customerOrders24h] == 2)
        #expect(v[.customerPriorOrders] == 3)
        #expect(v[.isNewCustomer] == 0)
        #expect(v[.giftCardCount] == 4)
        #expect(v[.giftCardShare] == 1)
        #expect(v[.orderAmount] == 400)
        #expect(v[.refundWithoutMatchingSale].isNaN)
        #expect(v[.cardOrders1h].isNaN)
    }

    @Test("a replayed stream: score then record each order; pruning bounds what is kept")
    func stream() {
        var state = RiskFeatureState(options: RiskFeatureOptions(retention: 30 * Make.day))
        var seed: UInt64 = 42
        func next(_ n: UInt64) -> Int64 {  // SplitMix-free LCG: only spreads keys, values are not asserted
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int64((seed >> 33) % n)
        }
        let n = 20_000
        let orders = (0..<n).map { i in  // one order every 6 minutes: 83 days
            Make.order(Int64(i + 1), at: Double(i) * 360, customer: next(3_000), email: "c\(next(3_000))@example.com",
                       ip: "10.0.\(next(50)).\(next(50))", bins: ["4\(100_000 + next(400))"],
                       shipping: Make.address("\(next(2_000)) Main St"), cents: 1_000 + next(20_000))
        }
        let clock = ContinuousClock()
        var nonNaNCards = 0
        let elapsed = clock.measure {
            for (i, o) in orders.enumerated() {
                let v = state.features(for: .order(o))
                if !v[.cardOrders30d].isNaN { nonNaNCards += 1 }
                state.record(o)
                if i % 1_000 == 999 { state.prune(before: o.createdAt) }
            }
        }
        let micros = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
        print("RiskFeatureState: features + record \(Int(micros / Double(n))) µs per order over \(n) orders (not asserted)")
        #expect(nonNaNCards == n)
        // The last prune is at order i = 19,999 (7,199,640 s); 30 d earlier is 4,607,640 s = order 12,799 × 360 s,
        // so orders 12,799 … 19,999 are kept: 7,201.
        #expect(state.recordedOrders == 7_201)
    }

    @Test("Shopify's sample orders/create and refunds/create webhooks, through the wire decoder")
    func shopifySamples() throws {
        guard let orderBody = SharedData.data("shopify/webhooks/orders_create.json"),
              let refundBody = SharedData.data("shopify/webhooks/refunds_create.json") else { return }
        guard case .order(let order) = try ShopifyJSON.decode(topic: .ordersCreate, body: orderBody),
              case .refund(let refund) = try ShopifyJSON.decode(topic: .refundsCreate, body: refundBody) else {
            Issue.record("the samples decode to an order and a refund"); return
        }
        var state = RiskFeatureState()
        let v = state.features(for: .order(order))
        // From the file: total_price "404.95"; five lines of 89.99 + 19.99 + 24.99 + 159.99 + 119.99 = 414.95 with
        // total_discounts "20.00" → 20 / 414.95; billing and shipping both US; "Generic Shipping"; browser_ip null;
        // no transactions; created 2021-12-31T19:00:00-05:00 = 00:00 UTC (night at offset 0); source web.
        #expect(abs(v[.orderAmount] - 404.95) < 1e-9)
        #expect(abs(v[.discountShare] - 20 / 414.95) < 1e-9)
        #expect(v[.discountUsed] == 1)
        #expect(v[.billingShippingCountryDiffer] == 0)
        #expect(v[.expressShippingFirstOrder] == 0)
        #expect(v[.isNewCustomer] == 1)
        #expect(v[.customerPriorOrders] == 0)
        #expect(v[.ipOrders1h].isNaN)
        #expect(v[.paymentAttempts].isNaN)
        #expect(v[.placedAtNight] == 1)
        #expect(v[.isPOS] == 0)
        #expect(v[.amountToShopMedian].isNaN)  // the shop's first order

        state.record(order)
        state.record(refund)
        // refund.order_id is the sample order; its two successful refund transactions are 75.00 + 10.00.
        let check = RefundCheck(refund: refund)
        #expect(state.features(for: .refund(check))[.refundWithoutMatchingSale] == 0)
        var next = order
        next.id = 1
        next.processedAt = order.processedAt.map { $0.addingTimeInterval(86_400) }
        let later = state.features(for: .order(next))
        #expect(later[.customerPriorOrders] == 1)
        #expect(later[.customerRefunds30d] == 1)
        #expect(abs(later[.customerRefundRate90d] - 85 / 404.95) < 1e-9)
        #expect(later[.amountToShopMedian] == 1)
    }

    @Test("options decode with defaults for missing keys")
    func optionsDecode() throws {
        let o = try JSONDecoder().decode(RiskFeatureOptions.self, from: Data(#"{"highValueMultiple": 5}"#.utf8))
        #expect(o.highValueMultiple == 5)
        #expect(o.retention == 90 * 86_400)
        #expect(o.expressShippingWords.contains("overnight"))
    }
}
