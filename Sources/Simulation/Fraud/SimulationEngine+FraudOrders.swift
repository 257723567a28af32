import Commerce
import Foundation

/// Fraudulent online orders: who, what, where to, how they paid, and how the shop will find out.
extension SimulationEngine {
    func placeFraudOrder(_ plan: FraudOrderPlan, at time: Int64, day: SimulatedDay) {
        guard let fraud else { return }
        let currency = configuration.currency
        let regions = population.regions
        let domestic = Region.domestic.count
        let date = Self.date(time)

        // What: card testers buy the cheapest thing, the others the dearest, gift-card fraud cards.
        let merchandise = world.scenario.mix(onDay: day.index)?.merchandise ?? catalog.merchandise
        var wanted: [BasketBuilder.Line] = []
        switch plan.pattern {
        case .giftCardFraud:
            let cards = catalog.giftCardItems.sorted { catalog.items[$0].price.minorUnits > catalog.items[$1].price.minorUnits }
            for card in cards.prefix(1 + fraud.rng.int(below: 2)) {
                wanted.append(.init(item: card, quantity: 1 + fraud.rng.int(below: 4)))
            }
        case .cardTesting:
            let candidates = (0..<10).map { _ in merchandise[fraud.rng.int(below: merchandise.count)] }
            wanted = [.init(item: candidates.min { catalog.items[$0].price.minorUnits < catalog.items[$1].price.minorUnits }!, quantity: 1)]
        default:
            var candidates = (0..<12).map { _ in merchandise[fraud.rng.int(below: merchandise.count)] }
            candidates.sort { catalog.items[$0].price.minorUnits > catalog.items[$1].price.minorUnits }
            for item in candidates.prefix(3 + fraud.rng.int(below: 3)) {
                wanted.append(.init(item: item, quantity: 1 + fraud.rng.int(below: 3)))
            }
        }
        let lineItems = fraudLines(wanted, slot: 0)
        guard !lineItems.isEmpty else { return }
        let hasMerchandise = lineItems.contains { !$0.isGiftCard }

        // Who and where to.
        var customer: Customer?
        var billing: Address
        var shippingRegion: Region
        var shipping: Address?
        switch plan.pattern {
        case .accountTakeover:
            let victim = plan.customer!
            customer = population.customer(at: victim)
            billing = population.address(at: victim)
            // A new drop address: elsewhere in the country, or abroad.
            shippingRegion = fraud.rng.bernoulli(0.3)
                ? regions[domestic + fraud.rng.int(below: Region.international.count)] : regions[fraud.rng.int(below: domestic)]
            shipping = CheckoutDetails.address(in: shippingRegion, &fraud.rng)
            shipping?.firstName = billing.firstName; shipping?.lastName = billing.lastName; shipping?.name = billing.name
        case .cardTesting:
            shippingRegion = regions[fraud.rng.int(below: domestic)]
            billing = CheckoutDetails.address(in: shippingRegion, &fraud.rng)
            shipping = billing
        default:
            // The card holder lives in one place; the goods go to a reshipper, often across a border.
            let u = fraud.rng.uniform()
            let billingRegion = u < 0.3 ? regions[domestic + fraud.rng.int(below: Region.international.count)] : regions[fraud.rng.int(below: domestic)]
            shippingRegion = u < 0.3 ? regions[fraud.rng.int(below: domestic)]
                : u < 0.75 ? regions[domestic + fraud.rng.int(below: Region.international.count)] : regions[fraud.rng.int(below: domestic)]
            billing = CheckoutDetails.address(in: billingRegion, &fraud.rng)
            shipping = hasMerchandise ? CheckoutDetails.address(in: shippingRegion, &fraud.rng) : nil
            if plan.pattern == .stolenCard && fraud.rng.bernoulli(0.3) {
                // Some open an account to look like a regular buyer.
                let first = billing.firstName!, last = billing.lastName!
                let now = Self.date(max(day.start, time - Int64(60 + fraud.rng.int(below: 600))))
                customer = Customer(
                    id: fraud.customerIDs.next(&fraud.idRNG),
                    email: "\(first.lowercased()).\(last.lowercased())\(100 + fraud.rng.int(below: 9_000))@\(PersonNames.emailDomains[fraud.rng.int(below: 3)])",
                    firstName: first, lastName: last, state: "enabled", tags: [], currency: currency,
                    acceptsEmailMarketing: false, acceptsSMSMarketing: false, defaultAddress: billing,
                    createdAt: now, updatedAt: now)
                emit(.customersCreate, .customer(customer!), at: Int64(now.timeIntervalSince1970), fraud: true)
            }
        }
        let email = customer?.email
            ?? "\(billing.firstName!.lowercased()).\(billing.lastName!.lowercased())\(orderNumber)@example.com"

        // Money: express for most thieves, no tax or shipping on gift cards.
        let gross = lineItems.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.price.minorUnits }
        let taxable = lineItems.reduce(Int64(0)) { $1.isGiftCard ? $0 : $0 + Int64($1.quantity) * $1.price.minorUnits }
        let tax = Int64((Double(taxable) * shippingRegion.taxRate).rounded())
        var shippingLines: [ShippingLine] = []
        var shippingCost: Int64 = 0
        if hasMerchandise {
            let abroad = shippingRegion.countryCode != "US"
            let expressShare = plan.pattern == .stolenCard ? 0.7 : plan.pattern == .accountTakeover ? 0.6 : 0.1
            if !abroad && fraud.rng.bernoulli(expressShare) {
                shippingCost = 2_495
                shippingLines = [ShippingLine(title: "Express", code: "EXPRESS", source: "shopify", price: Money(minorUnits: shippingCost, currency: currency))]
            } else {
                shippingCost = gross >= 5_000 ? 0 : abroad ? 1_995 : 695
                shippingLines = [ShippingLine(
                    title: abroad ? "International" : "Standard", code: abroad ? "INTL" : "STANDARD", source: "shopify",
                    price: Money(minorUnits: shippingCost, currency: currency))]
            }
        }
        let total = Money(minorUnits: gross + tax + shippingCost, currency: currency)

        var order = Order(
            id: fraud.orderIDs.next(&fraud.idRNG), name: "#\(orderNumber)", orderNumber: orderNumber, email: email,
            phone: customer?.phone, createdAt: date, processedAt: date, updatedAt: date, currency: currency,
            presentmentCurrency: shippingRegion.currency, channel: .web, customer: customer, browserIP: plan.ip,
            billingAddress: billing, shippingAddress: shipping, financialStatus: "paid",
            subtotalPrice: Money(minorUnits: gross, currency: currency), totalPrice: total,
            totalDiscounts: Money(minorUnits: 0, currency: currency), totalTax: Money(minorUnits: tax, currency: currency),
            lineItems: lineItems, shippingLines: shippingLines)
        orderNumber += 1
        order.payments = fraudPayments(plan, total: total, billingCountry: billing.countryCode ?? "US", at: date)
        emit(.ordersCreate, .order(order), at: time, fraud: true)
        label(order, pattern: plan.pattern, at: time)
    }

    /// Failed tries (other cards, declines, wrong CVC) before the card that passes, and the
    /// processor's checks on it: stolen cards fail AVS far more often than real buyers' cards.
    private func fraudPayments(_ plan: FraudOrderPlan, total: Money, billingCountry: String, at date: Date) -> [PaymentAttempt] {
        guard let fraud else { return [] }
        var attempts: [PaymentAttempt] = []
        let failures: Int
        switch plan.pattern {
        case .accountTakeover: failures = fraud.rng.bernoulli(0.1) ? 1 : 0
        case .cardTesting: failures = fraud.rng.int(below: 4)
        default:
            let u = fraud.rng.uniform()
            failures = u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3
        }
        let errors = ["card_declined", "card_declined", "incorrect_cvc", "incorrect_zip", "incorrect_number"]
        // Seconds before the final attempt at which each failed one was made, earliest first.
        var gaps = (0..<failures).map { _ in 20 + fraud.rng.int(below: 160) }
        for k in stride(from: failures - 2, through: 0, by: -1) { gaps[k] += gaps[k + 1] }
        for k in 0..<failures {
            let bin = plan.pattern == .cardTesting ? plan.bin : fraud.randomBIN()
            let error = errors[fraud.rng.int(below: errors.count)]
            attempts.append(PaymentAttempt(
                id: fraud.transactionIDs.next(&fraud.idRNG), kind: "sale", status: "failure", gateway: "shopify_payments",
                amount: total, createdAt: date.addingTimeInterval(-Double(gaps[k])),
                cardBIN: bin, cardCompany: CheckoutDetails.cardCompany(bin: bin),
                avsResultCode: fraud.rng.bernoulli(0.5) ? "N" : "Y", cvvResultCode: error == "incorrect_cvc" ? "N" : "M",
                errorCode: error))
        }
        let avs: String
        let cvv: String?
        if plan.pattern == .accountTakeover {
            // The account's saved card: the address on file matches, no CVV asked.
            avs = "Y"
            cvv = fraud.rng.bernoulli(0.5) ? nil : "M"
        } else {
            let u = fraud.rng.uniform()
            avs = billingCountry != "US" && u < 0.5 ? "U" : u < 0.4 ? "N" : u < 0.65 ? (fraud.rng.bernoulli(0.5) ? "A" : "Z") : "Y"
            let v = fraud.rng.uniform()
            cvv = v < 0.7 ? "M" : v < 0.85 ? "N" : "P"
        }
        attempts.append(PaymentAttempt(
            id: fraud.transactionIDs.next(&fraud.idRNG), kind: "sale", status: "success", gateway: "shopify_payments",
            amount: total, createdAt: date, cardBIN: plan.bin, cardCompany: CheckoutDetails.cardCompany(bin: plan.bin),
            avsResultCode: avs, cvvResultCode: cvv,
            // A taken-over account pays with its owner's saved card; other frauds' cards are new.
            cardLast4: plan.pattern == .accountTakeover ? plan.customer.map(CheckoutDetails.customerLast4) : nil))
        return attempts
    }

    /// Decides how the shop finds out about a fraudulent online order, schedules it, and records the truth.
    private func label(_ order: Order, pattern: FraudPattern, at time: Int64) {
        guard let fraud else { return }
        let rates = fraud.configuration
        let caught = min(1, rates.caughtEarlyShare * (pattern == .cardTesting ? 2 : 1))
        var label: FraudLabel?
        var labelledAt: Int64?
        fraud.track(order)  // held until its last step
        if fraud.rng.bernoulli(caught) {
            let at = time + Int64(86_400 + fraud.rng.int(below: 2 * 86_400))
            if schedule(.fraud(.cancel(order: order.id)), at: at) {
                fraud.track(order); label = .fraudCancellation; labelledAt = at
            }
        } else {
            let shipped = time + Int64(86_400 + fraud.rng.int(below: 2 * 86_400))
            if schedule(.fraud(.fulfil(order: order.id)), at: shipped) { fraud.track(order) }
            if fraud.rng.bernoulli(rates.chargebackShare) {
                let at = time + Int64(20 * 86_400 + fraud.rng.int(below: 55 * 86_400))
                if schedule(.fraud(.chargeback(order: order.id, reason: "fraudulent")), at: at) {
                    fraud.track(order); label = .chargeback; labelledAt = at
                }
            }
        }
        fraud.settle(order.id)
        fraud.records.append(FraudRecord(
            pattern: pattern, orderID: order.id, occurredAt: order.createdAt, label: label,
            labelledAt: labelledAt.map(Self.date)))
    }
}
