/// Order rounding and merchant overrides for one item.
public struct OrderConstraints: Sendable, Hashable {
    /// Quantities are rounded UP to a multiple of this (units per case).
    public var casePack: Int
    /// At least this many units when ordering at all (itself rounded up to the case pack).
    public var minimumOrderQuantity: Int
    /// Floor for the reorder point and the order-up-to level.
    public var minimumStock: Int?
    /// Cap on the order-up-to level: never order beyond it. Wins over `minimumStock`.
    public var maximumStock: Int?
    /// A merchant's fixed reorder point, replacing the computed one (still capped by `maximumStock`).
    public var reorderPointOverride: Int?

    public init(casePack: Int = 1, minimumOrderQuantity: Int = 0, minimumStock: Int? = nil,
                maximumStock: Int? = nil, reorderPointOverride: Int? = nil) {
        self.casePack = casePack
        self.minimumOrderQuantity = minimumOrderQuantity
        self.minimumStock = minimumStock
        self.maximumStock = maximumStock
        self.reorderPointOverride = reorderPointOverride
    }

    /// Throws naming the first field out of range.
    public func validate() throws {
        guard casePack >= 1 else { throw ReplenishmentError.invalidParameter(name: "casePack", reason: "must be at least 1, got \(casePack)") }
        guard minimumOrderQuantity >= 0 else {
            throw ReplenishmentError.invalidParameter(name: "minimumOrderQuantity", reason: "must not be negative, got \(minimumOrderQuantity)")
        }
        if let minimumStock, minimumStock < 0 {
            throw ReplenishmentError.invalidParameter(name: "minimumStock", reason: "must not be negative, got \(minimumStock)")
        }
        if let maximumStock, maximumStock < 0 {
            throw ReplenishmentError.invalidParameter(name: "maximumStock", reason: "must not be negative, got \(maximumStock)")
        }
        if let reorderPointOverride, reorderPointOverride < 0 {
            throw ReplenishmentError.invalidParameter(name: "reorderPointOverride", reason: "must not be negative, got \(reorderPointOverride)")
        }
    }

    /// Rounds a wanted quantity up to what can be ordered.
    ///
    /// Order of operations: (1) a quantity ≤ 0 is 0 (nothing is ordered, so neither pack nor MOQ
    /// applies); (2) round up to a multiple of the case pack (vendors ship whole cases);
    /// (3) if that is below the MOQ, raise it to the MOQ rounded up to the case pack, so the
    /// result is both a whole number of cases and at least the MOQ.
    /// 13 with pack 12 → 24; 5 with MOQ 30 and pack 12 → 12 → 36.
    public func round(_ quantity: Int) -> Int {
        rounded(quantity).quantity
    }

    /// `round(_:)` with the phrases explaining each step.
    func rounded(_ quantity: Int) -> (quantity: Int, notes: [String]) {
        guard quantity > 0 else { return (0, []) }
        let pack = max(1, casePack)
        var notes: [String] = []
        var q = Self.roundUp(quantity, to: pack)
        if q != quantity { notes.append("rounded \(quantity) → \(q) (case pack \(pack))") }
        if q < minimumOrderQuantity {
            let moq = Self.roundUp(minimumOrderQuantity, to: pack)
            notes.append("raised \(q) → \(moq) (MOQ \(minimumOrderQuantity)\(pack > 1 ? ", case pack \(pack)" : ""))")
            q = moq
        }
        return (q, notes)
    }

    /// The smallest multiple of `pack` at or above `value` (value ≥ 0, pack ≥ 1).
    static func roundUp(_ value: Int, to pack: Int) -> Int {
        (value + pack - 1) / pack * pack
    }
}
