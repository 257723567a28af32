/// A change to the catalog on one day: new products launched and part of the range repriced.
/// Scenario demos use it to trip "the catalog changed by more than 5 %" retraining triggers.
///
/// ```swift
/// // Day 45: eight new products, and 10 % of the existing variants 12 % dearer.
/// CatalogEvent(day: 45, addProducts: 8, repriceShare: 0.1, priceFactor: 1.12)
/// ```
///
/// Everything happens at the shop-local midnight that starts the day, before any order of the day:
/// one products/create per new product (with opening stock in inventory_levels/update when the
/// simulator emits inventory), then one products/update per repriced product carrying all its
/// variants with their new prices. New products sell from that day on, never before; orders from
/// that day on use the new prices.
public struct CatalogEvent: Sendable, Hashable {
    /// Day it happens, as a 0-based index from `SimulationConfiguration.startDate`.
    public var day: Int
    /// Number of new products, with new product, variant and inventory item ids.
    public var addProducts: Int
    /// Types the new products are drawn from, in turn; empty draws them in the catalog's usual
    /// proportions (mostly coffee and tea). Gift cards cannot be added.
    public var productTypes: [String]
    /// Share of the variants existing before the event (gift cards excluded) that get a new price;
    /// exactly `round(repriceShare × count)` of them, drawn at random.
    public var repriceShare: Double
    /// New price ≈ old price × `priceFactor`, rounded to the nearest price ending in .95 and always
    /// different from the old one.
    public var priceFactor: Double

    public init(day: Int, addProducts: Int = 0, productTypes: [String] = [], repriceShare: Double = 0,
                priceFactor: Double = 1) {
        self.day = day; self.addProducts = addProducts; self.productTypes = productTypes
        self.repriceShare = repriceShare; self.priceFactor = priceFactor
    }

    /// The first problem with it, naming the field, or nil when it is valid.
    func problem(days: Int) -> String? {
        if day < 0 || day >= days { return "catalogEvents.day \(day) is outside 0..<\(days)" }
        if addProducts < 0 { return "catalogEvents.addProducts must be ≥ 0, got \(addProducts)" }
        for type in productTypes where !ProductKind.types.contains(type) || type == "Gift Cards" {
            return "catalogEvents.productTypes has unknown type \"\(type)\" (known: \(ProductKind.all.map(\.type).joined(separator: ", ")))"
        }
        if !(0...1).contains(repriceShare) { return "catalogEvents.repriceShare must be in 0...1, got \(repriceShare)" }
        if repriceShare > 0 && (!(priceFactor > 0) || !priceFactor.isFinite || priceFactor == 1) {
            return "catalogEvents.priceFactor must be a finite number > 0 other than 1 when repricing, got \(priceFactor)"
        }
        return nil
    }
}
