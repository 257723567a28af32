/// What kind of fraud a simulated order or refund is (see `FraudConfiguration` for each one's shape).
public enum FraudPattern: String, Sendable, Hashable, CaseIterable {
    case stolenCard = "stolen_card"
    case cardTesting = "card_testing"
    case accountTakeover = "account_takeover"
    case giftCardFraud = "gift_card_fraud"
    /// The fraudulent subject is the refund (`FraudRecord.refundID`), not the sale it refunds.
    case refundAbuse = "refund_abuse"
    case discountOverrideAbuse = "discount_override_abuse"
    /// NOT fraud: a legitimate order its card holder disputed as "unrecognized" (label noise).
    case friendlyChargeback = "friendly_chargeback"
    /// NOT fraud: a legitimate order the base simulator cancels with reason "fraud" (10 % of its
    /// cancellations, within a day of the order; label noise, recorded only when fraud is on).
    case mistakenFraudCancellation = "mistaken_fraud_cancellation"

    /// False for label noise on a legitimate order.
    public var isFraud: Bool { self != .friendlyChargeback && self != .mistakenFraudCancellation }

    /// True for the POS staff patterns (no card, no chargeback: found by an audit).
    public var isPOS: Bool { self == .refundAbuse || self == .discountOverrideAbuse }
}
