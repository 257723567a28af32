import Storage

/// Resolves a shop's scoped replenishment settings for one variant × location: built-in
/// defaults < shop < vendor < location < variant < variant × location, field by field.
public struct SettingsResolver: Sendable {
    let shop: ReplenishmentOverrides
    let vendors: [String: ReplenishmentOverrides]
    let locations: [Int64: ReplenishmentOverrides]
    let variants: [Int64: ReplenishmentOverrides]
    let pairs: [VariantLocation: ReplenishmentOverrides]

    public init(_ settings: [ReplenishmentSetting]) {
        var shop = ReplenishmentOverrides()
        var vendors: [String: ReplenishmentOverrides] = [:]
        var locations: [Int64: ReplenishmentOverrides] = [:]
        var variants: [Int64: ReplenishmentOverrides] = [:]
        var pairs: [VariantLocation: ReplenishmentOverrides] = [:]
        for setting in settings {
            switch setting.scope {
            case .shop: shop = setting.overrides
            case .vendor: vendors[setting.key.lowercased()] = setting.overrides
            case .location: if let id = Int64(setting.key) { locations[id] = setting.overrides }
            case .variant: if let id = Int64(setting.key) { variants[id] = setting.overrides }
            case .variantLocation:
                let parts = setting.key.split(separator: ":")
                if parts.count == 2, let v = Int64(parts[0]), let l = Int64(parts[1]) {
                    pairs[VariantLocation(variantID: v, locationID: l)] = setting.overrides
                }
            }
        }
        self.shop = shop.inheriting(from: .defaults)
        self.vendors = vendors
        self.locations = locations
        self.variants = variants
        self.pairs = pairs
    }

    /// The settings in force for one variant × location of `vendor` (case-insensitive).
    public func resolve(variantID: Int64, locationID: Int64, vendor: String?) -> ReplenishmentOverrides {
        var resolved = shop
        if let vendor, let v = vendors[vendor.lowercased()] { resolved = v.inheriting(from: resolved) }
        if let l = locations[locationID] { resolved = l.inheriting(from: resolved) }
        if let v = variants[variantID] { resolved = v.inheriting(from: resolved) }
        if let p = pairs[VariantLocation(variantID: variantID, locationID: locationID)] { resolved = p.inheriting(from: resolved) }
        return resolved
    }
}
