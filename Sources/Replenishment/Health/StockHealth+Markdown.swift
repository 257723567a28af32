extension StockHealth {
    /// Suggested markdown in percent: dead stock 40 %; overstock with more than 2 × `overstockDays` of cover
    /// (or no sales forecast) 30 %; other overstock 15 %; nil for every other status.
    ///
    /// A deliberately coarse rule table in the spirit of the overstock views of Inventory Planner and
    /// Prediko, which suggest clearing excess without publishing a formula: the deeper the excess, the
    /// deeper the cut, and stock that no longer sells gets the deepest.
    public static func markdownPercent(status: HealthStatus, daysOfCover: Double?, overstockDays: Int) -> Int? {
        switch status {
        case .deadStock:
            return 40
        case .overstock:
            guard let cover = daysOfCover else { return 30 }
            return cover > 2 * Double(overstockDays) ? 30 : 15
        case .outOfStock, .reorder, .atRisk, .healthy:
            return nil
        }
    }
}
