import Foundation

/// Where a replenishment setting applies. Narrower scopes win: shop < vendor < location <
/// variant < variant × location.
public enum SettingsScope: String, Hashable, Sendable, Codable, CaseIterable {
    /// Key "" (the shop's defaults).
    case shop
    /// Key: the vendor's name as on the product.
    case vendor
    /// Key: the location id.
    case location
    /// Key: the variant id (every location).
    case variant
    /// Key: "VARIANT_ID:LOCATION_ID".
    case variantLocation = "variant_location"
}

/// One stored set of overrides at one scope.
public struct ReplenishmentSetting: Hashable, Sendable, Codable {
    public var scope: SettingsScope
    public var key: String
    public var overrides: ReplenishmentOverrides
    public var updatedAt: Date

    public init(scope: SettingsScope, key: String, overrides: ReplenishmentOverrides, updatedAt: Date = Date()) {
        self.scope = scope; self.key = key; self.overrides = overrides; self.updatedAt = updatedAt
    }

    /// Checks that the key fits the scope and the overrides are valid; errors name the field.
    public func validate() throws {
        func bad(_ reason: String) -> ReplenishmentSettingsError {
            .invalidKey(scope: scope.rawValue, key: key, reason: reason)
        }
        switch scope {
        case .shop: guard key.isEmpty else { throw bad("must be empty") }
        case .vendor: guard !key.trimmingCharacters(in: .whitespaces).isEmpty else { throw bad("must name the vendor") }
        case .location, .variant: guard Int64(key) != nil else { throw bad("must be a numeric id") }
        case .variantLocation:
            let parts = key.split(separator: ":")
            guard parts.count == 2, Int64(parts[0]) != nil, Int64(parts[1]) != nil else { throw bad("must be VARIANT_ID:LOCATION_ID") }
        }
        try overrides.validate()
    }
}
