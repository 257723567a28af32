import Commerce
import CustomerValue
import Foundation
import Storage

/// A shop's orders reduced to what customer scoring reads: one transaction per counted order,
/// and per customer the facts the scores table shows beside the model's numbers.
///
/// An order counts when it is not cancelled, belongs to a known customer (see
/// ``CustomerIdentityResolver``) and keeps a positive value after its refunds; its amount is the
/// net of refunds. A fully refunded order is not a purchase: the customer returned everything.
struct CustomerHistory: Sendable {
    /// Per-customer facts over the counted orders.
    struct Customer: Sendable {
        var orders = 0
        var onlineOrders = 0
        var posOrders = 0
        var spendMinor: Int64 = 0
        var refundedMinor: Int64 = 0
        var firstDay = Int.max
        var lastDay = Int.min
    }

    var transactions: [CustomerTransaction] = []
    var customers: [Int64: Customer] = [:]
    var orders = 0
    var skippedOrders = 0
    var guestOrders = 0
    var cancelledOrders = 0
    var refundedOrders = 0
    var currency: String
    var lastDay = Int.min

    /// Customers with at least one counted order.
    var countedCustomers: Int { customers.values.reduce(0) { $0 + ($1.orders > 0 ? 1 : 0) } }

    /// Mean net value of a counted order, in minor units.
    var meanOrderValue: Double {
        let count = customers.values.reduce(0) { $0 + $1.orders }
        return count == 0 ? 0 : Double(customers.values.reduce(Int64(0)) { $0 + $1.spendMinor }) / Double(count)
    }

    init(orders rows: [CustomerOrderRow], resolver: CustomerIdentityResolver, currency: String) throws {
        self.currency = currency
        orders = rows.count
        transactions.reserveCapacity(rows.count)
        for row in rows {
            guard !row.cancelled else { cancelledOrders += 1; continue }
            guard let customerID = resolver.customer(of: row) else { guestOrders += 1; continue }
            let net = row.totalMinor - row.refundedMinor
            guard net > 0 else {
                // Not a purchase, but the money went back to this customer: the refund still shows.
                refundedOrders += 1
                customers[customerID, default: Customer()].refundedMinor += row.refundedMinor
                continue
            }
            guard let day = CivilDate(row.day)?.dayNumber else {
                throw CustomerScoringJobError.modelFailed(reason: "order \(row.orderID): day \"\(row.day)\" is not a YYYY-MM-DD date")
            }
            transactions.append(CustomerTransaction(customerID: String(customerID), day: day, amount: Double(net)))
            var customer = customers[customerID] ?? Customer()
            customer.orders += 1
            if row.channel == "pos" { customer.posOrders += 1 } else { customer.onlineOrders += 1 }
            customer.spendMinor += net
            customer.refundedMinor += row.refundedMinor
            customer.firstDay = min(customer.firstDay, day)
            customer.lastDay = max(customer.lastDay, day)
            customers[customerID] = customer
            lastDay = max(lastDay, day)
        }
        skippedOrders = cancelledOrders + guestOrders + refundedOrders
    }
}
