/// Fraud in the simulated shop: which patterns happen, how often, and how (and when) the shop
/// finds out. Part of `SimulationConfiguration.fraud`.
///
/// Everything here is drawn from random streams of its own, derived from the seed: switching a
/// pattern on or off never changes a legitimate order, its ids, its basket or the stock. Fraud
/// orders do not move the simulated stock either (a real shop would lose the units), so demand,
/// forecasts and inventory events are those of the legitimate orders alone.
///
/// `.off` (the default of every preset) adds nothing: the stream is byte for byte the one the
/// simulator produced before fraud existed. `.standard` turns on checkout details and fraud at
/// about 0.6 % of online orders; `.checkoutDetailsOnly` gives the same legitimate orders with no
/// fraud, for comparisons.
///
/// ```swift
/// var configuration = SimulationConfiguration.small
/// configuration.fraud = .standard
/// let (events, truth) = StoreSimulator(configuration: configuration).eventsAndFraudTruth()
/// ```
public struct FraudConfiguration: Sendable, Hashable {
    /// Payment attempts (card BIN, AVS, CVV, a few failed tries), shipping lines, the POS staff
    /// member, legitimate manual discounts and gifts shipped elsewhere, on every legitimate order,
    /// so fraud is not simply "the orders that have payment details". Any fraud rate above zero
    /// implies it.
    public var checkoutDetails: Bool

    /// Stolen card online, per legitimate online order: a new account or guest, a large basket,
    /// billing country ≠ shipping country (most of the time), express shipping, failed attempts
    /// before the one that passes, AVS and CVV mismatches, an IP from a small shared proxy pool.
    public var stolenCardRate: Double
    /// Card testing bursts, per legitimate online order: 4–12 tiny orders (one cheap item) from
    /// one IP and one BIN range within an hour, most after a declined attempt or two.
    public var cardTestingBurstRate: Double
    /// Account takeover, per legitimate online order: an existing customer's account (their
    /// email, their saved card, so AVS passes) ships a large basket to a new address, from a pool IP.
    public var accountTakeoverRate: Double
    /// Gift-card fraud, per legitimate online order: a stolen card buys 1–4 high gift cards
    /// (digital, no shipping line), often after failed attempts.
    public var giftCardFraudRate: Double
    /// POS refund abuse, per legitimate POS order at the first café: its one dishonest staff
    /// member refunds, in full with no restock (the money goes to them), a recent sale there that
    /// nobody brought back (45 %), a sale from before the simulated period that Storewise never
    /// saw (30 %: a refund without a matching sale; refunds/create, then orders/updated of that old
    /// order), or (25 %) a sale they rang up for their accomplice, a regular, refunded 0.5–2.5 h later.
    public var refundAbuseRate: Double
    /// POS discount-override abuse, per legitimate POS order at the last café: its dishonest
    /// staff member rings up one of their few friends (real customers) with a 40–80 % manual discount.
    public var discountOverrideAbuseRate: Double

    /// Share of fraudulent online orders the shop catches early: cancelled with
    /// `cancel_reason: "fraud"` 1–3 days later (card testing bursts: twice this share).
    public var caughtEarlyShare: Double
    /// Share of the fraudulent online orders not caught early that end in a fraud chargeback
    /// (disputes/create, reason "fraudulent") 20–75 days after the order; the rest are never labelled.
    public var chargebackShare: Double
    /// Days after a POS abuse before the audit tags the order "fraud" (orders/updated).
    public var auditDelayDays: ClosedRange<Int>
    /// Label noise, per legitimate online order: the card holder disputes a real purchase as
    /// "unrecognized" 20–60 days later (friendly fraud), which `Dispute.isFraudChargeback` counts.
    public var friendlyChargebackRate: Double

    public init(
        checkoutDetails: Bool = true, stolenCardRate: Double = 0.003, cardTestingBurstRate: Double = 0.0002,
        accountTakeoverRate: Double = 0.001, giftCardFraudRate: Double = 0.0008, refundAbuseRate: Double = 0.01,
        discountOverrideAbuseRate: Double = 0.008, caughtEarlyShare: Double = 0.15, chargebackShare: Double = 0.85,
        auditDelayDays: ClosedRange<Int> = 14...28, friendlyChargebackRate: Double = 0.0005
    ) {
        self.checkoutDetails = checkoutDetails; self.stolenCardRate = stolenCardRate
        self.cardTestingBurstRate = cardTestingBurstRate; self.accountTakeoverRate = accountTakeoverRate
        self.giftCardFraudRate = giftCardFraudRate; self.refundAbuseRate = refundAbuseRate
        self.discountOverrideAbuseRate = discountOverrideAbuseRate; self.caughtEarlyShare = caughtEarlyShare
        self.chargebackShare = chargebackShare; self.auditDelayDays = auditDelayDays
        self.friendlyChargebackRate = friendlyChargebackRate
    }

    /// No details, no fraud: the stream the simulator made before fraud existed.
    public static let off = FraudConfiguration(
        checkoutDetails: false, stolenCardRate: 0, cardTestingBurstRate: 0, accountTakeoverRate: 0,
        giftCardFraudRate: 0, refundAbuseRate: 0, discountOverrideAbuseRate: 0, friendlyChargebackRate: 0)

    /// Checkout details and every pattern at its default rate: about 0.6 % of online orders are
    /// fraudulent (stolen card 0.3 %, card testing ~0.16 %, takeover 0.1 %, gift cards 0.08 %).
    public static let standard = FraudConfiguration()

    /// The legitimate orders of `.standard` (details included) with no fraud and no label noise.
    public static let checkoutDetailsOnly = FraudConfiguration.standard.scaled(by: 0)

    /// Every pattern's rate (and the label noise) multiplied by `factor`; labelling unchanged.
    public func scaled(by factor: Double) -> FraudConfiguration {
        var copy = self
        copy.stolenCardRate *= factor; copy.cardTestingBurstRate *= factor
        copy.accountTakeoverRate *= factor; copy.giftCardFraudRate *= factor
        copy.refundAbuseRate *= factor; copy.discountOverrideAbuseRate *= factor
        copy.friendlyChargebackRate *= factor
        return copy
    }

    /// True when any pattern or label noise can happen.
    public var hasFraud: Bool {
        stolenCardRate > 0 || cardTestingBurstRate > 0 || accountTakeoverRate > 0 || giftCardFraudRate > 0
            || refundAbuseRate > 0 || discountOverrideAbuseRate > 0 || friendlyChargebackRate > 0
    }

    /// Whether legitimate orders carry checkout details.
    var addsDetails: Bool { checkoutDetails || hasFraud }
}
