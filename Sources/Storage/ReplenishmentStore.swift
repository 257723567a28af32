import Foundation

/// Replenishment settings, plans, purchase-order drafts and the stock facts plans read.
///
/// A plan is saved whole in one transaction with its lines, transfer suggestions and new
/// purchase-order drafts; drafts of older plans that were never touched become `superseded`,
/// so a merchant only ever sees the current suggestions next to orders they acted on.
///
/// ```swift
/// let rows = try await store.inventorySnapshot(shopID: shop.id)
/// let saved = try await store.saveReplenishmentPlan(run, lines: lines, transfers: [], drafts: drafts, keepPlans: 10)
/// let page = try await store.replenishmentLines(shopID: shop.id, planID: saved.id, query: ReplenishmentLineQuery())
/// ```
public protocol ReplenishmentStore: Sendable {
    /// Every stored setting of the shop.
    func replenishmentSettings(shopID: Int64) async throws -> [ReplenishmentSetting]
    /// Validates and stores (inserts or replaces) one setting. Throws `ReplenishmentSettingsError`, `StorageError.unknownShop`.
    func saveReplenishmentSetting(shopID: Int64, _ setting: ReplenishmentSetting) async throws
    /// Deletes one setting; returns whether it existed.
    @discardableResult
    func deleteReplenishmentSetting(shopID: Int64, scope: SettingsScope, key: String) async throws -> Bool

    /// Every variant × location with tracked stock or demand, with catalog facts and committed units.
    func inventorySnapshot(shopID: Int64) async throws -> [InventoryRow]
    /// Units on purchase orders in status `ordered`, per variant × location.
    func unitsOnOrder(shopID: Int64) async throws -> [VariantLocation: Int]

    /// Stores a plan (its `id` is ignored) with everything in it, supersedes older untouched
    /// drafts, deletes plans beyond the newest `keepPlans` (their purchase orders stay).
    func saveReplenishmentPlan(
        _ run: ReplenishmentPlanRun, lines: [ReplenishmentLine], transfers: [TransferSuggestion],
        drafts: [PurchaseOrderDraft], keepPlans: Int
    ) async throws -> ReplenishmentPlanRun
    func latestReplenishmentPlan(shopID: Int64) async throws -> ReplenishmentPlanRun?
    func replenishmentPlans(shopID: Int64, limit: Int) async throws -> [ReplenishmentPlanRun]
    /// Lines of a plan, filtered, sorted and paged; and how many match the filter before paging.
    func replenishmentLines(shopID: Int64, planID: Int64, query: ReplenishmentLineQuery) async throws -> (lines: [ReplenishmentLine], total: Int)
    func transferSuggestions(shopID: Int64, planID: Int64) async throws -> [TransferSuggestion]

    /// Purchase orders, newest first, optionally of some statuses.
    func purchaseOrders(shopID: Int64, statuses: [PurchaseOrderStatus]) async throws -> [PurchaseOrderDraft]
    func purchaseOrder(shopID: Int64, id: Int64) async throws -> PurchaseOrderDraft?
    /// Sets one line's quantity (0 removes it) on a `draft` order. Throws `PurchaseOrderError`.
    func updatePurchaseOrderLine(shopID: Int64, orderID: Int64, variantID: Int64, locationID: Int64, quantity: Int) async throws -> PurchaseOrderDraft
    /// Moves an order to `status` when `PurchaseOrderStatus.canMove(to:)` allows it. Throws `PurchaseOrderError`.
    func setPurchaseOrderStatus(shopID: Int64, orderID: Int64, status: PurchaseOrderStatus, expectedArrivalDay: String?) async throws -> PurchaseOrderDraft
}

/// A variant at a location: the key of stock.
public struct VariantLocation: Hashable, Sendable, Codable {
    public var variantID: Int64
    public var locationID: Int64

    public init(variantID: Int64, locationID: Int64) {
        self.variantID = variantID; self.locationID = locationID
    }
}

/// Why a purchase-order change was refused.
public enum PurchaseOrderError: Error, Hashable, Sendable, CustomStringConvertible {
    case notFound(id: Int64)
    case lineNotFound(orderID: Int64, variantID: Int64, locationID: Int64)
    case notEditable(id: Int64, status: PurchaseOrderStatus)
    case invalidTransition(id: Int64, from: PurchaseOrderStatus, to: PurchaseOrderStatus)
    case invalidQuantity(Int)

    public var description: String {
        switch self {
        case .notFound(let id): "no purchase order \(id)"
        case .lineNotFound(let order, let variant, let location): "purchase order \(order) has no line for variant \(variant) at location \(location)"
        case .notEditable(let id, let status): "purchase order \(id) is \(status.rawValue); only drafts can be edited"
        case .invalidTransition(let id, let from, let to): "purchase order \(id) cannot move from \(from.rawValue) to \(to.rawValue)"
        case .invalidQuantity(let q): "quantity must be 0 or more, got \(q)"
        }
    }
}
