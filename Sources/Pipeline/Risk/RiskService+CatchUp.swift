import Commerce
import Foundation
import Storage

/// Several `serve` replicas ingest one shop's webhooks, each into its own in-memory feature state.
/// Before an order is scored (or a POS pre-check answered), the shop's state catches up from the
/// shared event log: one indexed query for the shop's risk events after the state's cursor, each
/// applied once (the state is idempotent by order and refund id, so events this process recorded
/// itself are harmless). So an order scored on replica B counts the orders replica A stored before it.
///
/// The cursor is a log sequence. Sequences are handed out when a row is inserted but become visible
/// when its transaction commits, which on PostgreSQL may be after a higher sequence of another
/// replica is already visible. The cursor therefore only moves past events received more than
/// `catchUpSettleSeconds` ago; younger ones are re-read (not re-applied) until they settle.
extension ShopRiskState {
    /// Where the cursor starts after a warm-up: behind the youngest events read, which are kept as applied.
    mutating func startCatchUp(currency: String, history: RiskHistory) {
        self.currency = currency
        let oldestRecent = history.recent.map(\.sequence).min()
        cursor = oldestRecent.map { $0 - 1 } ?? history.lastSequence
        applied = Dictionary(history.recent.map { ($0.sequence, $0.receivedAt) }, uniquingKeysWith: { a, _ in a })
    }

    /// Moves the cursor over applied events older than `settledBefore`, stopping at the first young one.
    mutating func settle(read: [Int64], settledBefore: Date) {
        for sequence in read.sorted() {
            guard let receivedAt = applied[sequence], receivedAt < settledBefore else { break }
            cursor = sequence
            applied[sequence] = nil
        }
        // Anything at or below the cursor is in the state for good.
        let cursor = cursor
        applied = applied.filter { $0.key > cursor }
    }
}

extension RiskService {
    /// Applies the shop's risk events logged after the state's cursor (by any process), except the
    /// order `excludingOrderID` (the one being scored: it is recorded after its features are taken).
    /// Costs one indexed query on `events (shop_id, sequence)`; no decoding when nothing is new.
    func catchUp(shopID: Int64, excludingOrderID: Int64?, now: Date = Date()) async throws {
        guard let cursor = shops[shopID]?.cursor else { return }
        let events = try await store.riskEvents(shopID: shopID, after: cursor, receivedSince: nil, limit: options.catchUpLimit)
        // The actor may have run another catch-up meanwhile: applying twice is harmless (idempotent state).
        // A `reset` meanwhile dropped the state: warm again (the warm-up reads the log up to now).
        guard shops[shopID] != nil else { return try await warm(shopID: shopID, excludingOrderID: excludingOrderID) }
        guard !events.isEmpty else { return }
        let currency = shops[shopID]!.currency
        for event in events where shops[shopID]!.applied[event.sequence] == nil {
            shops[shopID]!.applied[event.sequence] = event.receivedAt
            guard let payload = try? ShopifyJSON.decode(topic: WebhookTopic(event.topic), body: event.body, shopCurrency: currency) else {
                continue  // the warm-up logs undecodable events; here they are skipped quietly
            }
            switch payload {
            case .order(let order):
                if order.id != excludingOrderID { shops[shopID]!.record(order) }
                order.refunds.forEach { shops[shopID]!.record($0) }
            case .refund(let refund):
                shops[shopID]!.record(refund)
            default:
                continue
            }
        }
        shops[shopID]!.settle(read: events.map(\.sequence), settledBefore: now.addingTimeInterval(-options.catchUpSettleSeconds))
    }
}
