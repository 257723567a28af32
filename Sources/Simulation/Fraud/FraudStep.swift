/// A fraud action waiting in the engine's queue (`PendingAction.Kind.fraud`).
enum FraudStep {
    /// Place one fraudulent online order.
    case order(FraudOrderPlan)
    /// Ship a fraudulent order that was not caught.
    case fulfil(order: Int64)
    /// The shop catches a fraudulent order: cancelled with reason "fraud".
    case cancel(order: Int64)
    /// The card holder's bank files a chargeback with `reason`.
    case chargeback(order: Int64, reason: String)
    /// The audit tags a POS abuse order "fraud" and `tag`.
    case audit(order: Int64, tag: String)
    /// The dishonest staff member at `slot` refunds a sale nobody returned.
    case refundAbuse(slot: Int)
    /// The refund abuser at `slot` refunds the sale they rang up for their accomplice.
    case refundSale(order: Int64, slot: Int)
    /// The dishonest staff member at `slot` rings up a friend with a big manual discount.
    case discountAbuse(slot: Int)
}

/// Who is behind one fraudulent online order, decided when it is scheduled.
struct FraudOrderPlan {
    var pattern: FraudPattern
    var ip: String
    /// The BIN of the card that finally goes through.
    var bin: String
    /// The customer whose account is taken over.
    var customer: Int?
}
