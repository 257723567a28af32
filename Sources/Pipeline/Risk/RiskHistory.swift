import Commerce
import Foundation
import Logging
import Storage

/// A shop's orders and refunds from its event log, in the order they happened: what training
/// replays through `RiskFeatureState` and what the service warms a shop's state from.
///
/// The log, not the projection, because the projection keeps an order's newest version without
/// its payment attempts, shipping lines or discount applications; features describe an order
/// as it arrived. The first version of each order in the log is used (orders/create, or the
/// first orders/* event of an order whose create was missed), and each refund once (refunds/create
/// or embedded in an order).
struct RiskHistory: Sendable {
    enum Item: Sendable {
        case order(Order)
        case refund(Refund)

        var at: Date {
            switch self {
            case .order(let o): o.processedAt ?? o.createdAt
            case .refund(let r): r.processedAt ?? r.createdAt
            }
        }
    }

    /// Orders and refunds, oldest first (ties keep log order).
    var items: [Item]
    var orderCount: Int
    /// The highest log sequence read (0 when none), and the sequences of risk events received at or
    /// after `recentSince`: where the serving state's catch-up cursor starts (see `ShopRiskState`).
    var lastSequence: Int64 = 0
    var recent: [(sequence: Int64, receivedAt: Date)] = []

    /// Reads the log in pages. `since` drops what happened before it; `excludingOrderID` leaves
    /// one order out (the order being scored when its arrival triggered the warm-up).
    static func load(store: any RiskStore, shopID: Int64, currency: String, since: Date? = nil, excludingOrderID: Int64? = nil,
                     logger: Logger? = nil, pageSize: Int = 5_000, recentSince: Date? = nil) async throws -> RiskHistory {
        var items: [(item: Item, position: Int)] = []
        var seenOrders = Set<Int64>(), seenRefunds = Set<Int64>()
        var after: Int64 = 0
        var lastSequence: Int64 = 0
        var recent: [(sequence: Int64, receivedAt: Date)] = []
        func add(_ item: Item) {
            if let since, item.at < since { return }
            items.append((item, items.count))
        }
        func addRefund(_ refund: Refund) {
            guard seenRefunds.insert(refund.id).inserted else { return }
            add(.refund(refund))
        }
        while true {
            // An event received before `since` (less Shopify's 48 h of retries) tells of an order
            // or refund that happened before it: not decoded at all.
            let page = try await store.riskEvents(shopID: shopID, after: after, receivedSince: since?.addingTimeInterval(-2 * 86_400),
                                                  limit: pageSize)
            for event in page {
                lastSequence = max(lastSequence, event.sequence)
                if let recentSince, event.receivedAt >= recentSince { recent.append((event.sequence, event.receivedAt)) }
                let payload: WebhookPayload
                do {
                    payload = try ShopifyJSON.decode(topic: WebhookTopic(event.topic), body: event.body, shopCurrency: currency)
                } catch {
                    logger?.warning("risk replay skipped an event that does not decode", metadata: [
                        "shop": "\(shopID)", "sequence": "\(event.sequence)", "error": "\(String(reflecting: error))",
                    ])
                    continue
                }
                switch payload {
                case .order(let order):
                    if order.id != excludingOrderID, seenOrders.insert(order.id).inserted {
                        add(.order(order))
                    }
                    order.refunds.forEach(addRefund)
                case .refund(let refund):
                    addRefund(refund)
                default:
                    continue
                }
            }
            guard let last = page.last, page.count == pageSize else { break }
            after = last.sequence
        }
        items.sort { $0.item.at != $1.item.at ? $0.item.at < $1.item.at : $0.position < $1.position }
        return RiskHistory(items: items.map(\.item), orderCount: seenOrders.count, lastSequence: lastSequence, recent: recent)
    }
}
