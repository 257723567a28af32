import Commerce

/// The fraud side of one simulation run: its own random streams and id sequences, the fraudsters'
/// shared resources (proxy IPs, the dishonest staff members and their friends), the orders that
/// still have a label or follow-up coming, and the ground truth recorded so far.
final class StoreFraud {
    /// An order fraud still has a follow-up for (fulfilment, cancellation, chargeback, audit).
    struct Tracked {
        var order: Order
        var pending: Int
    }

    let configuration: FraudConfiguration
    var rng: Xoshiro256StarStar
    var idRNG: Xoshiro256StarStar
    var webhookIDs: WebhookIDGenerator
    var orderIDs = IDSequence(base: IDBase.fraudOrder)
    var lineItemIDs = IDSequence(base: IDBase.fraudLineItem)
    var customerIDs = IDSequence(base: IDBase.fraudCustomer)
    var transactionIDs = IDSequence(base: IDBase.fraudTransaction)
    var refundIDs = IDSequence(base: IDBase.fraudRefund)
    var refundLineIDs = IDSequence(base: IDBase.fraudRefundLineItem)
    var disputeIDs = IDSequence(base: IDBase.dispute)

    /// Proxy and VPN exit addresses the fraud rings share: few, so they repeat across orders.
    let proxyIPs: [String]
    /// The café whose dishonest associate refunds sales nobody returned, and that associate.
    let refundSlot: Int?
    let refundAbuser: Int64?
    /// The café whose dishonest associate gives friends big manual discounts, and that associate.
    let discountSlot: Int?
    let discountAbuser: Int64?
    /// Customer indices of the discount abuser's friends, found among the café's regulars.
    var friends: [Int] = []
    /// Customer index of the refund abuser's accomplice, found among the café's regulars.
    var accomplice: Int?
    /// Recent legitimate sales at the refund abuser's café, newest last.
    var recentSales: [Order] = []
    /// Sales already refunded fraudulently.
    var abused = Set<Int64>()
    var tracked: [Int64: Tracked] = [:]
    var records: [FraudRecord] = []

    init(configuration: FraudConfiguration, seed: UInt64, staff: [[Int64]]) {
        self.configuration = configuration
        var rng = Xoshiro256StarStar(seed: seed, stream: 13)
        webhookIDs = WebhookIDGenerator(rng: Xoshiro256StarStar(seed: seed, stream: 14))
        idRNG = Xoshiro256StarStar(seed: seed, stream: 15)
        let blocks = [45, 89, 103, 146, 176, 185, 193, 194]
        var ips: [String] = []
        for _ in 0..<12 {
            ips.append("\(blocks[rng.int(below: blocks.count)]).\(rng.int(below: 256)).\(rng.int(below: 256)).\(1 + rng.int(below: 254))")
        }
        proxyIPs = ips
        let cafes = staff.count - 1
        refundSlot = cafes >= 1 ? 1 : nil
        discountSlot = cafes >= 1 ? cafes : nil
        var abuser: Int64?
        if cafes >= 1 { abuser = staff[1][rng.int(below: staff[1].count)] }
        refundAbuser = abuser
        abuser = nil
        if cafes >= 1 { abuser = staff[cafes][rng.int(below: staff[cafes].count)] }
        discountAbuser = abuser
        self.rng = rng
    }

    /// Keeps a follow-up's order, counting one more pending step.
    func track(_ order: Order) {
        if tracked[order.id] != nil { tracked[order.id]!.pending += 1 } else { tracked[order.id] = Tracked(order: order, pending: 1) }
    }

    /// Marks one pending step done; forgets the order once nothing is pending.
    func settle(_ id: Int64) {
        guard var entry = tracked[id] else { return }
        entry.pending -= 1
        tracked[id] = entry.pending > 0 ? entry : nil
    }

    /// A card BIN from the issuers the shop sees (stolen cards come from the same banks).
    func randomBIN() -> String { CheckoutDetails.bins[rng.int(below: CheckoutDetails.bins.count)] }

    /// An exit IP from the pool, or now and then a residential-looking one.
    func fraudIP(poolShare: Double) -> String {
        if rng.bernoulli(poolShare) { return proxyIPs[rng.int(below: proxyIPs.count)] }
        let prefixes = [24, 47, 68, 73, 96, 98, 104, 108, 174]
        return "\(prefixes[rng.int(below: prefixes.count)]).\(rng.int(below: 256)).\(rng.int(below: 256)).\(1 + rng.int(below: 254))"
    }
}
