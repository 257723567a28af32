import Commerce
import Foundation

/// Fraud in the event stream: what a legitimate order triggers, and each fraud step when it is due.
/// Everything here draws from `StoreFraud`'s own streams and never moves stock.
extension SimulationEngine {
    /// Called after each legitimate order: may schedule fraud that rides on the day's traffic.
    func fraudAfter(_ order: Order, customer c: Int?, slot: Int, at time: Int64) {
        guard let fraud else { return }
        let rates = fraud.configuration
        func later(mean: Double) -> Int64 { time + min(12 * 3_600, max(60, Int64(fraud.rng.exponential(mean: mean)))) }

        if slot == 0 {
            if fraud.rng.bernoulli(rates.stolenCardRate) {
                let plan = FraudOrderPlan(pattern: .stolenCard, ip: fraud.fraudIP(poolShare: 0.8), bin: fraud.randomBIN())
                schedule(.fraud(.order(plan)), at: later(mean: 3 * 3_600))
            }
            if fraud.rng.bernoulli(rates.giftCardFraudRate) {
                let plan = FraudOrderPlan(pattern: .giftCardFraud, ip: fraud.fraudIP(poolShare: 0.8), bin: fraud.randomBIN())
                schedule(.fraud(.order(plan)), at: later(mean: 3 * 3_600))
            }
            if fraud.rng.bernoulli(rates.accountTakeoverRate), let victim = takeoverVictim(excluding: c, &fraud.rng) {
                let plan = FraudOrderPlan(
                    pattern: .accountTakeover, ip: fraud.fraudIP(poolShare: 0.7),
                    bin: details?.customerCards[victim].map { CheckoutDetails.bins[$0] } ?? fraud.randomBIN(), customer: victim)
                schedule(.fraud(.order(plan)), at: later(mean: 3 * 3_600))
            }
            if fraud.rng.bernoulli(rates.cardTestingBurstRate) {
                // One tester, one IP, one BIN range: 4–12 tiny orders inside the hour.
                let start = later(mean: 2 * 3_600)
                let plan = FraudOrderPlan(pattern: .cardTesting, ip: fraud.fraudIP(poolShare: 1), bin: fraud.randomBIN())
                var offsets = (0..<(4 + fraud.rng.int(below: 9))).map { _ in Int64(fraud.rng.int(below: 3_300)) }
                offsets.sort()
                for offset in offsets { schedule(.fraud(.order(plan)), at: start + offset) }
            }
            if fraud.rng.bernoulli(rates.friendlyChargebackRate) {
                let delay = Int64(20 * 86_400 + fraud.rng.int(below: 40 * 86_400))
                let labelled = schedule(.fraud(.chargeback(order: order.id, reason: "unrecognized")), at: time + delay)
                if labelled { fraud.track(order) }
                fraud.records.append(FraudRecord(
                    pattern: .friendlyChargeback, orderID: order.id, occurredAt: order.createdAt,
                    label: labelled ? .chargeback : nil, labelledAt: labelled ? Self.date(time + delay) : nil))
            }
        } else {
            if slot == fraud.refundSlot {
                fraud.recentSales.append(order)
                if fraud.recentSales.count > 60 { fraud.recentSales.removeFirst(fraud.recentSales.count - 60) }
                if fraud.rng.bernoulli(rates.refundAbuseRate) {
                    schedule(.fraud(.refundAbuse(slot: slot)), at: time + Int64(600 + fraud.rng.int(below: 3 * 3_600)))
                }
            }
            if slot == fraud.discountSlot && fraud.rng.bernoulli(rates.discountOverrideAbuseRate) {
                schedule(.fraud(.discountAbuse(slot: slot)), at: time + Int64(600 + fraud.rng.int(below: 3 * 3_600)))
            }
        }
    }

    /// An existing online or omnichannel customer whose record exists, other than `c`.
    private func takeoverVictim(excluding c: Int?, _ rng: inout Xoshiro256StarStar) -> Int? {
        guard nextAcquisition > 1 else { return nil }
        for _ in 0..<8 {
            let v = rng.int(below: nextAcquisition)
            let profile = population.profiles[v]
            if v != c && profile.id != 0 && profile.affinity != .pos { return v }
        }
        return nil
    }

    func process(fraud step: FraudStep, at time: Int64, day: SimulatedDay) {
        guard let fraud else { return }
        switch step {
        case .order(let plan):
            placeFraudOrder(plan, at: time, day: day)
        case .fulfil(let id):
            guard var entry = fraud.tracked[id] else { return }
            entry.order.fulfillmentStatus = "fulfilled"
            entry.order.updatedAt = Self.date(time)
            fraud.tracked[id]!.order = entry.order
            emit(.ordersUpdated, .order(entry.order), at: time, fraud: true)
            fraud.settle(id)
        case .cancel(let id):
            guard var entry = fraud.tracked[id] else { return }
            let date = Self.date(time)
            entry.order.cancelledAt = date
            entry.order.cancelReason = "fraud"
            entry.order.financialStatus = "voided"
            entry.order.updatedAt = date
            fraud.tracked[id]!.order = entry.order
            emit(.ordersCancelled, .order(entry.order), at: time, fraud: true)
            fraud.settle(id)
        case .chargeback(let id, let reason):
            guard let entry = fraud.tracked[id] else { return }
            let dispute = Dispute(
                id: fraud.disputeIDs.next(&fraud.idRNG), orderID: id, type: "chargeback", amount: entry.order.totalPrice,
                reason: reason, status: "needs_response", initiatedAt: Self.date(time))
            emit(.disputesCreate, .dispute(dispute), at: time, fraud: true)
            fraud.settle(id)
        case .audit(let id, let tag):
            guard var entry = fraud.tracked[id] else { return }
            entry.order.tags += ["fraud", tag]
            entry.order.updatedAt = Self.date(time)
            fraud.tracked[id]!.order = entry.order
            emit(.ordersUpdated, .order(entry.order), at: time, fraud: true)
            fraud.settle(id)
        case .refundAbuse(let slot):
            abuseRefund(at: slot, time: time)
        case .refundSale(let id, let slot):
            refundAccompliceSale(id, at: slot, time: time)
        case .discountAbuse(let slot):
            abuseDiscount(at: slot, time: time, day: day)
        }
    }

    /// Schedules the audit of a POS abuse and records its truth.
    private func audit(_ order: Order, pattern: FraudPattern, refundID: Int64? = nil, at time: Int64) {
        guard let fraud else { return }
        let range = fraud.configuration.auditDelayDays
        let delay = Int64(range.lowerBound * 86_400 + fraud.rng.int(below: max(1, (range.upperBound - range.lowerBound) * 86_400)))
        let tag = pattern == .refundAbuse ? "fraud-refund" : "fraud-discount"
        let labelled = schedule(.fraud(.audit(order: order.id, tag: tag)), at: time + delay)
        if labelled { fraud.track(order) }
        fraud.records.append(FraudRecord(
            pattern: pattern, orderID: order.id, refundID: refundID, occurredAt: Self.date(time),
            label: labelled ? .audit : nil, labelledAt: labelled ? Self.date(time + delay) : nil))
    }

    /// The refund abuser refunds, in full and without restock, either a recent sale at their café
    /// that has nothing else coming (so no legitimate follow-up ever sees the fraudulent refund),
    /// or, 40 % of the time (and whenever no recent sale fits), an old sale from before the
    /// simulated period that Storewise never saw: a refund without a matching sale.
    private func abuseRefund(at slot: Int, time: Int64) {
        guard let fraud else { return }
        let horizon = Self.date(time - 14 * 86_400)
        let candidates = fraud.recentSales.indices.filter {
            let sale = fraud.recentSales[$0]
            return sale.createdAt >= horizon && openOrders[sale.id] == nil && !fraud.abused.contains(sale.id)
                && sale.lineItems.contains { !$0.isGiftCard }
        }
        let u = fraud.rng.uniform()
        if u < 0.25 {
            ringUpForAccomplice(at: slot, time: time)
            return
        }
        let order: Order
        if candidates.isEmpty || u < 0.55 {
            guard let old = unseenSale(at: slot) else { return }
            order = old
        } else {
            order = fraud.recentSales[candidates[fraud.rng.int(below: candidates.count)]]
        }
        refundFraudulently(order, at: slot, time: time)
    }

    /// Refunds every merchandise line of `order` in full, no restock, by the refund abuser; the
    /// audit follows.
    @discardableResult
    func refundFraudulently(_ order: Order, at slot: Int, time: Int64) -> FraudRecord? {
        guard let fraud else { return nil }
        var order = order
        fraud.abused.insert(order.id)
        let currency = configuration.currency
        var lines: [RefundLineItem] = []
        var subtotal: Int64 = 0
        for line in order.lineItems where !line.isGiftCard {
            let net = Int64(line.quantity) * line.price.minorUnits - line.totalDiscount.minorUnits
            subtotal += net
            lines.append(RefundLineItem(
                id: fraud.refundLineIDs.next(&fraud.idRNG), lineItemID: line.id!, variantID: line.variantID,
                quantity: line.quantity, restockType: "no_restock", locationID: nil,
                subtotal: Money(minorUnits: net, currency: currency)))
        }
        let date = Self.date(time)
        let notes = ["Customer return", "Changed mind", "Wrong item"]
        let refund = Refund(
            id: fraud.refundIDs.next(&fraud.idRNG), orderID: order.id, createdAt: date, processedAt: date,
            note: notes[fraud.rng.int(below: notes.count)], lineItems: lines,
            amount: Money(minorUnits: subtotal + Int64((Double(subtotal) * world.posTaxRate).rounded()), currency: currency),
            userID: fraud.refundAbuser, locationID: world.locations[slot].id)
        emit(.refundsCreate, .refund(refund), at: time, fraud: true)
        order.refunds.append(refund)
        order.financialStatus = lines.count == order.lineItems.count ? "refunded" : "partially_refunded"
        order.updatedAt = date
        emit(.ordersUpdated, .order(order), at: time, fraud: true)
        audit(order, pattern: .refundAbuse, refundID: refund.id, at: time)
        return fraud.records.last
    }

    /// The refund abuser rings up a sale to their accomplice (a regular of the café) and refunds
    /// it in full an hour or two later with nothing returned: refunds to their own customer.
    private func ringUpForAccomplice(at slot: Int, time: Int64) {
        guard let fraud else { return }
        if fraud.accomplice == nil && nextAcquisition > 0 {
            for _ in 0..<10 {
                let a = fraud.rng.int(below: nextAcquisition)
                let profile = population.profiles[a]
                if profile.id != 0 && profile.affinity != .online && Int(profile.homeSlot) == slot { fraud.accomplice = a; break }
            }
        }
        guard let accomplice = fraud.accomplice else { return }
        let merchandise = catalog.merchandise
        var candidates = (0..<6).map { _ in merchandise[fraud.rng.int(below: merchandise.count)] }
        candidates.sort { catalog.items[$0].price.minorUnits > catalog.items[$1].price.minorUnits }
        let lineItems = fraudLines(candidates.prefix(1 + fraud.rng.int(below: 3)).map { .init(item: $0, quantity: 1) }, slot: slot)
        guard !lineItems.isEmpty else { return }
        let currency = configuration.currency
        let gross = lineItems.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.price.minorUnits }
        let tax = Int64((Double(gross) * world.posTaxRate).rounded())
        let date = Self.date(time)
        let customer = population.customer(at: accomplice)
        let card = fraud.rng.bernoulli(0.5)
        let bin = fraud.randomBIN()
        let order = Order(
            id: fraud.orderIDs.next(&fraud.idRNG), name: "#\(orderNumber)", orderNumber: orderNumber,
            email: customer.email, phone: customer.phone, createdAt: date, processedAt: date, updatedAt: date,
            currency: currency, presentmentCurrency: currency, channel: .pos, locationID: world.locations[slot].id,
            customer: customer, financialStatus: "paid", fulfillmentStatus: "fulfilled",
            subtotalPrice: Money(minorUnits: gross, currency: currency), totalPrice: Money(minorUnits: gross + tax, currency: currency),
            totalDiscounts: Money(minorUnits: 0, currency: currency), totalTax: Money(minorUnits: tax, currency: currency),
            lineItems: lineItems, tags: ["pos"], userID: fraud.refundAbuser,
            payments: [PaymentAttempt(
                id: fraud.transactionIDs.next(&fraud.idRNG), kind: "sale", status: "success",
                gateway: card ? "shopify_payments" : "cash", amount: Money(minorUnits: gross + tax, currency: currency),
                createdAt: date, cardBIN: card ? bin : nil, cardCompany: card ? CheckoutDetails.cardCompany(bin: bin) : nil)])
        orderNumber += 1
        emit(.ordersCreate, .order(order), at: time, fraud: true)
        if schedule(.fraud(.refundSale(order: order.id, slot: slot)), at: time + Int64(1_800 + fraud.rng.int(below: 2 * 3_600))) {
            fraud.track(order)
        } else {
            fraud.records.append(FraudRecord(pattern: .refundAbuse, orderID: order.id, occurredAt: date))
        }
    }

    /// The accomplice's sale is refunded; its truth record shares the refund's audit label.
    private func refundAccompliceSale(_ id: Int64, at slot: Int, time: Int64) {
        guard let fraud, let entry = fraud.tracked[id] else { return }
        fraud.settle(id)
        let refundRecord = refundFraudulently(entry.order, at: slot, time: time)
        fraud.records.append(FraudRecord(
            pattern: .refundAbuse, orderID: id, occurredAt: entry.order.createdAt, label: refundRecord?.label,
            labelledAt: refundRecord?.labelledAt))
    }

    /// A POS sale at `slot` from 1–10 months before the simulated period (never in the stream):
    /// what a refund without a receipt is booked against.
    private func unseenSale(at slot: Int) -> Order? {
        guard let fraud else { return nil }
        let merchandise = catalog.merchandise
        let wanted = (0..<(1 + fraud.rng.int(below: 2))).map { _ in
            BasketBuilder.Line(item: merchandise[fraud.rng.int(below: merchandise.count)], quantity: 1 + fraud.rng.int(below: 2))
        }
        let lineItems = fraudLines(wanted, slot: slot)
        guard !lineItems.isEmpty else { return nil }
        let currency = configuration.currency
        let gross = lineItems.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.price.minorUnits }
        let tax = Int64((Double(gross) * world.posTaxRate).rounded())
        let date = Self.date(calendar.days[0].start - Int64(30 * 86_400 + fraud.rng.int(below: 270 * 86_400)))
        let number = 100 + fraud.rng.int(below: 900)
        return Order(
            id: fraud.orderIDs.next(&fraud.idRNG), name: "#\(number)", orderNumber: number, createdAt: date,
            processedAt: date, updatedAt: date, currency: currency, presentmentCurrency: currency, channel: .pos,
            locationID: world.locations[slot].id, financialStatus: "paid", fulfillmentStatus: "fulfilled",
            subtotalPrice: Money(minorUnits: gross, currency: currency), totalPrice: Money(minorUnits: gross + tax, currency: currency),
            totalDiscounts: Money(minorUnits: 0, currency: currency), totalTax: Money(minorUnits: tax, currency: currency),
            lineItems: lineItems, tags: ["pos"])
    }

    /// The discount abuser rings up one of their friends (regulars of the café) with 40–80 % off.
    private func abuseDiscount(at slot: Int, time: Int64, day: SimulatedDay) {
        guard let fraud else { return }
        if fraud.friends.count < 3 && nextAcquisition > 0 {
            for _ in 0..<10 {
                let f = fraud.rng.int(below: nextAcquisition)
                let profile = population.profiles[f]
                if profile.id != 0 && profile.affinity != .online && Int(profile.homeSlot) == slot && !fraud.friends.contains(f) {
                    fraud.friends.append(f)
                    break
                }
            }
        }
        guard !fraud.friends.isEmpty else { return }
        let friend = fraud.friends[fraud.rng.int(below: fraud.friends.count)]
        let profile = population.profiles[friend]
        let wanted = baskets.basket(
            pos: true, favourite: Int(profile.favourite), spend: profile.spend * 3, giftCardBoost: 0,
            mix: world.scenario.mix(onDay: day.index), &fraud.rng)
        var lineItems = fraudLines(wanted.filter { !catalog.items[$0.item].isGiftCard }, slot: slot)
        guard !lineItems.isEmpty else { return }
        let currency = configuration.currency
        let gross = lineItems.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.price.minorUnits }
        let tax = Int64((Double(gross) * world.posTaxRate).rounded())
        for i in lineItems.indices { lineItems[i].totalDiscount = Money(minorUnits: 0, currency: currency) }
        let date = Self.date(time)
        var order = Order(
            id: fraud.orderIDs.next(&fraud.idRNG), name: "#\(orderNumber)", orderNumber: orderNumber,
            email: population.customer(at: friend).email, phone: population.customer(at: friend).phone,
            createdAt: date, processedAt: date, updatedAt: date, currency: currency, presentmentCurrency: currency,
            channel: .pos, locationID: world.locations[slot].id, customer: population.customer(at: friend),
            financialStatus: "paid", fulfillmentStatus: "fulfilled",
            subtotalPrice: Money(minorUnits: gross, currency: currency), totalPrice: Money(minorUnits: gross + tax, currency: currency),
            totalDiscounts: Money(minorUnits: 0, currency: currency), totalTax: Money(minorUnits: tax, currency: currency),
            lineItems: lineItems, tags: ["pos"], userID: fraud.discountAbuser)
        orderNumber += 1
        let percent = [40, 50, 60, 70, 80][fraud.rng.int(below: 5)]
        let title = CheckoutDetails.manualDiscountTitles[fraud.rng.int(below: CheckoutDetails.manualDiscountTitles.count)]
        for i in order.lineItems.indices {
            CheckoutDetails.applyManualDiscount(&order, line: i, percent: percent, title: title, taxRate: world.posTaxRate)
        }
        // One override for the whole sale: keep a single application, as POS records a cart discount.
        order.discountApplications = [order.discountApplications[0]]
        let card = fraud.rng.bernoulli(0.5)
        order.payments = [PaymentAttempt(
            id: fraud.transactionIDs.next(&fraud.idRNG), kind: "sale", status: "success",
            gateway: card ? "shopify_payments" : "cash", amount: order.totalPrice, createdAt: date,
            cardBIN: card ? fraud.randomBIN() : nil)]
        if let bin = order.payments[0].cardBIN { order.payments[0].cardCompany = CheckoutDetails.cardCompany(bin: bin) }
        emit(.ordersCreate, .order(order), at: time, fraud: true)
        audit(order, pattern: .discountOverrideAbuse, at: time)
    }

    /// Line items for a fraud order; items out of stock at the slot are left out, and stock is
    /// only read, never changed.
    func fraudLines(_ wanted: [BasketBuilder.Line], slot: Int) -> [LineItem] {
        guard let fraud else { return [] }
        var lineItems: [LineItem] = []
        for line in wanted {
            let item = catalog.items[line.item]
            if !item.isGiftCard && inventory.available(inventory.cell(item: line.item, slot: slot)) <= 0 { continue }
            if lineItems.contains(where: { $0.variantID == item.variantID }) { continue }
            lineItems.append(LineItem(
                id: fraud.lineItemIDs.next(&fraud.idRNG), productID: item.productID, variantID: item.variantID,
                title: item.productTitle, variantTitle: item.variant.title, sku: item.variant.sku, vendor: item.vendor,
                quantity: line.quantity, price: item.price, totalDiscount: Money(minorUnits: 0, currency: configuration.currency),
                isGiftCard: item.isGiftCard))
        }
        return lineItems
    }
}
