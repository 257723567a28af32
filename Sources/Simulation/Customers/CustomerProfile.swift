/// The hidden state of one simulated customer, in the spirit of the BG/NBD model
/// (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive, purchases
/// arrive as a Poisson process with rate `rate`; after each repeat purchase the customer drops out
/// for good with probability `dropout`. `spend` scales basket size, so average order value differs
/// between customers as in the gamma–gamma spend model (Fader, Hardie & Lee 2005b).
struct CustomerProfile: Sendable {
    /// Which channel the customer shops in.
    enum Affinity: UInt8, Sendable { case online, pos, omni }

    let affinity: Affinity
    /// Day of the first purchase, when the customer record is created.
    let acquisitionDay: Int32
    /// POS location slot (1-based) the customer shops at; 0 for online-only customers.
    let homeSlot: Int8
    /// Purchases per unit of cumulative intensity (about one unit per average day).
    var rate: Double
    let dropout: Double
    let spend: Double
    /// Catalog item the customer tends to buy again, or -1.
    let favourite: Int32
    let firstName: UInt16
    let lastName: UInt16
    let region: UInt16
    let streetNumber: UInt16
    let street: UInt8
    let zipSuffix: UInt8
    let acceptsEmail: Bool
    let acceptsSMS: Bool
    let hasPhone: Bool
    let hasAccount: Bool

    /// Assigned when the customer record is created.
    var id: Int64 = 0
    var createdAt: Int64 = 0
    var alive = true

    var curve: DemandCalendar.Curve {
        switch affinity {
        case .online: .online
        case .pos: .pos
        case .omni: .omni
        }
    }
}
