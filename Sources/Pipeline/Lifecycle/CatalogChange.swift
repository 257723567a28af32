import Storage

/// How much the catalog changed since a model's last training: variants added, removed and
/// repriced, and their share of the catalog the model saw.
///
/// The retrain trigger fires when the share is strictly above the threshold (5 % by default):
/// 51 changes in 1,000 variants fire, 50 do not.
public struct CatalogChange: Sendable, Hashable {
    public var added: Int
    public var removed: Int
    public var repriced: Int
    /// Variants in the catalog at the last training.
    public var previousCount: Int

    public init(added: Int, removed: Int, repriced: Int, previousCount: Int) {
        self.added = added; self.removed = removed; self.repriced = repriced; self.previousCount = previousCount
    }

    /// Compares the catalog a version was trained on with the catalog now, by variant id.
    public init(previous: [CatalogEntry], current: [CatalogEntry]) {
        var before: [Int64: Int64] = [:]
        before.reserveCapacity(previous.count)
        for entry in previous { before[entry.variantID] = entry.priceMinor }
        var added = 0, repriced = 0, kept = 0
        var seen = Set<Int64>()
        seen.reserveCapacity(current.count)
        for entry in current where seen.insert(entry.variantID).inserted {
            if let price = before[entry.variantID] {
                kept += 1
                if price != entry.priceMinor { repriced += 1 }
            } else {
                added += 1
            }
        }
        self.init(added: added, removed: before.count - kept, repriced: repriced, previousCount: before.count)
    }

    /// Changed variants over the previous catalog's size (a first catalog of 0 counts as 1, so
    /// any change to an empty catalog is a full change).
    public var share: Double {
        Double(added + removed + repriced) / Double(max(1, previousCount))
    }

    /// Whether the change is strictly larger than `threshold` (a share, 0.05 = 5 %).
    public func exceeds(_ threshold: Double) -> Bool {
        share > threshold
    }
}
