/// Stock of every variant at every location ("cell" = item × location slot), with the
/// merchant's reorder policy and what changed today.
///
/// Slot 0 is the online warehouse; slots 1… are the POS stores. Gift cards are not tracked.
struct InventoryBook {
    let slotCount: Int
    /// When false, sales never stop at zero and stock may go negative.
    let censors: Bool
    private(set) var onHand: [Int32]
    private(set) var onOrder: [Int32]
    /// False for variants a location does not carry (a POS store stocks a subset), for gift cards,
    /// and for launched items until their launch.
    private(set) var carried: [Bool]
    /// Exponentially weighted daily units sold per cell: the merchant's demand estimate.
    private(set) var demandRate: [Double]
    private var soldToday: [Int32]
    /// Cells whose stock changed today through sales, cancellations or returns, with the instant,
    /// sequence number and level right after their last such change.
    private(set) var touched: [Int] = []
    private var touchedFlag: [Bool]
    private(set) var lastChangeTime: [Int64]
    private(set) var lastChangeSequence: [UInt64]
    private(set) var levelAfterLastChange: [Int32]

    /// Smoothing of the daily demand estimate (a ~4-week memory).
    static let smoothing = 2.0 / 29.0

    init(carried: [Bool], slotCount: Int, priorRate: [Double], censors: Bool, packSizes: [Int], leadTimes: [Int],
         rng: inout Xoshiro256StarStar) {
        self.slotCount = slotCount
        self.censors = censors
        self.carried = carried
        demandRate = priorRate
        let n = carried.count
        onHand = Array(repeating: 0, count: n)
        onOrder = Array(repeating: 0, count: n)
        soldToday = Array(repeating: 0, count: n)
        touchedFlag = Array(repeating: false, count: n)
        lastChangeTime = Array(repeating: 0, count: n)
        lastChangeSequence = Array(repeating: 0, count: n)
        levelAfterLastChange = Array(repeating: 0, count: n)
        for cell in 0..<n where carried[cell] {
            let item = cell / slotCount
            let policy = Self.policy(rate: priorRate[cell], leadTime: leadTimes[item], pack: packSizes[item])
            // Start somewhere between the reorder point and the order-up-to level.
            let level = Double(policy.reorderPoint) + rng.uniform(0.3, 1) * Double(policy.orderUpTo - policy.reorderPoint)
            onHand[cell] = Int32(max(Double(packSizes[item]), level.rounded(.up)))
        }
    }

    func cell(item: Int, slot: Int) -> Int { item * slotCount + slot }

    /// Units that can be sold now: the level when stockouts censor demand, else unlimited.
    func available(_ cell: Int) -> Int {
        guard carried[cell] else { return 0 }
        return censors ? max(0, Int(onHand[cell])) : Int.max
    }

    func level(_ cell: Int) -> Int { Int(onHand[cell]) }

    /// A sale: stock goes down and the cell joins today's batch of level updates.
    mutating func sell(_ cell: Int, quantity: Int, at time: Int64, sequence: UInt64) {
        soldToday[cell] += Int32(quantity)
        change(cell, by: -quantity, at: time, sequence: sequence)
    }

    /// Units coming back (a cancelled order or a returned refund line).
    mutating func putBack(_ cell: Int, quantity: Int, at time: Int64, sequence: UInt64) {
        change(cell, by: quantity, at: time, sequence: sequence)
    }

    private mutating func change(_ cell: Int, by delta: Int, at time: Int64, sequence: UInt64) {
        onHand[cell] += Int32(delta)
        if !touchedFlag[cell] { touchedFlag[cell] = true; touched.append(cell) }
        lastChangeTime[cell] = time
        lastChangeSequence[cell] = sequence
        levelAfterLastChange[cell] = onHand[cell]
    }

    /// A launched item's cell goes on sale with a full shelf: the order-up-to level of the
    /// merchant's prior demand estimate, at least one pack.
    mutating func launch(_ cell: Int, leadTime: Int, pack: Int) {
        carried[cell] = true
        let policy = Self.policy(rate: demandRate[cell], leadTime: leadTime, pack: pack)
        onHand[cell] = Int32(max(pack, policy.orderUpTo))
    }

    /// A vendor delivery: reported on its own at once, so it is never folded into a day's batch.
    mutating func receive(_ cell: Int, quantity: Int) {
        onHand[cell] += Int32(quantity)
        onOrder[cell] -= Int32(quantity)
    }

    /// Closes the day: updates demand estimates and forgets the day's batch.
    mutating func closeDay() {
        let a = Self.smoothing
        for cell in demandRate.indices where carried[cell] {
            demandRate[cell] += a * (Double(soldToday[cell]) - demandRate[cell])
            soldToday[cell] = 0
        }
        for cell in touched { touchedFlag[cell] = false }
        touched.removeAll(keepingCapacity: true)
    }

    /// Periodic review (every 7 days) with an order-up-to level: if stock on hand plus on order is
    /// at or below the reorder point, order enough packs to reach the order-up-to level. Returns
    /// the units ordered (0 if none).
    mutating func review(_ cell: Int, leadTime: Int, pack: Int) -> Int {
        guard carried[cell] else { return 0 }
        let policy = Self.policy(rate: demandRate[cell], leadTime: leadTime, pack: pack)
        let position = Int(onHand[cell]) + Int(onOrder[cell])
        guard position <= policy.reorderPoint else { return 0 }
        let packs = max(1, (policy.orderUpTo - position + pack - 1) / pack)
        onOrder[cell] += Int32(packs * pack)
        return packs * pack
    }

    /// Reorder point = expected demand over lead time plus review period, plus a thin safety stock
    /// (z = 0.8, about 79 % cycle service under Poisson demand: small shops run lean, so
    /// stockouts happen); order-up-to = reorder point plus two weeks of demand.
    static func policy(rate: Double, leadTime: Int, pack: Int) -> (reorderPoint: Int, orderUpTo: Int) {
        let horizon = Double(leadTime + 7)
        let mean = rate * horizon
        let reorderPoint = Int((mean + 0.8 * mean.squareRoot()).rounded(.down))
        let orderUpTo = max(reorderPoint + 1, Int((mean + 0.8 * mean.squareRoot() + rate * 14).rounded(.up)))
        return (reorderPoint, orderUpTo)
    }
}
