import Foundation
import ShopifyAdmin
import Storage

/// Proposes the latest replenishment plan's purchase orders: one "purchase-order" proposal per
/// vendor × location, with its lines and total (the amount policies weigh). The proposing model is
/// the shop's forecast champion (the plan reads its forecast); the plan's draft orders stay as
/// they are, the proposal carries a copy of their lines.
///
/// ```swift
/// let proposals = try await PurchaseOrderProposer(store: store, approvals: approvals).propose(shopID: 1)
/// ```
public struct PurchaseOrderProposer: Sendable {
    public static let name = "replenishment"
    public static let modelKind = "forecast"

    let replenishment: any ReplenishmentStore
    let registry: any ModelRegistry
    let history: ProposalHistory
    let approvals: ApprovalService

    public init(store: any ReplenishmentStore & ModelRegistry & ApprovalStore, approvals: ApprovalService) {
        self.replenishment = store; self.registry = store; self.history = ProposalHistory(store: store); self.approvals = approvals
    }

    /// Proposes each draft order of the latest plan not proposed before; the proposals stored
    /// (empty without a plan or drafts).
    @discardableResult
    public func propose(shopID: Int64, now: Date = Date()) async throws -> [ActionProposal] {
        guard let plan = try await replenishment.latestReplenishmentPlan(shopID: shopID) else { return [] }
        let drafts = try await replenishment.purchaseOrders(shopID: shopID, statuses: [.draft]).filter { $0.planRunID == plan.id }
        guard !drafts.isEmpty else { return [] }
        let champion = try await registry.resolveAlias(shopID: shopID, kind: Self.modelKind, alias: "champion")
        var query = ReplenishmentLineQuery()
        query.onlyToOrder = true
        query.limit = 10_000
        let lines = try await replenishment.replenishmentLines(shopID: shopID, planID: plan.id, query: query).lines
        var locationNames: [Int64: String] = [:]
        for line in lines { if let name = line.locationName { locationNames[line.locationID] = name } }
        let earlier = try await history.proposals(shopID: shopID, type: .purchaseOrder, since: .distantPast)
        let seen = Set(earlier.compactMap(\.draft.dedupeKey))
        // A new plan makes new drafts for needs an earlier purchase order already covers: the plan
        // counts only orders marked `ordered`, and an approved proposal's files are not that yet. So
        // a vendor × location with a purchase order still open in the queue, or carried out or
        // turned down within `quietDays`, is not asked about again.
        let quiet = now.addingTimeInterval(-Double(Self.quietDays) * 86_400)
        let covered = Set(earlier.filter { [.pending, .approved, .executing].contains($0.status) || $0.updatedAt >= quiet }
            .map { Self.place(vendor: $0.draft.targetID, payload: $0.draft.payload) })
        var out: [ActionProposal] = []
        for draft in drafts {
            for action in Self.actions(shopID: shopID, order: draft, plan: plan, modelVersion: champion?.version, locationNames: locationNames)
            where !(action.dedupeKey.map(seen.contains) ?? false)
                && !covered.contains(Self.place(vendor: action.targetID, location: action.payload["locationId"].string)) {
                out.append(try await approvals.propose(action, shopID: shopID, at: now).proposal)
            }
        }
        return out
    }

    /// Days after a purchase order to a vendor × location ran (or was turned down) during which a
    /// new plan does not propose another one there.
    public static let quietDays = 7

    /// "vendor|location gid" of a proposal.
    static func place(vendor: String, location: String?) -> String { vendor + "|" + (location ?? "") }

    static func place(vendor: String, payload: String) -> String {
        place(vendor: vendor, location: (try? JSONValue.parse(Data(payload.utf8)))?["locationId"].string)
    }

    /// One proposal per location of a draft order (pure), lines with a quantity only, in SKU order.
    public static func actions(shopID: Int64, order: PurchaseOrderDraft, plan: ReplenishmentPlanRun, modelVersion: Int?,
                               locationNames: [Int64: String] = [:]) -> [ProposedAction] {
        let byLocation = Dictionary(grouping: order.lines.filter { $0.quantity > 0 }, by: \.locationID)
        let vendor = order.vendor.isEmpty ? "(no vendor)" : order.vendor
        return byLocation.keys.sorted().map { locationID in
            let lines = byLocation[locationID]!.sorted { ($0.sku ?? "", $0.variantID) < ($1.sku ?? "", $1.variantID) }
            let total = lines.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.unitCostMinor }
            let units = lines.reduce(0) { $0 + $1.quantity }
            let payloadLines: [JSONValue] = lines.map { line in
                ["sku": .string(line.sku ?? ""), "variantId": .string(ProposalText.gid("ProductVariant", line.variantID)),
                 "title": .string(line.title), "quantity": .int(Int64(line.quantity)), "unitCostMinor": .int(line.unitCostMinor)]
            }
            let payload: JSONValue = [
                "vendor": .string(vendor), "locationId": .string(ProposalText.gid("Location", locationID)),
                "currency": .string(order.currency), "lines": .array(payloadLines), "totalMinor": .int(total),
            ]
            let place = locationNames[locationID] ?? "location \(locationID)"
            var reason = "Replenishment plan of \(plan.asOfDay): \(ProposalText.count(lines.count, "line")), "
                + "\(ProposalText.count(units, "unit")) from \(vendor) for \(place), \(ProposalText.money(total, order.currency))"
            if let arrival = order.expectedArrivalDay { reason += ", expected \(arrival)" }
            if let first = lines.first?.reason, !first.isEmpty { reason += ". \(first.prefix(160))" }
            return ProposedAction(
                type: .purchaseOrder, targetType: "vendor", targetID: vendor, payload: payload,
                modelKind: modelVersion == nil ? nil : modelKind, modelVersion: modelVersion, confidence: nil, reason: reason,
                proposer: name, dedupeKey: "purchase-order:\(shopID):\(order.id):\(locationID)", amountMinor: total,
                currency: order.currency)
        }
    }
}
