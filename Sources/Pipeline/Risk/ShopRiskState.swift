import Commerce
import Foundation
import Risk

/// One shop's feature state in the service: `RiskFeatureState` (idempotent by order and refund
/// id, and a subject it recorded is left out of its own features) pruned every `pruneEvery`
/// records, so memory stays within the retention.
struct ShopRiskState: Sendable {
    var features: RiskFeatureState
    var newest = Date(timeIntervalSince1970: 0)
    var recordsSincePrune = 0
    static let pruneEvery = 5_000
    /// When the state was replayed from the log (see `RiskServiceOptions.rewarmSeconds`).
    var warmedAt = Date()
    /// The shop's currency (to decode logged events in the catch-up).
    var currency = ""
    /// Catch-up cursor: every risk event of the log at or below this sequence is in the state.
    var cursor: Int64 = 0
    /// Events above `cursor` already applied (too young to move the cursor past, see
    /// `RiskServiceOptions.catchUpSettleSeconds`), with when they were received.
    var applied: [Int64: Date] = [:]

    init(options: RiskFeatureOptions) { features = RiskFeatureState(options: options) }

    func vector(_ subject: RiskSubject) -> RiskFeatureVector { features.features(for: subject) }

    mutating func record(_ order: Order) {
        features.record(order)
        noteRecord(at: order.processedAt ?? order.createdAt)
    }

    mutating func record(_ refund: Refund) {
        features.record(refund)
        noteRecord(at: refund.processedAt ?? refund.createdAt)
    }

    mutating func noteRecord(at date: Date) {
        if date > newest { newest = date }
        recordsSincePrune += 1
        if recordsSincePrune >= Self.pruneEvery {
            features.prune(before: newest)
            recordsSincePrune = 0
        }
    }

    /// The feature options of a shop: its UTC offset now (for `placedAtNight`) and `retentionDays`.
    static func options(timeZone: String, retentionDays: Int, at date: Date = Date()) -> RiskFeatureOptions {
        let offset = TimeZone(identifier: timeZone)?.secondsFromGMT(for: date) ?? 0
        return RiskFeatureOptions(utcOffsetSeconds: offset, retention: Double(retentionDays) * 86_400)
    }

    /// A state replayed from history.
    static func replaying(_ history: RiskHistory, options: RiskFeatureOptions) -> ShopRiskState {
        var state = ShopRiskState(options: options)
        for item in history.items {
            switch item {
            case .order(let order): state.record(order)
            case .refund(let refund): state.record(refund)
            }
        }
        return state
    }
}
