import ArgumentParser
import Foundation
import Storage

/// `storewise replenish settings`: show and change replenishment settings per shop, vendor,
/// location, variant or variant × location.
struct ReplenishSettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show or change replenishment settings (service level, lead times, case packs, min/max …).",
        discussion: """
        Without --set or --delete: every stored setting. Narrower scopes win: shop < vendor < \
        location < variant < variant_location. Examples:
          storewise replenish settings --shop S --scope shop --set '{"serviceLevel":0.97,"reviewPeriodDays":7}'
          storewise replenish settings --shop S --scope vendor --key "Blue Bottle" --set '{"leadTimeDays":5,"leadTimeSDDays":1}'
          storewise replenish settings --shop S --scope variant --key 4011 --set '{"casePack":12,"minimumOrderQuantity":24}'
        Fields: \(fieldNames).
        """
    )

    static let fieldNames = "serviceLevel, fillRate, newsvendor, leadTimeDays, leadTimeSDDays, reviewPeriodDays, casePack, "
        + "minimumOrderQuantity, minimumStock, maximumStock, reorderPoint, unitCostMinor, costShare, holdingCostRate, "
        + "orderCostMinor, overstockDays, deadStockDays, excluded, intervalSpread"

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "shop, vendor, location, variant or variant_location.") var scope: String?
    @Option(help: "Vendor name, location id, variant id or VARIANT:LOCATION (empty for the shop).") var key = ""
    @Option(help: "JSON object of fields to store at this scope (replaces what was there).") var set: String?
    @Flag(help: "Delete the setting at this scope and key.") var delete = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        if let scope, SettingsScope(rawValue: scope) == nil {
            throw ValidationError("--scope must be one of \(SettingsScope.allCases.map(\.rawValue).joined(separator: ", ")), got '\(scope)'")
        }
        if (set != nil || delete) && scope == nil { throw ValidationError("--scope is needed with --set or --delete") }
        if set != nil && delete { throw ValidationError("give --set or --delete, not both") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let store = runtime.store
        if let scope = scope.flatMap(SettingsScope.init(rawValue:)) {
            if let set {
                let overrides: ReplenishmentOverrides
                do {
                    overrides = try JSONDecoder().decode(ReplenishmentOverrides.self, from: Data(set.utf8))
                } catch {
                    throw CLIError("--set is not a settings object (\(Self.fieldNames)): \(error)")
                }
                do {
                    try await store.saveReplenishmentSetting(shopID: record.id, ReplenishmentSetting(scope: scope, key: key, overrides: overrides))
                } catch let error as ReplenishmentSettingsError {
                    throw CLIError(error.description)
                }
                say("Stored \(scope.rawValue) setting\(key.isEmpty ? "" : " '\(key)'"). It applies from the next plan.")
            } else if delete {
                let existed = try await store.deleteReplenishmentSetting(shopID: record.id, scope: scope, key: key)
                say(existed ? "Deleted." : "There was no \(scope.rawValue) setting '\(key)'.")
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let settings = try await store.replenishmentSettings(shopID: record.id)
        if settings.isEmpty { say("No settings stored: built-in defaults apply (95 % service, 14-day lead time, 7-day review).") }
        for setting in settings {
            let json = String(decoding: try encoder.encode(setting.overrides), as: UTF8.self)
            say("\(setting.scope.rawValue)\(setting.key.isEmpty ? "" : " \(setting.key)"): \(json)")
        }
    }
}
