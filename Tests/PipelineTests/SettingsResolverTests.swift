import Foundation
import Pipeline
import Storage
import Testing

/// `SettingsResolver`: defaults < shop < vendor < location < variant < variant × location, field by field.
@Suite struct SettingsResolverTests {
    /// Each scope sets the fields its column shows; a later (narrower) scope wins where it sets one:
    ///
    /// | field            | shop | vendor Acme | location 77 | variant 11 | 11 × 77 |
    /// |------------------|------|-------------|-------------|------------|---------|
    /// | serviceLevel     | 0.90 |             |             |            | 0.98    |
    /// | leadTimeDays     | 10   | 5           |             |            |         |
    /// | reviewPeriodDays |      |             | 14          |            |         |
    /// | casePack         |      | 6           | 12          | 24         |         |
    /// | minimumStock     |      |             |             | 3          |         |
    /// | maximumStock     |      |             |             |            | 100     |
    /// | unitCostMinor    |      | 400         |             | 450        |         |
    /// | excluded         |      |             | true        | false      |         |
    static let settings = [
        ReplenishmentSetting(scope: .variantLocation, key: "11:77", overrides: ReplenishmentOverrides(serviceLevel: 0.98, maximumStock: 100)),
        ReplenishmentSetting(scope: .variant, key: "11", overrides: ReplenishmentOverrides(casePack: 24, minimumStock: 3, unitCostMinor: 450, excluded: false)),
        ReplenishmentSetting(scope: .location, key: "77", overrides: ReplenishmentOverrides(reviewPeriodDays: 14, casePack: 12, excluded: true)),
        ReplenishmentSetting(scope: .vendor, key: "ACME", overrides: ReplenishmentOverrides(leadTimeDays: 5, casePack: 6, unitCostMinor: 400)),
        ReplenishmentSetting(scope: .shop, key: "", overrides: ReplenishmentOverrides(serviceLevel: 0.9, leadTimeDays: 10)),
    ]

    /// Variant 11 at 77 of vendor "acme" (any case): service 0.98 (pair), lead 5 (vendor over shop's 10),
    /// review 14 (location), pack 24 (variant over location 12 over vendor 6), min 3 (variant), max 100
    /// (pair), cost 450 (variant over vendor), excluded false (variant over location); the rest default.
    @Test func narrowestScopeWinsFieldByField() {
        let resolver = SettingsResolver(Self.settings)
        let r = resolver.resolve(variantID: 11, locationID: 77, vendor: "acme")
        var expected = ReplenishmentOverrides.defaults
        expected.serviceLevel = 0.98
        expected.leadTimeDays = 5
        expected.reviewPeriodDays = 14
        expected.casePack = 24
        expected.minimumStock = 3
        expected.maximumStock = 100
        expected.unitCostMinor = 450
        expected.excluded = false
        #expect(r == expected)
    }

    /// Variant 11 at another location: no pair, no location → service 0.9 (shop), lead 5 (vendor),
    /// review 7 (default), pack 24, min 3, no max, cost 450.
    @Test func variantWithoutItsLocation() {
        let r = SettingsResolver(Self.settings).resolve(variantID: 11, locationID: 1, vendor: "Acme")
        #expect(r.serviceLevel == 0.9 && r.leadTimeDays == 5 && r.reviewPeriodDays == 7)
        #expect(r.casePack == 24 && r.minimumStock == 3 && r.maximumStock == nil && r.unitCostMinor == 450)
        #expect(r.excluded == false)
    }

    /// Variant 12 at 77 without a vendor: shop (0.9, 10) then location (14, pack 12, excluded).
    @Test func locationOverShopWithoutVendor() {
        let r = SettingsResolver(Self.settings).resolve(variantID: 12, locationID: 77, vendor: nil)
        #expect(r.serviceLevel == 0.9 && r.leadTimeDays == 10 && r.reviewPeriodDays == 14)
        #expect(r.casePack == 12 && r.minimumStock == nil && r.unitCostMinor == nil)
        #expect(r.excluded == true)
    }

    /// Vendor names match whatever their case; another vendor gets only shop and defaults.
    @Test func vendorMatchIsCaseInsensitive() {
        let resolver = SettingsResolver(Self.settings)
        for name in ["ACME", "acme", "Acme", "aCmE"] {
            let r = resolver.resolve(variantID: 12, locationID: 1, vendor: name)
            #expect(r.leadTimeDays == 5 && r.casePack == 6 && r.unitCostMinor == 400, "\(name)")
        }
        let other = resolver.resolve(variantID: 12, locationID: 1, vendor: "Acme Ltd")
        #expect(other.leadTimeDays == 10 && other.casePack == 1 && other.unitCostMinor == nil)
    }

    /// No settings: the built-in defaults (95 %, 14 days lead, 7 days review, pack 1, 25 %/yr holding …).
    @Test func defaultsWithoutSettings() {
        let r = SettingsResolver([]).resolve(variantID: 1, locationID: 2, vendor: "Anyone")
        #expect(r == ReplenishmentOverrides.defaults)
        #expect(r.serviceLevel == 0.95 && r.leadTimeDays == 14 && r.reviewPeriodDays == 7 && r.casePack == 1)
        #expect(r.holdingCostRate == 0.25 && r.costShare == 0.5 && r.overstockDays == 120 && r.deadStockDays == 90)
        #expect(r.excluded == false && r.newsvendor == false)
    }

    /// A shop setting fills only what it sets; the rest stays default.
    @Test func shopOverDefaults() {
        let r = SettingsResolver([ReplenishmentSetting(scope: .shop, key: "", overrides: ReplenishmentOverrides(holdingCostRate: 0.4))])
            .resolve(variantID: 1, locationID: 2, vendor: nil)
        var expected = ReplenishmentOverrides.defaults
        expected.holdingCostRate = 0.4
        #expect(r == expected)
    }

    /// Keys that do not parse for their scope are ignored rather than applied somewhere else.
    @Test func malformedKeysAreIgnored() {
        let r = SettingsResolver([
            ReplenishmentSetting(scope: .location, key: "downtown", overrides: ReplenishmentOverrides(casePack: 5)),
            ReplenishmentSetting(scope: .variantLocation, key: "11", overrides: ReplenishmentOverrides(casePack: 7)),
            ReplenishmentSetting(scope: .variantLocation, key: "11:77:3", overrides: ReplenishmentOverrides(casePack: 8)),
        ]).resolve(variantID: 11, locationID: 77, vendor: nil)
        #expect(r == ReplenishmentOverrides.defaults)
    }
}
