import Commerce
import Foundation

/// Turning a buyer's visit into an order: basket, stock, discounts, tax, and the follow-ups.
extension SimulationEngine {
    /// Places an order for customer `c` (nil for a guest) at slot `slot`; nothing happens if every
    /// item they wanted is out of stock there (a lost sale, invisible in the data as in real life).
    func placeOrder(customer c: Int?, slot: Int, at time: Int64, day: SimulatedDay) {
        let isPOS = slot > 0
        let profile = c.map { population.profiles[$0] }
        let spend = profile?.spend ?? basketRNG.gamma(shape: 4, scale: 0.25)
        let wanted = baskets.basket(
            pos: isPOS, favourite: Int(profile?.favourite ?? -1), spend: spend,
            giftCardBoost: day.giftCardBoost, mix: world.scenario.mix(onDay: day.index), &basketRNG)
        let lines = fill(wanted, at: slot)
        guard !lines.isEmpty else { return }

        let currency = configuration.currency
        var promotion: Promotion?
        if let p = day.promotion {
            let candidate = configuration.promotions[p]
            if basketRNG.bernoulli(isPOS ? candidate.redemptionRate / 2 : candidate.redemptionRate) { promotion = candidate }
        }

        var lineItems: [LineItem] = []
        lineItems.reserveCapacity(lines.count)
        var gross: Int64 = 0, discounts: Int64 = 0, taxable: Int64 = 0
        var hasMerchandise = false
        for line in lines {
            let item = catalog.items[line.item]
            let lineGross = Int64(line.quantity) * item.price.minorUnits
            var discount: Int64 = 0
            if let promotion, !item.isGiftCard,
               promotion.productTypes.isEmpty || promotion.productTypes.contains(item.productType) {
                discount = (lineGross * Int64(promotion.percentOff) + 50) / 100
            }
            gross += lineGross
            discounts += discount
            if !item.isGiftCard { taxable += lineGross - discount; hasMerchandise = true }
            lineItems.append(LineItem(
                id: lineItemIDs.next(&idRNG), productID: item.productID, variantID: item.variantID,
                title: item.productTitle, variantTitle: item.variant.title, sku: item.variant.sku, vendor: item.vendor,
                quantity: line.quantity, price: item.price, totalDiscount: Money(minorUnits: discount, currency: currency),
                isGiftCard: item.isGiftCard))
        }

        // Who and where: customers ship to their home, online guests to somewhere drawn now.
        var region: Region?
        var address: Address?
        var email: String?
        var customer: Customer?
        if let c {
            customer = population.customer(at: c)
            email = customer?.email
            if !isPOS { region = population.region(of: c); address = population.address(at: c) }
        } else if !isPOS {
            let guest = guestAddress()
            region = guest.region
            address = guest.address
            email = "\(guest.address.firstName!.lowercased()).\(guest.address.lastName!.lowercased())\(orderNumber)@example.com"
        }
        let taxRate = isPOS ? world.posTaxRate : (region?.taxRate ?? 0)
        let tax = Int64((Double(taxable) * taxRate).rounded())
        let subtotal = gross - discounts
        var shipping: Int64 = 0
        if !isPOS && hasMerchandise && subtotal < 5_000 { shipping = region?.countryCode == "US" ? 695 : 1_995 }

        let id = orderIDs.next(&idRNG)
        let date = Self.date(time)
        var discountCodes: [DiscountCode] = []
        if let promotion, discounts > 0 {
            discountCodes.append(DiscountCode(
                code: "\(promotion.code)-\(day.date.year)", amount: Money(minorUnits: discounts, currency: currency),
                type: "percentage"))
        }
        var order = Order(
            id: id, name: "#\(orderNumber)", orderNumber: orderNumber, email: email, phone: customer?.phone,
            createdAt: date, processedAt: date, updatedAt: date, currency: currency,
            presentmentCurrency: region?.currency ?? currency, channel: isPOS ? .pos : .web,
            locationID: isPOS ? world.locations[slot].id : nil, customer: customer,
            browserIP: isPOS ? nil : browserIP(), billingAddress: address, shippingAddress: address,
            financialStatus: "paid", fulfillmentStatus: isPOS ? "fulfilled" : nil,
            subtotalPrice: Money(minorUnits: subtotal, currency: currency),
            totalPrice: Money(minorUnits: subtotal + tax + shipping, currency: currency),
            totalDiscounts: Money(minorUnits: discounts, currency: currency),
            totalTax: Money(minorUnits: tax, currency: currency), lineItems: lineItems, discountCodes: discountCodes,
            tags: isPOS ? ["pos"] : [])
        orderNumber += 1
        details?.decorate(&order, customer: c, slot: slot, taxRate: taxRate, promotion: promotion, regions: population.regions)
        let sequence = emit(.ordersCreate, .order(order), at: time)
        for line in lines where !catalog.items[line.item].isGiftCard {
            inventory.sell(inventory.cell(item: line.item, slot: slot), quantity: line.quantity, at: time, sequence: sequence)
        }
        planFollowUps(order, slot: slot, taxRate: taxRate, hasMerchandise: hasMerchandise, day: day)
        fraudAfter(order, customer: c, slot: slot, at: time)
    }

    /// What can actually be sold at the slot: short lines are cut to the stock left; an item that
    /// is out of stock is swapped for another variant of the same product now and then, else dropped.
    private func fill(_ wanted: [BasketBuilder.Line], at slot: Int) -> [BasketBuilder.Line] {
        var lines: [BasketBuilder.Line] = []
        lines.reserveCapacity(wanted.count)
        for line in wanted {
            if catalog.items[line.item].isGiftCard { lines.append(line); continue }
            var item = line.item
            var available = inventory.available(inventory.cell(item: item, slot: slot))
            if available == 0 {
                guard basketRNG.bernoulli(0.35),
                      let sibling = catalog.productItems[catalog.itemProduct[item]].first(where: {
                          $0 != item && inventory.available(inventory.cell(item: $0, slot: slot)) > 0
                      })
                else { continue }
                item = sibling
                available = inventory.available(inventory.cell(item: item, slot: slot))
            }
            if let i = lines.firstIndex(where: { $0.item == item }) {
                lines[i].quantity = min(lines[i].quantity + line.quantity, available)
            } else {
                lines.append(.init(item: item, quantity: min(line.quantity, available)))
            }
        }
        return lines
    }

    /// Fulfilment, cancellation and refund of a new order, kept only while something is pending.
    private func planFollowUps(_ order: Order, slot: Int, taxRate: Double, hasMerchandise: Bool, day: SimulatedDay) {
        let time = Int64(order.createdAt.timeIntervalSince1970)
        var pending = 0
        if slot == 0 {
            if opsRNG.bernoulli(configuration.cancellationRate) {
                let delay = min(20 * 3_600, max(300, Int64(opsRNG.exponential(mean: 3 * 3_600))))
                if schedule(.cancel(order: order.id), at: time + delay) { pending += 1 }
            } else {
                let fulfilDay = day.index + 1 + min(3, opsRNG.geometric(0.55))
                if fulfilDay < configuration.days {
                    let fulfilled = calendar.days[fulfilDay].instant(secondOfDay: 10 * 3_600 + opsRNG.int(below: 7 * 3_600))
                    if schedule(.fulfil(order: order.id), at: fulfilled) { pending += 1 }
                    if hasMerchandise && opsRNG.bernoulli(configuration.refundRate * 1.25) {
                        let refundDay = fulfilDay + 3 + min(30, opsRNG.geometric(0.12))
                        if refundDay < configuration.days,
                           schedule(.refund(order: order.id),
                                    at: calendar.days[refundDay].instant(secondOfDay: intraday.secondOfDay(pos: false, &opsRNG))) {
                            pending += 1
                        }
                    }
                }
            }
        } else if hasMerchandise && opsRNG.bernoulli(configuration.refundRate * 0.6) {
            let refundDay = day.index + 1 + min(14, opsRNG.geometric(0.2))
            if refundDay < configuration.days, calendar.days[refundDay].pos > 0,
               schedule(.refund(order: order.id),
                        at: calendar.days[refundDay].instant(secondOfDay: intraday.secondOfDay(pos: true, &opsRNG))) {
                pending += 1
            }
        }
        if pending > 0 { openOrders[order.id] = OpenOrder(order: order, slot: slot, pending: pending, taxRate: taxRate) }
    }

    private func guestAddress() -> (region: Region, address: Address) {
        let regions = population.regions
        let abroad = basketRNG.bernoulli(configuration.internationalShare)
        let r = abroad
            ? Region.domestic.count + basketRNG.int(below: Region.international.count)
            : basketRNG.int(below: Region.domestic.count)
        let region = regions[r]
        let first = PersonNames.first[basketRNG.int(below: PersonNames.first.count)]
        let last = PersonNames.last[basketRNG.int(below: PersonNames.last.count)]
        let number = basketRNG.int(in: 1...980)
        let street = PersonNames.streets[basketRNG.int(below: PersonNames.streets.count)]
        let zip = region.countryCode == "US" ? "\(region.zipPrefix)\(10 + basketRNG.int(below: 90))" : "\(region.zipPrefix) 1AB"
        return (region, Address(
            firstName: first, lastName: last, name: "\(first) \(last)", address1: "\(number) \(street)",
            city: region.city, province: region.province, provinceCode: region.provinceCode, zip: zip,
            country: region.country, countryCode: region.countryCode))
    }

    private func browserIP() -> String {
        let prefixes = [24, 47, 68, 73, 96, 98, 104, 108, 174]
        return "\(prefixes[basketRNG.int(below: prefixes.count)]).\(basketRNG.int(below: 256)).\(basketRNG.int(below: 256)).\(1 + basketRNG.int(below: 254))"
    }
}
