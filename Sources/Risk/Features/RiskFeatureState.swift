import Commerce
import Foundation

/// The running histories risk features are computed from, updated as webhooks arrive.
///
/// Every history is a time-sorted series under a key (customer id, email, browser IP, card BIN,
/// shipping address, staff member, location), so a feature is a couple of binary searches over
/// one key's series, never a scan of all orders. `prune(before:)` keeps memory bounded.
///
/// Definitions shared by every feature (tests compute them by hand from these):
/// - A window of length w ends at the subject's time t and is (t − w, t]: an order exactly one
///   hour earlier is *not* in the 1 h window; one at the same instant, recorded earlier, is.
/// - "Earlier" means recorded, with a time ≤ t, and not the subject itself (a recorded subject —
///   scored again after its webhook was recorded — is left out by id).
/// - Keys: customer id; email trimmed and lower-cased; browser IP; each card BIN on the order's
///   payment attempts (an order with two BINs counts under both; the subject's card velocity is
///   the larger of its BINs' counts); shipping address1 + zip + country code, lower-cased with
///   whitespace collapsed. A missing key gives NaN.
/// - A customer's own history (prior orders, mean amount, refunds, gift cards) is kept under the
///   customer id, else the email for a guest.
/// - "All time" means within the retention (`RiskFeatureOptions.retention`, 90 days): pruned
///   history is forgotten, including for `refundWithoutMatchingSale`.
public struct RiskFeatureState: Sendable {
    public let options: RiskFeatureOptions

    /// Every history, by prefixed key (see `Prefix`).
    var series: [String: RiskFeatureSeries] = [:]
    /// What each recorded order added, to leave a recorded subject out and to replace an updated order.
    var orders: [Int64: OrderRecord] = [:]
    /// Recorded refunds by id (idempotency and pruning).
    var refunds: [Int64: RefundRecord] = [:]
    /// Refunds that arrived before their order, by order id: the customer is filled in when it comes.
    var orphanRefunds: [Int64: [Int64]] = [:]
    /// Recorded orders and refunds by time (ids only), so pruning visits what expires, not everything.
    var orderExpiry = RiskFeatureSeries()
    var refundExpiry = RiskFeatureSeries()
    /// The shop's last `shopMedianWindow` first-recorded order totals, oldest first (a ring).
    var recentTotals: [(id: Int64, total: Double)] = []
    var recentHead = 0
    /// The same totals, sorted, for the running median.
    var sortedTotals: [Double] = []
    /// Lower-cased express words, once.
    let expressWords: [String]

    /// What one order contributed to the series.
    struct OrderRecord: Sendable, Equatable {
        var time: Double
        /// Every series key the order was inserted under.
        var keys: [String]
        var customerKey: String?
        var total: Double
    }

    /// What one refund contributed.
    struct RefundRecord: Sendable {
        var time: Double
        var keys: [String]
        var amount: Double
        var orderID: Int64
    }

    public init(options: RiskFeatureOptions = .init()) {
        self.options = options
        expressWords = options.expressShippingWords.map { $0.lowercased() }.filter { !$0.isEmpty }
    }

    /// Orders currently remembered (after pruning).
    public var recordedOrders: Int { orders.count }

    /// Refunds currently remembered (after pruning).
    public var recordedRefunds: Int { refunds.count }

    /// Records an order as it arrives (orders/create, or history replayed in time order). Idempotent by
    /// order id: a redelivered order is not counted twice, and an updated one (new keys, new total)
    /// replaces what the first delivery recorded. Refunds embedded in the order are recorded too.
    public mutating func record(_ order: Order) {
        let time = Self.seconds(order.processedAt ?? order.createdAt)
        let email = Self.normalizedEmail(order.email ?? order.customer?.email)
        let customerKey = Self.customerKey(customerID: order.customer?.id, email: email)
        let who = Self.who(customerKey: customerKey, orderID: order.id)
        let total = Self.units(order.totalPrice)
        let gift = Self.giftCards(order)
        let base = RiskFeatureSeries.Entry(time: time, id: order.id, who: who, value: total, count: gift.count)

        var keys: [String] = []
        keys.reserveCapacity(10)
        if let id = order.customer?.id { keys.append(Prefix.customer + String(id)) }
        if let email { keys.append(Prefix.email + email) }
        if let ip = Self.normalizedIP(order.browserIP) { keys.append(Prefix.ip + ip) }
        for card in Self.cards(order) { keys.append(Prefix.card + card) }
        if let address = Self.normalizedAddress(order.shippingAddress) { keys.append(Prefix.address + address) }
        if order.discountApplications.contains(where: \.isManual) {
            if let staff = order.userID { keys.append(Prefix.staffOverrides + String(staff)) }
            if let location = order.locationID { keys.append(Prefix.locationOverrides + String(location)) }
        }
        if gift.count > 0, let staff = order.userID { keys.append(Prefix.staffGiftCards + String(staff)) }

        let record = OrderRecord(time: time, keys: keys, customerKey: customerKey, total: total)
        if let old = orders[order.id] {
            if old == record {
                recordEmbeddedRefunds(order)
                return
            }
            for key in old.keys { removeEntry(key: key, id: order.id, at: old.time) }
            if old.time != time {
                orderExpiry.remove(id: order.id, at: old.time)
                orderExpiry.insert(Self.marker(order.id, time))
            }
        } else {
            orderExpiry.insert(Self.marker(order.id, time))
            addToShopTotals(id: order.id, total: total)
        }
        for key in keys { series[key, default: RiskFeatureSeries()].insert(base) }
        orders[order.id] = record
        if let customerKey, let early = orphanRefunds.removeValue(forKey: order.id) {
            adoptRefunds(early, customerKey: customerKey, orderID: order.id)
        }
        recordEmbeddedRefunds(order)
    }

    /// Records a refund (refunds/create); idempotent by refund id. Its customer is the recorded
    /// order's; a refund that arrives before its order is added to the customer's history when
    /// the order is recorded.
    public mutating func record(_ refund: Refund) {
        guard refunds[refund.id] == nil else { return }
        let time = Self.seconds(refund.processedAt ?? refund.createdAt)
        let amount: Double
        if let a = refund.amount {
            amount = Self.units(a)
        } else {
            amount = refund.lineItems.reduce(0.0) { $0 + Self.units($1.subtotal) }
        }
        let customerKey = orders[refund.orderID]?.customerKey
        var keys: [String] = []
        if let staff = refund.userID { keys.append(Prefix.staffRefunds + String(staff)) }
        if let location = refund.locationID { keys.append(Prefix.locationRefunds + String(location)) }
        if let customerKey { keys.append(Prefix.customerRefunds + customerKey) }
        let entry = RiskFeatureSeries.Entry(
            time: time, id: refund.id, who: Self.who(customerKey: customerKey, orderID: refund.orderID),
            value: amount, count: 0)
        for key in keys { series[key, default: RiskFeatureSeries()].insert(entry) }
        refunds[refund.id] = RefundRecord(time: time, keys: keys, amount: amount, orderID: refund.orderID)
        refundExpiry.insert(Self.marker(refund.id, time))
        if customerKey == nil, orders[refund.orderID] == nil { orphanRefunds[refund.orderID, default: []].append(refund.id) }
    }

    /// Files refunds recorded before their order under the order's customer.
    private mutating func adoptRefunds(_ ids: [Int64], customerKey: String, orderID: Int64) {
        let key = Prefix.customerRefunds + customerKey
        for id in ids {
            guard var r = refunds[id] else { continue }  // pruned meanwhile
            let entry = RiskFeatureSeries.Entry(
                time: r.time, id: id, who: Self.who(customerKey: customerKey, orderID: orderID), value: r.amount, count: 0)
            series[key, default: RiskFeatureSeries()].insert(entry)
            r.keys.append(key)
            refunds[id] = r
        }
    }

    /// Drops what is older than `options.retention` before `date` (memory stays bounded). It visits
    /// only the orders and refunds that expire (two time-sorted queues), so a large shop's prune does
    /// not stall scoring. The shop median keeps its last `shopMedianWindow` totals regardless of age.
    public mutating func prune(before date: Date) {
        let cutoff = Self.seconds(date) - options.retention
        let expiredOrders = orderExpiry.lowerBound(cutoff)
        for i in 0..<expiredOrders {
            let id = orderExpiry.entries[i].id
            guard let record = orders[id], record.time < cutoff else { continue }
            dropExpired(record.keys, before: cutoff)
            orders[id] = nil
        }
        orderExpiry.drop(before: cutoff)
        let expiredRefunds = refundExpiry.lowerBound(cutoff)
        for i in 0..<expiredRefunds {
            let id = refundExpiry.entries[i].id
            guard let record = refunds[id] else { continue }
            dropExpired(record.keys, before: cutoff)
            refunds[id] = nil
            if var waiting = orphanRefunds[record.orderID] {
                waiting.removeAll { $0 == id }
                orphanRefunds[record.orderID] = waiting.isEmpty ? nil : waiting
            }
        }
        refundExpiry.drop(before: cutoff)
    }

    /// An expiry-queue entry: only the time and id matter.
    private static func marker(_ id: Int64, _ time: Double) -> RiskFeatureSeries.Entry {
        RiskFeatureSeries.Entry(time: time, id: id, who: 0, value: 0, count: 0)
    }

    /// Drops everything before `cutoff` from these series, and the series left empty.
    private mutating func dropExpired(_ keys: [String], before cutoff: Double) {
        for key in keys {
            guard series[key] != nil else { continue }
            series[key]!.drop(before: cutoff)
            if series[key]!.isEmpty { series[key] = nil }
        }
    }

    private mutating func recordEmbeddedRefunds(_ order: Order) {
        for refund in order.refunds { record(refund) }
    }

    private mutating func removeEntry(key: String, id: Int64, at time: Double) {
        guard var s = series[key] else { return }
        series[key] = nil  // keep the array uniquely referenced while it is edited
        s.remove(id: id, at: time)
        if !s.isEmpty { series[key] = s }
    }

    /// Adds a total to the running-median window, evicting the oldest beyond `shopMedianWindow`.
    private mutating func addToShopTotals(id: Int64, total: Double) {
        if recentTotals.count < options.shopMedianWindow {
            recentTotals.append((id, total))
        } else {
            let evicted = recentTotals[recentHead].total
            recentTotals[recentHead] = (id, total)
            recentHead = (recentHead + 1) % recentTotals.count
            if let i = Self.firstIndex(of: evicted, in: sortedTotals) { sortedTotals.remove(at: i) }
        }
        sortedTotals.insert(total, at: Self.insertionIndex(of: total, in: sortedTotals))
    }

    /// First index with a value ≥ `x` in a sorted array.
    static func insertionIndex(of x: Double, in sorted: [Double]) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func firstIndex(of x: Double, in sorted: [Double]) -> Int? {
        let i = insertionIndex(of: x, in: sorted)
        return i < sorted.count && sorted[i] == x ? i : nil
    }
}
