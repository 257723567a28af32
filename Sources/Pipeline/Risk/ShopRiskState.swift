import Commerce
import Foundation
import Risk

/// One shop's feature state in the service: `RiskFeatureState` plus the orders and refunds it
/// has recorded, so an event seen twice (a warm-up that read it from the log, then its own
/// webhook) is recorded once.
struct ShopRiskState: Sendable {
    var seenOrders = Set<Int64>()
    var seenRefunds = Set<Int64>()

    init() {}

    /// The subject's features against what was recorded before it.
    func features(_ subject: RiskSubject) -> RiskFeatureVector {
        // TODO(C): RiskFeatureState.features(for:)
        RiskFeatureVector()
    }

    mutating func record(_ order: Order) {
        guard seenOrders.insert(order.id).inserted else { return }
        for refund in order.refunds { record(refund) }
    }

    mutating func record(_ refund: Refund) {
        guard seenRefunds.insert(refund.id).inserted else { return }
    }

    /// A state replayed from history.
    static func replaying(_ history: RiskHistory) -> ShopRiskState {
        var state = ShopRiskState()
        for item in history.items {
            switch item {
            case .order(let order): state.record(order)
            case .refund(let refund): state.record(refund)
            }
        }
        return state
    }
}
