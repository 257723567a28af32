import Commerce
import Foundation

/// What happens to an order after it is placed: fulfilment, cancellation, refunds.
extension SimulationEngine {
    /// Shopify's `cancel_reason` values, with how often each occurs.
    private static let cancelReasons: [(reason: String, weight: Double)] = [
        ("customer", 0.6), ("inventory", 0.15), ("fraud", 0.1), ("declined", 0.1), ("other", 0.05),
    ]

    func fulfil(_ id: Int64, at time: Int64) {
        guard var open = openOrders[id] else { return }
        open.order.fulfillmentStatus = "fulfilled"
        open.order.updatedAt = Self.date(time)
        emit(.ordersUpdated, .order(open.order), at: time)
        settle(open)
    }

    /// Cancels before fulfilment; the units go back on the shelf.
    func cancel(_ id: Int64, at time: Int64) {
        guard var open = openOrders[id] else { return }
        let date = Self.date(time)
        var u = opsRNG.uniform() * Self.cancelReasons.reduce(0) { $0 + $1.weight }
        var reason = Self.cancelReasons[0].reason
        for candidate in Self.cancelReasons {
            u -= candidate.weight
            if u < 0 { reason = candidate.reason; break }
        }
        open.order.cancelledAt = date
        open.order.cancelReason = reason
        open.order.financialStatus = "voided"
        open.order.updatedAt = date
        let sequence = emit(.ordersCancelled, .order(open.order), at: time)
        if reason == "fraud", let fraud {
            fraud.records.append(FraudRecord(
                pattern: .mistakenFraudCancellation, orderID: id, occurredAt: open.order.createdAt,
                label: .fraudCancellation, labelledAt: date))
        }
        for line in open.order.lineItems where !line.isGiftCard {
            let item = world.itemByVariant[line.variantID!]!
            inventory.putBack(inventory.cell(item: item, slot: open.slot), quantity: line.quantity, at: time, sequence: sequence)
        }
        settle(open)
    }

    /// A refund of one line or the whole order, all or part of the units, with a reason that fits
    /// the product; units that can be resold go back to the location they were sold from.
    func refund(_ id: Int64, at time: Int64) {
        guard var open = openOrders[id] else { return }
        defer { settle(open) }
        let order = open.order
        let refundable = order.lineItems.indices.filter { !order.lineItems[$0].isGiftCard }
        guard !refundable.isEmpty else { return }
        let chosen = refundable.count == 1 || opsRNG.bernoulli(0.35)
            ? refundable : [refundable[opsRNG.int(below: refundable.count)]]
        let first = order.lineItems[chosen[0]]
        let type = catalog.items[world.itemByVariant[first.variantID!]!].productType
        let reasons = RefundReason.fitting(type)
        let reason = reasons[AliasTable(weights: reasons.map(\.weight)).sample(&opsRNG)]
        let location = world.locations[open.slot].id
        let currency = configuration.currency

        var lines: [RefundLineItem] = []
        var refundedAll = chosen.count == order.lineItems.count
        var subtotalSum: Int64 = 0
        for index in chosen {
            let line = order.lineItems[index]
            let quantity = line.quantity > 1 && opsRNG.bernoulli(0.4) ? opsRNG.int(in: 1...(line.quantity - 1)) : line.quantity
            if quantity < line.quantity { refundedAll = false }
            let net = Int64(line.quantity) * line.price.minorUnits - line.totalDiscount.minorUnits
            let subtotal = net * Int64(quantity) / Int64(line.quantity)
            subtotalSum += subtotal
            lines.append(RefundLineItem(
                id: refundLineIDs.next(&idRNG), lineItemID: line.id!, variantID: line.variantID, quantity: quantity,
                restockType: reason.restocks ? "return" : "no_restock", locationID: reason.restocks ? location : nil,
                subtotal: Money(minorUnits: subtotal, currency: currency)))
        }
        let amount = subtotalSum + Int64((Double(subtotalSum) * open.taxRate).rounded())
        let date = Self.date(time)
        var refund = Refund(
            id: refundIDs.next(&idRNG), orderID: order.id, createdAt: date, processedAt: date, note: reason.note,
            lineItems: lines, amount: Money(minorUnits: amount, currency: currency))
        if open.slot > 0, details != nil {
            refund.userID = details!.staffMember(at: open.slot)
            refund.locationID = location
        }
        let sequence = emit(.refundsCreate, .refund(refund), at: time)
        open.order.refunds.append(refund)
        open.order.financialStatus = refundedAll ? "refunded" : "partially_refunded"
        open.order.updatedAt = date
        emit(.ordersUpdated, .order(open.order), at: time)
        if reason.restocks {
            for line in lines {
                let item = world.itemByVariant[line.variantID!]!
                inventory.putBack(inventory.cell(item: item, slot: open.slot), quantity: line.quantity, at: time, sequence: sequence)
            }
        }
    }

    /// Marks one follow-up done; forgets the order once nothing more is pending.
    private func settle(_ open: OpenOrder) {
        var open = open
        open.pending -= 1
        openOrders[open.order.id] = open.pending > 0 ? open : nil
    }
}
