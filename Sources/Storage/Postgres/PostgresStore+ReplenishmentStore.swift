import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: ReplenishmentStore {
    public func replenishmentSettings(shopID: Int64) async throws -> [ReplenishmentSetting] {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.replenishmentSettings")
    }

    public func saveReplenishmentSetting(shopID: Int64, _ setting: ReplenishmentSetting) async throws {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.saveReplenishmentSetting")
    }

    @discardableResult
    public func deleteReplenishmentSetting(shopID: Int64, scope: SettingsScope, key: String) async throws -> Bool {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.deleteReplenishmentSetting")
    }

    public func inventorySnapshot(shopID: Int64) async throws -> [InventoryRow] {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.inventorySnapshot")
    }

    public func unitsOnOrder(shopID: Int64) async throws -> [VariantLocation: Int] {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.unitsOnOrder")
    }

    public func saveReplenishmentPlan( _ run: ReplenishmentPlanRun, lines: [ReplenishmentLine], transfers: [TransferSuggestion], drafts: [PurchaseOrderDraft], keepPlans: Int ) async throws -> ReplenishmentPlanRun {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.saveReplenishmentPlan")
    }

    public func latestReplenishmentPlan(shopID: Int64) async throws -> ReplenishmentPlanRun? {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.latestReplenishmentPlan")
    }

    public func replenishmentPlans(shopID: Int64, limit: Int) async throws -> [ReplenishmentPlanRun] {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.replenishmentPlans")
    }

    public func replenishmentLines(shopID: Int64, planID: Int64, query: ReplenishmentLineQuery) async throws -> (lines: [ReplenishmentLine], total: Int) {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.replenishmentLines")
    }

    public func transferSuggestions(shopID: Int64, planID: Int64) async throws -> [TransferSuggestion] {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.transferSuggestions")
    }

    public func purchaseOrders(shopID: Int64, statuses: [PurchaseOrderStatus]) async throws -> [PurchaseOrderDraft] {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.purchaseOrders")
    }

    public func purchaseOrder(shopID: Int64, id: Int64) async throws -> PurchaseOrderDraft? {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.purchaseOrder")
    }

    public func updatePurchaseOrderLine(shopID: Int64, orderID: Int64, variantID: Int64, locationID: Int64, quantity: Int) async throws -> PurchaseOrderDraft {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.updatePurchaseOrderLine")
    }

    public func setPurchaseOrderStatus(shopID: Int64, orderID: Int64, status: PurchaseOrderStatus, expectedArrivalDay: String?) async throws -> PurchaseOrderDraft {
        throw PostgresStoreError.notImplemented("ReplenishmentStore.setPurchaseOrderStatus")
    }
}
