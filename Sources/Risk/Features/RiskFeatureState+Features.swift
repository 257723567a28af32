import Commerce
import Foundation

extension RiskFeatureState {
    /// Features of `subject` from what was recorded before it; the subject itself is not counted or
    /// recorded. Features that do not apply to the subject (payment checks on a POS refund) are NaN.
    public func features(for subject: RiskSubject) -> RiskFeatureVector {
        switch subject {
        case .order(let order): features(order: order)
        case .refund(let check): features(refund: check)
        case .giftCardSale(let check): features(giftCards: check)
        case .discountOverride(let check): features(override: check)
        }
    }

    // MARK: - Subjects

    private func features(order: Order) -> RiskFeatureVector {
        var v = RiskFeatureVector()
        let t = Self.seconds(order.processedAt ?? order.createdAt)
        // A subject recorded already (scored after its webhook was recorded) is left out by id.
        let skip = orders[order.id].map { Skip(id: order.id, time: $0.time) }
        let q = Query(state: self, t: t, skip: skip)
        let email = Self.normalizedEmail(order.email ?? order.customer?.email)
        let customerID = order.customer?.id
        let customerKey = Self.customerKey(customerID: customerID, email: email)
        let total = Self.units(order.totalPrice)

        // Velocity.
        q.velocity(customerID.map { Prefix.customer + String($0) }, into: &v,
                   .customerOrders1h, .customerOrders24h, .customerOrders7d, .customerOrders30d)
        q.velocity(email.map { Prefix.email + $0 }, into: &v,
                   .emailOrders1h, .emailOrders24h, .emailOrders7d, .emailOrders30d)
        let ipKey = Self.normalizedIP(order.browserIP).map { Prefix.ip + $0 }
        q.velocity(ipKey, into: &v, .ipOrders1h, .ipOrders24h, .ipOrders7d, .ipOrders30d)
        let cardKeys = Self.cards(order).map { Prefix.card + $0 }
        q.velocity(cardKeys, into: &v, .cardOrders1h, .cardOrders24h, .cardOrders7d, .cardOrders30d)
        q.velocity(Self.normalizedAddress(order.shippingAddress).map { Prefix.address + $0 }, into: &v,
                   .addressOrders1h, .addressOrders24h, .addressOrders7d, .addressOrders30d)
        let subjectWho = Self.who(customerKey: customerKey, orderID: order.id)
        v[.ipDistinctCustomers24h] = ipKey.map { q.distinctCustomers([$0], window: Self.day, plus: subjectWho) } ?? .nan
        v[.cardDistinctCustomers7d] = cardKeys.isEmpty
            ? .nan : q.distinctCustomers(cardKeys, window: Self.week, plus: subjectWho)

        // Amount and the customer's history.
        v[.orderAmount] = total
        let isNew = q.hasEarlier(customerID.map { Prefix.customer + String($0) }) == false
            && q.hasEarlier(email.map { Prefix.email + $0 }) == false
        customerHistory(q, customerKey: customerKey, amount: total, isNew: isNew ? 1 : 0, into: &v)
        amountToShop(q, amount: total, into: &v)

        // Order shape.
        if let billing = Self.country(order.billingAddress), let shipping = Self.country(order.shippingAddress) {
            v[.billingShippingCountryDiffer] = billing == shipping ? 0 : 1
        }
        v[.expressShippingFirstOrder] = isNew && order.shippingLines.contains(where: isExpress) ? 1 : 0
        let discounted = order.totalDiscounts.minorUnits > 0 || !order.discountCodes.isEmpty
            || !order.discountApplications.isEmpty
        v[.discountUsed] = discounted ? 1 : 0
        let gross = Self.grossSubtotal(order)
        v[.discountShare] = gross > 0 ? min(1, Self.units(order.totalDiscounts) / gross) : 0
        let gift = Self.giftCards(order)
        v[.giftCardCount] = Double(gift.count)
        v[.giftCardShare] = total > 0 ? min(1, gift.value / total) : (gift.count > 0 ? 1 : 0)
        v[.placedAtNight] = isNight(t)

        // Payment.
        payment(order.payments, into: &v)

        // POS.
        v[.isPOS] = order.channel == .pos || order.locationID != nil ? 1 : 0
        staffAndLocation(q, staff: order.userID, location: order.locationID, into: &v)
        v[.manualDiscountShare] = gross > 0 ? min(1, Self.manualDiscountValue(order, gross: gross) / gross) : 0
        return v
    }

    private func features(refund check: RefundCheck) -> RiskFeatureVector {
        var v = RiskFeatureVector()
        let q = Query(state: self, t: Self.seconds(check.at), skip: nil)
        let amount = Self.units(check.amount)
        // The customer is the associate's, else the refunded order's.
        let saleKey = check.orderID.flatMap { orders[$0]?.customerKey }
        let customerKey = check.customerID.map { Prefix.customer + String($0) } ?? saleKey
        checkCommon(q, amount: amount, customerKey: customerKey, into: &v)
        v[.refundWithoutMatchingSale] = check.orderID.map { orders[$0] == nil ? 1 : 0 } ?? 1
        staffAndLocation(q, staff: check.staffID, location: check.locationID, into: &v)
        return v
    }

    private func features(giftCards check: GiftCardCheck) -> RiskFeatureVector {
        var v = RiskFeatureVector()
        let q = Query(state: self, t: Self.seconds(check.at), skip: nil)
        let amount = Self.units(check.amount)
        checkCommon(q, amount: amount, customerKey: check.customerID.map { Prefix.customer + String($0) }, into: &v)
        v[.giftCardCount] = Double(check.count)
        v[.giftCardShare] = 1  // the sale is the gift cards
        staffAndLocation(q, staff: check.staffID, location: check.locationID, into: &v)
        return v
    }

    private func features(override check: DiscountOverrideCheck) -> RiskFeatureVector {
        var v = RiskFeatureVector()
        let q = Query(state: self, t: Self.seconds(check.at), skip: nil)
        let subtotal = Self.units(check.subtotal), discount = Self.units(check.discount)
        // What the customer will pay, as an order total would be.
        checkCommon(q, amount: subtotal - discount,
                    customerKey: check.customerID.map { Prefix.customer + String($0) }, into: &v)
        v[.discountUsed] = discount > 0 ? 1 : 0
        let share = subtotal > 0 ? min(1, discount / subtotal) : (discount > 0 ? 1 : 0)
        v[.discountShare] = share
        v[.manualDiscountShare] = share
        staffAndLocation(q, staff: check.staffID, location: check.locationID, into: &v)
        return v
    }

    // MARK: - Groups

    /// What every POS check has: the amount, night, POS, and the customer's history when known.
    private func checkCommon(_ q: Query, amount: Double, customerKey: String?, into v: inout RiskFeatureVector) {
        v[.orderAmount] = amount
        v[.placedAtNight] = isNight(q.t)
        v[.isPOS] = 1
        if let customerKey, customerKey.hasPrefix(Prefix.customer) {
            q.velocity(customerKey, into: &v,
                       .customerOrders1h, .customerOrders24h, .customerOrders7d, .customerOrders30d)
        }
        if let customerKey {
            customerHistory(q, customerKey: customerKey, amount: amount,
                            isNew: q.hasEarlier(customerKey) ? 0 : 1, into: &v)
        }
        amountToShop(q, amount: amount, into: &v)
    }

    /// Prior orders, recency, mean amount, new × high value, refunds and gift cards of one customer.
    private func customerHistory(
        _ q: Query, customerKey: String?, amount: Double, isNew: Double, into v: inout RiskFeatureVector
    ) {
        v[.isNewCustomer] = isNew
        guard let customerKey else { return }
        var count = 0, sum = 0.0, last = -Double.infinity
        q.forEach(customerKey, after: -.infinity) { e in
            count += 1; sum += e.value; last = max(last, e.time)
        }
        v[.customerPriorOrders] = Double(count)
        if count > 0 {
            v[.daysSinceCustomerLastOrder] = (q.t - last) / Self.day
            let mean = sum / Double(count)
            if mean > 0 { v[.amountToCustomerMean] = amount / mean }
        }
        var cards = 0
        q.forEach(customerKey, after: q.t - Self.day) { cards += $0.count }
        v[.customerGiftCardPurchases24h] = Double(cards)

        let refundsKey = Prefix.customerRefunds + customerKey
        v[.customerRefunds30d] = q.count(refundsKey, window: Self.days30)
        var ordered = 0.0, refunded = 0.0
        q.forEach(customerKey, after: q.t - Self.days90) { ordered += $0.value }
        q.forEach(refundsKey, after: q.t - Self.days90) { refunded += $0.value }
        if ordered > 0 { v[.customerRefundRate90d] = refunded / ordered }
    }

    /// The amount against the shop's running median, and new × high value (after `isNewCustomer`):
    /// 0 for a returning customer, NaN for a new one before the shop has a median.
    private func amountToShop(_ q: Query, amount: Double, into v: inout RiskFeatureVector) {
        let median = shopMedian(excluding: q.skip?.id)
        if let median, median > 0 { v[.amountToShopMedian] = amount / median }
        let isNew = v[.isNewCustomer]
        if isNew == 0 {
            v[.newCustomerHighValue] = 0
        } else if isNew == 1, let median {
            v[.newCustomerHighValue] = amount >= options.highValueMultiple * median ? 1 : 0
        }
    }

    /// Staff and location velocities: refunds, overrides and gift-card sales.
    private func staffAndLocation(_ q: Query, staff: Int64?, location: Int64?, into v: inout RiskFeatureVector) {
        if let staff {
            let s = String(staff)
            v[.staffRefunds24h] = q.count(Prefix.staffRefunds + s, window: Self.day)
            v[.staffRefunds7d] = q.count(Prefix.staffRefunds + s, window: Self.week)
            v[.staffDiscountOverrides24h] = q.count(Prefix.staffOverrides + s, window: Self.day)
            v[.staffDiscountOverrides7d] = q.count(Prefix.staffOverrides + s, window: Self.week)
            var cards = 0
            q.forEach(Prefix.staffGiftCards + s, after: q.t - Self.day) { cards += $0.count }
            v[.staffGiftCardSales24h] = Double(cards)
        }
        if let location {
            let l = String(location)
            v[.locationRefunds24h] = q.count(Prefix.locationRefunds + l, window: Self.day)
            v[.locationDiscountOverrides24h] = q.count(Prefix.locationOverrides + l, window: Self.day)
        }
    }

    /// Attempts, failures, cards and the last address / security-code check.
    private func payment(_ payments: [PaymentAttempt], into v: inout RiskFeatureVector) {
        guard !payments.isEmpty else { return }
        var attempts = 0, failed = 0
        var cards: [String] = []
        for p in payments where Self.isAttempt(p) {
            attempts += 1
            if p.status == "failure" || p.status == "error" { failed += 1 }
            let card = (p.cardBIN ?? "") + "|" + (p.cardCompany?.lowercased() ?? "")
            if card != "|", !cards.contains(card) { cards.append(card) }
        }
        v[.paymentAttempts] = Double(attempts)
        v[.failedPaymentAttempts] = Double(failed)
        v[.distinctCardsOnOrder] = Double(cards.count)
        // The check that decided the order: the last successful attempt carrying a code, else the last code.
        let avs = Self.lastCode(payments, \.avsResultCode)
        v[.avsMismatch] = avs.map(Self.avsMismatch) ?? .nan
        let cvv = Self.lastCode(payments, \.cvvResultCode)
        v[.cvvMismatch] = cvv.map(Self.cvvMismatch) ?? .nan
    }

    // MARK: - Definitions

    /// An attempt to take money: authorizations and sales (captures, voids and refunds follow one).
    static func isAttempt(_ p: PaymentAttempt) -> Bool {
        let k = p.kind.lowercased()
        return k == "authorization" || k == "sale"
    }

    static func lastCode(_ payments: [PaymentAttempt], _ code: KeyPath<PaymentAttempt, String?>) -> String? {
        func clean(_ p: PaymentAttempt) -> String? {
            guard let c = p[keyPath: code]?.trimmingCharacters(in: .whitespaces).uppercased(), !c.isEmpty else { return nil }
            return c
        }
        if let p = payments.last(where: { $0.status == "success" && clean($0) != nil }) { return clean(p) }
        return payments.last(where: { clean($0) != nil }).flatMap(clean)
    }

    /// AVS (address verification) result → mismatch. Codes as Shopify passes them from the card
    /// networks (Visa / Mastercard / Amex letters):
    /// - 0, a full or partial match: Y, X, D, F, M (street and postal code), A, B (street only),
    ///   W, Z, P (postal code only). A partial match is not counted as a mismatch: the buyer knew
    ///   part of the card's registered address.
    /// - 1, checked and not matched: N (neither matches), C and I (international: street and postal
    ///   code not verified / address not verified).
    /// - NaN, no check happened: G (issuer outside AVS), R (retry: system unavailable), S (not
    ///   supported), U (address unavailable), E (AVS error), and unknown letters. Like an absent code,
    ///   this is missing information, not evidence either way.
    static func avsMismatch(_ code: String) -> Double {
        switch code {
        case "Y", "X", "D", "F", "M", "A", "B", "W", "Z", "P": 0
        case "N", "C", "I": 1
        default: .nan
        }
    }

    /// CVV (card security code) result → mismatch: M match 0; N no match 1; P (not processed),
    /// S (should be on the card but the buyer said it is not), U (issuer not certified) and others NaN.
    static func cvvMismatch(_ code: String) -> Double {
        switch code {
        case "M": 0
        case "N": 1
        default: .nan
        }
    }

    /// 1 when the local hour (UTC + `utcOffsetSeconds`) is 0 … `nightLastHour`.
    func isNight(_ t: Double) -> Double {
        let local = t + Double(options.utcOffsetSeconds)
        var secondOfDay = local.truncatingRemainder(dividingBy: Self.day)
        if secondOfDay < 0 { secondOfDay += Self.day }
        return Int(secondOfDay / Self.hour) <= options.nightLastHour ? 1 : 0
    }

    /// A shipping line whose title or code contains an express word.
    func isExpress(_ line: ShippingLine) -> Bool {
        let text = line.title.lowercased() + " " + (line.code?.lowercased() ?? "")
        return expressWords.contains { text.contains($0) }
    }

    /// The median of the shop's last `shopMedianWindow` recorded totals, leaving out `id` when it
    /// is one of them; nil before the first.
    func shopMedian(excluding id: Int64?) -> Double? {
        var sorted = sortedTotals
        if let id, let own = recentTotals.first(where: { $0.id == id }),
           let i = Self.firstIndex(of: own.total, in: sorted) {
            sorted.remove(at: i)
        }
        guard !sorted.isEmpty else { return nil }
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    // MARK: - Window queries

    /// A recorded subject to leave out.
    struct Skip {
        var id: Int64
        var time: Double
    }

    /// Window queries ending at the subject's time.
    struct Query {
        let state: RiskFeatureState
        let t: Double
        let skip: Skip?

        /// Earlier entries under `key` in (t − window, t]; NaN for a missing key.
        func count(_ key: String?, window: Double) -> Double {
            guard let key else { return .nan }
            guard let s = state.series[key] else { return 0 }
            var n = s.window(after: t - window, through: t).count
            if let skip, skip.time > t - window, skip.time <= t, s.contains(id: skip.id, at: skip.time) { n -= 1 }
            return Double(n)
        }

        /// The four velocity windows of one key.
        func velocity(
            _ key: String?, into v: inout RiskFeatureVector,
            _ h1: RiskFeature, _ h24: RiskFeature, _ d7: RiskFeature, _ d30: RiskFeature
        ) {
            v[h1] = count(key, window: RiskFeatureState.hour)
            v[h24] = count(key, window: RiskFeatureState.day)
            v[d7] = count(key, window: RiskFeatureState.week)
            v[d30] = count(key, window: RiskFeatureState.days30)
        }

        /// The four windows over several keys (cards): the largest count; NaN without keys.
        func velocity(
            _ keys: [String], into v: inout RiskFeatureVector,
            _ h1: RiskFeature, _ h24: RiskFeature, _ d7: RiskFeature, _ d30: RiskFeature
        ) {
            guard !keys.isEmpty else { velocity(nil as String?, into: &v, h1, h24, d7, d30); return }
            for (feature, window) in [(h1, RiskFeatureState.hour), (h24, RiskFeatureState.day),
                                      (d7, RiskFeatureState.week), (d30, RiskFeatureState.days30)] {
                v[feature] = keys.map { count($0, window: window) }.max()!
            }
        }

        /// Whether `key` has any earlier entry (all time); false for a missing key.
        func hasEarlier(_ key: String?) -> Bool {
            guard let key else { return false }
            return count(key, window: .infinity) > 0
        }

        /// Calls `body` for each earlier entry under `key` in (from, t], the subject left out.
        func forEach(_ key: String, after from: Double, _ body: (RiskFeatureSeries.Entry) -> Void) {
            guard let s = state.series[key] else { return }
            for i in s.window(after: from, through: t) {
                let e = s.entries[i]
                if let skip, e.id == skip.id, e.time == skip.time { continue }
                body(e)
            }
        }

        /// Distinct buyers among the earlier entries under `keys` in the window, plus the subject's own.
        func distinctCustomers(_ keys: [String], window: Double, plus own: Int) -> Double {
            var seen: Set<Int> = [own]
            for key in keys { forEach(key, after: t - window) { seen.insert($0.who) } }
            return Double(seen.count)
        }
    }
}
