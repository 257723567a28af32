import Commerce
import Foundation
import Replenishment
import Storage

extension ReplenishmentJob {
    struct Assembly {
        var lines: [ReplenishmentLine]
        var transfers: [TransferSuggestion]
        var drafts: [PurchaseOrderDraft]
        var metrics: [String: Double]
    }

    /// Turns planned items into the stored plan: ABC / XYZ over the shop, transfers before
    /// purchases, lines, and one purchase-order draft per vendor.
    static func assemble(_ planned: [PlannedItem], shopID: Int64, asOf: CivilDate, now: Date, options: Options) -> Assembly {
        let abc = (try? InventoryClassifier.abc(values: planned.map(\.item.recentRevenue))) ?? planned.map { _ in .c }
        let xyz = (try? InventoryClassifier.xyz(weeklyDemand: planned.map(\.item.weeklyUnits))) ?? planned.map { _ in .z }
        var lines = planned.indices.map { line(planned[$0], abc: abc[$0], xyz: xyz[$0], asOf: asOf) }
        let transfers = applyTransfers(&lines, planned: planned, minimumTransfer: options.minimumTransfer)
        let drafts = purchaseOrders(lines, planned: planned, shopID: shopID, asOf: asOf, now: now)

        var metrics: [String: Double] = [:]
        func add(_ name: String, _ value: Double) { metrics[name, default: 0] += value }
        for line in lines {
            add("to_order", line.suggestedQuantity > 0 ? 1 : 0)
            add("order_value_minor", Double(line.suggestedQuantity) * Double(line.unitCostMinor))
            add("lost_revenue_per_day_minor", Double(line.lostRevenuePerDayMinor))
            add(line.status.rawValue, 1)
            if line.status == .overstock || line.status == .deadStock {
                add("\(line.status.rawValue)_value_minor", Double(max(0, line.onHand)) * Double(line.unitCostMinor))
            }
        }
        metrics["transfers"] = Double(transfers.count)
        metrics["purchase_orders"] = Double(drafts.count)
        return Assembly(lines: lines, transfers: transfers, drafts: drafts, metrics: metrics)
    }

    static func line(_ planned: PlannedItem, abc: ABCClass, xyz: XYZClass, asOf: CivilDate) -> ReplenishmentLine {
        let item = planned.item
        let row = item.row
        let settings = item.settings
        let onHand = (row.available ?? 0) + row.committed
        var line = ReplenishmentLine(
            variantID: row.variantID, locationID: row.locationID, productID: row.productID, sku: row.sku,
            productTitle: row.productTitle, variantTitle: row.variantTitle, vendor: row.vendor, locationName: row.locationName,
            onHand: onHand, onOrder: item.onOrder, committed: row.committed, position: onHand + item.onOrder - row.committed,
            velocity: 0, inStockDays: 0, daysOfCover: nil, leadTimeDays: settings.leadTimeDays ?? 14,
            reviewPeriodDays: settings.reviewPeriodDays ?? 7, serviceLevel: settings.serviceLevel ?? 0.95, distribution: "",
            leadTimeDemand: 0, safetyStock: 0, reorderPoint: 0, orderUpTo: 0, suggestedQuantity: 0, replenishBy: nil,
            stockoutRisk: 0, lostRevenuePerDayMinor: 0, priceMinor: row.priceMinor, unitCostMinor: Int64(item.unitCost.rounded()),
            abcClass: abc.rawValue, xyzClass: xyz.rawValue, status: .notPlanned, markdownPercent: nil, reason: "")
        switch planned.outcome {
        case .skipped:
            line.reason = item.skipReason ?? "Not planned."
        case .failure(let message):
            line.reason = "Could not plan: \(message)"
        case .planned(let plan):
            let d = plan.decision, h = plan.health
            line.velocity = plan.velocity.unitsPerDay
            line.inStockDays = plan.velocity.inStockDays
            line.daysOfCover = h.daysOfCover
            line.serviceLevel = d.serviceLevel
            line.distribution = d.distribution.rawValue
            line.leadTimeDemand = plan.leadTimeDemand?.mean ?? 0
            line.safetyStock = d.safetyStock
            line.reorderPoint = d.reorderPoint
            line.orderUpTo = d.orderUpTo
            line.suggestedQuantity = d.suggestedQuantity
            line.replenishBy = h.replenishByDay.map { asOf.adding(days: $0).description }
            line.stockoutRisk = h.stockoutRisk
            line.lostRevenuePerDayMinor = Int64(h.lostRevenuePerDay.rounded())
            line.status = status(h.status)
            line.markdownPercent = h.markdownPercent
            line.reason = plan.reason
        }
        return line
    }

    static func status(_ health: HealthStatus) -> StockStatus {
        switch health {
        case .outOfStock: .outOfStock
        case .reorder: .reorder
        case .atRisk: .atRisk
        case .healthy: .healthy
        case .overstock: .overstock
        case .deadStock: .deadStock
        }
    }

    /// Moves surplus between locations of a variant before buying, and lowers the receiving
    /// line's order by what arrives (re-rounded to its case pack and MOQ).
    static func applyTransfers(_ lines: inout [ReplenishmentLine], planned: [PlannedItem], minimumTransfer: Int) -> [TransferSuggestion] {
        var byVariant: [Int64: [Int]] = [:]
        for index in lines.indices where lines[index].status != .notPlanned { byVariant[lines[index].variantID, default: []].append(index) }
        var transfers: [TransferSuggestion] = []
        // Units a source line already sends, so a second move's reason says what is left. The
        // stored position stays on hand + on order − committed, as the table documents it.
        var sent: [Int: Int] = [:]
        // Units a receiving line gets; its order is re-derived from the unrounded need so the
        // case-pack rounding is applied once, not on top of an already rounded quantity.
        var received: [Int: Int] = [:]
        func need(_ line: ReplenishmentLine) -> Int { line.suggestedQuantity > 0 ? max(1, line.orderUpTo - line.position) : 0 }
        for (variantID, indices) in byVariant.sorted(by: { $0.key < $1.key }) where indices.count > 1 {
            let sites = indices.map { i in
                let line = lines[i]
                let surplus = line.status == .deadStock ? max(0, line.position) : max(0, line.position - line.orderUpTo)
                return TransferPlanner.Site(locationID: line.locationID, need: need(line), surplus: line.suggestedQuantity > 0 ? 0 : surplus)
            }
            for move in TransferPlanner.plan(sites, minimumTransfer: minimumTransfer) {
                guard let to = indices.first(where: { lines[$0].locationID == move.toLocationID }),
                      let from = indices.first(where: { lines[$0].locationID == move.fromLocationID }) else { continue }
                let fromName = lines[from].locationName ?? "location \(move.fromLocationID)"
                let toName = lines[to].locationName ?? "location \(move.toLocationID)"
                transfers.append(TransferSuggestion(
                    variantID: variantID, fromLocationID: move.fromLocationID, toLocationID: move.toLocationID, quantity: move.quantity,
                    reason: "\(fromName) holds \(lines[from].position - sent[from, default: 0]) against an order-up-to level of \(lines[from].orderUpTo); "
                        + "\(toName) needs \(need(lines[to]) - received[to, default: 0])."))
                received[to, default: 0] += move.quantity
                let remaining = max(0, need(lines[to]) - received[to, default: 0])
                let constraints = planned[to].item.input?.constraints ?? OrderConstraints()
                lines[to].suggestedQuantity = remaining > 0 ? constraints.round(remaining) : 0
                lines[to].reason += " Transfer \(move.quantity) from \(fromName) first; order \(lines[to].suggestedQuantity)."
                sent[from, default: 0] += move.quantity
            }
        }
        return transfers
    }

    /// One draft per vendor with every line to order; expected on the as-of day plus the longest lead time.
    static func purchaseOrders(_ lines: [ReplenishmentLine], planned: [PlannedItem], shopID: Int64, asOf: CivilDate, now: Date) -> [PurchaseOrderDraft] {
        var byVendor: [String: [Int]] = [:]
        for index in lines.indices where lines[index].suggestedQuantity > 0 { byVendor[lines[index].vendor ?? "", default: []].append(index) }
        return byVendor.keys.sorted().map { vendor in
            let indices = byVendor[vendor] ?? []
            let lead = indices.map { lines[$0].leadTimeDays }.max() ?? 0
            let orderLines = indices.map { i in
                let line = lines[i]
                return PurchaseOrderLine(
                    variantID: line.variantID, locationID: line.locationID, sku: line.sku,
                    title: line.variantTitle.isEmpty || line.variantTitle == "Default Title" ? line.productTitle : "\(line.productTitle) – \(line.variantTitle)",
                    quantity: line.suggestedQuantity, suggestedQuantity: line.suggestedQuantity, unitCostMinor: line.unitCostMinor,
                    reason: line.reason)
            }
            return PurchaseOrderDraft(
                shopID: shopID, planRunID: 0, vendor: vendor, status: .draft, createdAt: now, updatedAt: now,
                expectedArrivalDay: asOf.adding(days: Int(lead.rounded(.up))).description,
                currency: planned[indices[0]].item.row.currency, lines: orderLines)
        }
    }
}
