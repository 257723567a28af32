import Foundation
@testable import Storage
import Testing

/// Replenishment settings through `ReplenishmentStore` on every backend: round trip, replace, delete, validation.
@Suite struct ReplenishmentSettingsTests {
    @Test(arguments: Backend.all) func settingsRoundTripAndReplace(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        let store: any ReplenishmentStore = database.store
        #expect(try await store.replenishmentSettings(shopID: shop.id).isEmpty)

        let shopWide = ReplenishmentSetting(
            scope: .shop, key: "", overrides: ReplenishmentOverrides(serviceLevel: 0.9, leadTimeDays: 5),
            updatedAt: utc("2024-04-01T10:00:00Z"))
        let vendor = ReplenishmentSetting(
            scope: .vendor, key: "Acme", overrides: ReplenishmentOverrides(leadTimeDays: 21, leadTimeSDDays: 3, casePack: 12),
            updatedAt: utc("2024-04-01T10:05:00Z"))
        let pair = ReplenishmentSetting(
            scope: .variantLocation, key: "11:77", overrides: ReplenishmentOverrides(minimumStock: 2, maximumStock: 40, excluded: true),
            updatedAt: utc("2024-04-01T10:06:00Z"))
        for setting in [shopWide, vendor, pair] { try await store.saveReplenishmentSetting(shopID: shop.id, setting) }
        // Ordered by scope name, then key.
        #expect(try await store.replenishmentSettings(shopID: shop.id) == [shopWide, pair, vendor])

        // Same scope and key: replaced, not added.
        var faster = vendor
        faster.overrides = ReplenishmentOverrides(leadTimeDays: 10)
        faster.updatedAt = utc("2024-04-02T08:00:00Z")
        try await store.saveReplenishmentSetting(shopID: shop.id, faster)
        #expect(try await store.replenishmentSettings(shopID: shop.id) == [shopWide, pair, faster])

        #expect(try await store.deleteReplenishmentSetting(shopID: shop.id, scope: .vendor, key: "Acme"))
        #expect(try await store.deleteReplenishmentSetting(shopID: shop.id, scope: .vendor, key: "Acme") == false)
        #expect(try await store.replenishmentSettings(shopID: shop.id) == [shopWide, pair])
    }

    @Test(arguments: Backend.all) func invalidSettingsAreRefusedNamingTheField(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        let store: any ReplenishmentStore = database.store
        let badLevel = ReplenishmentSetting(scope: .shop, key: "", overrides: ReplenishmentOverrides(serviceLevel: 1.5))
        let error = await #expect(throws: ReplenishmentSettingsError.self) {
            try await store.saveReplenishmentSetting(shopID: shop.id, badLevel)
        }
        #expect(error?.description.contains("serviceLevel") == true)

        let badRange = ReplenishmentSetting(scope: .vendor, key: "Acme", overrides: ReplenishmentOverrides(minimumStock: 10, maximumStock: 5))
        await #expect(throws: ReplenishmentSettingsError.invalidField(name: "maximumStock", reason: "must be at least minimumStock (10), got 5")) {
            try await store.saveReplenishmentSetting(shopID: shop.id, badRange)
        }
        let badKey = ReplenishmentSetting(scope: .variantLocation, key: "11", overrides: ReplenishmentOverrides())
        await #expect(throws: ReplenishmentSettingsError.invalidKey(scope: "variant_location", key: "11", reason: "must be VARIANT_ID:LOCATION_ID")) {
            try await store.saveReplenishmentSetting(shopID: shop.id, badKey)
        }
        // Nothing half-written.
        #expect(try await store.replenishmentSettings(shopID: shop.id).isEmpty)
    }

    @Test(arguments: Backend.all) func unknownShopIsRefused(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let store: any ReplenishmentStore = database.store
        await #expect(throws: StorageError.unknownShop(id: 404)) {
            try await store.saveReplenishmentSetting(shopID: 404, ReplenishmentSetting(scope: .shop, key: "", overrides: ReplenishmentOverrides()))
        }
    }
}
