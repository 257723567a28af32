/// The merchant's and the shopper's constraints on what may be shown, applied by `Ranker`.
///
/// Precedence: an item that is excluded (a seed), blocked or out of stock is never shown, pins
/// included; with `excludePurchased` the customer's purchases are never shown, pins included.
/// Pins come first in their order; the rest is boosted by margin and spread over groups.
public struct MerchantRules: Sendable, Equatable {
    /// Never shown.
    public var blocked: Set<Int32>
    /// Shown first, in this order (when allowed by the other rules).
    public var pinned: [Int32]
    /// Stock per item; nil means everything is available. Items past the end count as unavailable.
    public var available: [Bool]?
    /// The customer's purchases.
    public var purchased: Set<Int32>
    /// Leave out `purchased` (e.g. durable goods); off for consumables bought again.
    public var excludePurchased: Bool
    /// Margin per item in 0…1 (clamped), NaN when unknown; nil means no margins at all.
    public var margin: [Float]?
    /// Score × (1 + marginBoost × margin); 0 turns the boost off. Unknown margins get no boost.
    public var marginBoost: Double
    /// A group per item (product, product type, vendor …); nil or a negative group means ungrouped.
    public var groups: [Int32]?
    /// At most this many items per group before the other groups have had their turn; 0 = no cap.
    public var maxPerGroup: Int
    /// Items never shown: the seeds (the product on the page, the cart).
    public var excluded: Set<Int32>

    public init(blocked: Set<Int32> = [], pinned: [Int32] = [], available: [Bool]? = nil,
                purchased: Set<Int32> = [], excludePurchased: Bool = false,
                margin: [Float]? = nil, marginBoost: Double = 0,
                groups: [Int32]? = nil, maxPerGroup: Int = 0, excluded: Set<Int32> = []) {
        self.blocked = blocked; self.pinned = pinned; self.available = available
        self.purchased = purchased; self.excludePurchased = excludePurchased
        self.margin = margin; self.marginBoost = marginBoost
        self.groups = groups; self.maxPerGroup = maxPerGroup; self.excluded = excluded
    }

    /// No rules: everything available, nothing pinned, blocked or boosted.
    public static let none = MerchantRules()

    /// Whether the item may be shown at all (pins included).
    @inlinable
    public func allows(_ item: Int32) -> Bool {
        if let available {
            guard item >= 0, Int(item) < available.count, available[Int(item)] else { return false }
        }
        if !excluded.isEmpty, excluded.contains(item) { return false }
        if !blocked.isEmpty, blocked.contains(item) { return false }
        if excludePurchased, !purchased.isEmpty, purchased.contains(item) { return false }
        return true
    }

    /// The factor the margin boost multiplies a score by: 1 + marginBoost × margin, 1 when unknown.
    @inlinable
    public func boost(_ item: Int32) -> Double {
        guard marginBoost != 0, let margin, item >= 0, Int(item) < margin.count else { return 1 }
        let m = margin[Int(item)]
        guard !m.isNaN else { return 1 }
        return 1 + marginBoost * Double(min(max(m, 0), 1))
    }

    /// The item's group, or nil when ungrouped.
    @inlinable
    public func group(of item: Int32) -> Int32? {
        guard let groups, item >= 0, Int(item) < groups.count, groups[Int(item)] >= 0 else { return nil }
        return groups[Int(item)]
    }
}
