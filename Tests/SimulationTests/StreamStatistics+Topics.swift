import Commerce
import Foundation

/// What each topic adds to the statistics.
extension StreamStatistics {
    mutating func addOrder(_ order: Order) {
        orders += 1
        check13Digits(order.id)
        if !orderIDs.insert(order.id).inserted { duplicateOrderIDs += 1 }
        orderCreatedAt[order.id] = order.createdAt
        let day = dayNumber(order.createdAt)
        let components = calendar.dateComponents([.year, .month, .weekday], from: order.createdAt)
        weekdayOfDay[day] = components.weekday!
        let month = "\(components.year!)-\(components.month! < 10 ? "0" : "")\(components.month!)"
        revenueByMonth[month, default: 0] += order.subtotalPrice.minorUnits

        switch order.channel {
        case .pos:
            posOrders += 1
            posOrdersByDay[day, default: 0] += 1
            if order.locationID.map(posLocationIDs.contains) != true { badPOSOrders += 1 }
        case .web:
            webOrders += 1
            webOrdersByDay[day, default: 0] += 1
            if order.locationID != nil { badWebOrders += 1 }
        default: badWebOrders += 1
        }
        if let customer = order.customer {
            ordersPerCustomer[customer.id, default: 0] += 1
            if !customersCreated.contains(customer.id) { ordersOfUnknownCustomers += 1 }
        } else {
            guestOrders += 1
        }
        if !order.discountCodes.isEmpty { discountedOrders += 1 }
        if let presentment = order.presentmentCurrency, presentment != order.currency { foreignPresentment += 1 }

        var gross: Int64 = 0
        var products = Set<Int64>()
        let stockLocation = order.channel == .pos ? order.locationID ?? -1 : warehouseID
        for line in order.lineItems {
            if let id = line.id {
                check13Digits(id)
                lineItemIDs.insert(id)
                boughtQuantity[id] = line.quantity
            }
            if !line.variantID.map(variantIDs.contains)! { unknownVariants += 1 }
            gross += Int64(line.quantity) * line.price.minorUnits - line.totalDiscount.minorUnits
            if line.isGiftCard { giftCardLines += 1; continue }
            products.insert(line.productID!)
            demandDays[line.variantID!, default: []].insert(day)
            if let key = cell(line.variantID, at: stockLocation) {
                let before = level[key] ?? 0
                if checksStock && before < line.quantity { salesAtZeroStock += 1 }
                level[key] = before - line.quantity
            } else {
                salesOnUnknownCells += 1
            }
        }
        if gross != order.subtotalPrice.minorUnits
            || order.totalDiscounts.minorUnits != order.lineItems.reduce(0, { $0 + $1.totalDiscount.minorUnits })
            || order.totalPrice.minorUnits < order.subtotalPrice.minorUnits + order.totalTax.minorUnits {
            inconsistentTotals += 1
        }
        if !products.isEmpty {
            basketsWithMerchandise += 1
            let sorted = products.sorted()
            for (i, a) in sorted.enumerated() {
                productOrders[a, default: 0] += 1
                for b in sorted[(i + 1)...] { pairOrders[PairKey(a: a, b: b), default: 0] += 1 }
            }
        }
    }

    mutating func addCancellation(_ order: Order) {
        cancellations += 1
        if order.cancelledAt == nil || order.updatedAt <= order.createdAt { updatesNotLater += 1 }
        let location = order.channel == .pos ? order.locationID ?? -1 : warehouseID
        for line in order.lineItems where !line.isGiftCard {
            if let key = cell(line.variantID, at: location) { level[key, default: 0] += line.quantity }
        }
    }

    mutating func addRefund(_ refund: Refund) {
        refunds += 1
        check13Digits(refund.id)
        guard let created = orderCreatedAt[refund.orderID] else { refundsOfUnknownOrders += 1; return }
        if refund.createdAt <= created { refundsNotLater += 1 }
        if (refund.note ?? "").trimmingCharacters(in: .whitespaces).isEmpty { emptyRefundNotes += 1 }
        var partial = false
        for line in refund.lineItems {
            let total = refundedQuantity[line.lineItemID, default: 0] + line.quantity
            refundedQuantity[line.lineItemID] = total
            let bought = boughtQuantity[line.lineItemID] ?? 0
            if total > bought || line.quantity <= 0 { overRefundedLines += 1 }
            if line.quantity < bought { partial = true }
            if line.restockType == "return", let location = line.locationID, let key = cell(line.variantID, at: location) {
                level[key, default: 0] += line.quantity
            }
        }
        if partial { partialRefunds += 1 }
    }

    mutating func addLevel(_ inventoryLevel: InventoryLevel) {
        let key = CellKey(item: inventoryLevel.inventoryItemID, location: inventoryLevel.locationID)
        let available = inventoryLevel.available ?? 0
        // Only deliveries raise stock without an event in between, so the reported level is never
        // below what replaying sales, cancellations and returns gives.
        if let replayed = level[key], available < replayed { levelsBelowReplay += 1 }
        if available == 0 { zeroLevelEvents += 1 }
        level[key] = available
    }
}
