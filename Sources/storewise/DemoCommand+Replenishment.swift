import Foundation
import Simulation
import Storage

extension DemoCommand {
    /// What a merchant would enter once: each vendor's lead time (the simulator's deliveries
    /// vary by up to two days beyond the mean, so a standard deviation of one day) and each
    /// variant's case pack and unit cost (Shopify keeps cost on the inventory item, which webhooks
    /// do not carry). Existing settings are left alone.
    static func seedReplenishmentSettings(simulator: StoreSimulator, store: any StorewiseStore, shopID: Int64) async throws {
        guard try await store.replenishmentSettings(shopID: shopID).isEmpty else { return }
        for vendor in simulator.vendors {
            try await store.saveReplenishmentSetting(shopID: shopID, ReplenishmentSetting(
                scope: .vendor, key: vendor.name,
                overrides: ReplenishmentOverrides(leadTimeDays: Double(vendor.leadTimeDays) + 1, leadTimeSDDays: 1)))
        }
        for item in simulator.catalog where !item.isGiftCard {
            try await store.saveReplenishmentSetting(shopID: shopID, ReplenishmentSetting(
                scope: .variant, key: String(item.variantID),
                overrides: ReplenishmentOverrides(casePack: item.packSize, unitCostMinor: item.cost.minorUnits)))
        }
    }
}
