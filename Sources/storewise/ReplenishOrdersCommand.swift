import ArgumentParser
import Commerce
import Foundation
import Pipeline
import Storage

/// `storewise replenish orders`: list purchase-order drafts, move them through their statuses,
/// edit a line, and export them as one CSV per vendor.
struct ReplenishOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "List, edit, move and export purchase-order drafts.",
        discussion: """
        Without options: the shop's open purchase orders (draft, approved, ordered). \
        --export DIR writes one CSV per vendor (the drafts, or the orders given with --id). \
        --id N --status approved|ordered|received|cancelled|draft moves an order \
        (draft → approved → ordered → received; ordered units count as on order in the next plan). \
        --id N --variant V --location L --quantity Q sets one line of a draft (0 removes it).
        """
    )

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "A purchase order's id.") var id: Int64?
    @Option(help: "Move the order to this status.") var status: String?
    @Option(help: "With --status ordered: expected arrival day, YYYY-MM-DD.") var expectedArrival: String?
    @Option(help: "Edit the line of this variant id.") var variant: Int64?
    @Option(help: "Edit the line at this location id.") var location: Int64?
    @Option(help: "The line's new quantity.") var quantity: Int?
    @Option(help: "Write one CSV per purchase order into this folder.") var export: String?
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        if let status, PurchaseOrderStatus(rawValue: status) == nil {
            throw ValidationError("--status must be one of \(PurchaseOrderStatus.allCases.map(\.rawValue).joined(separator: ", ")), got '\(status)'")
        }
        let editing = [variant != nil, location != nil, quantity != nil].filter { $0 }.count
        if editing != 0 && editing != 3 { throw ValidationError("--variant, --location and --quantity go together") }
        if (status != nil || editing == 3) && id == nil { throw ValidationError("--id is needed to change an order") }
        if let quantity, quantity < 0 { throw ValidationError("--quantity must not be negative, got \(quantity)") }
        if let expectedArrival, CivilDate(expectedArrival) == nil { throw ValidationError("--expected-arrival must be a day YYYY-MM-DD, got '\(expectedArrival)'") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let store = runtime.store
        do {
            if let id, let variant, let location, let quantity {
                let order = try await store.updatePurchaseOrderLine(shopID: record.id, orderID: id, variantID: variant, locationID: location, quantity: quantity)
                say("Purchase order \(order.id) (\(order.vendor)): line of variant \(variant) at \(location) set to \(quantity); \(order.totalUnits) units in total.")
            }
            if let id, let status, let next = PurchaseOrderStatus(rawValue: status) {
                let order = try await store.setPurchaseOrderStatus(shopID: record.id, orderID: id, status: next, expectedArrivalDay: expectedArrival)
                say("Purchase order \(order.id) (\(order.vendor.isEmpty ? "no vendor" : order.vendor)) is now \(order.status.rawValue).")
            }
        } catch let error as PurchaseOrderError {
            throw CLIError(error.description)
        }
        var orders = try await store.purchaseOrders(shopID: record.id, statuses: [.draft, .approved, .ordered])
        if let id {
            guard let order = try await store.purchaseOrder(shopID: record.id, id: id) else { throw CLIError("no purchase order \(id)") }
            orders = [order]
        }
        if let export {
            try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
            var names: [Int64: PurchaseOrderCSV.ItemName] = [:]
            for row in try await store.inventorySnapshot(shopID: record.id) {
                names[row.variantID] = PurchaseOrderCSV.ItemName(product: row.productTitle, variant: row.variantTitle)
            }
            var locations: [Int64: String] = [:]
            for location in try await store.locations(shopID: record.id) { locations[location.id] = location.name }
            let csv = PurchaseOrderCSV(currency: record.shop.currency, names: names, locationNames: locations)
            for order in orders {
                let path = (export as NSString).appendingPathComponent(PurchaseOrderCSV.fileName(for: order))
                try csv.render(order).write(toFile: path, atomically: true, encoding: .utf8)
                say("Wrote \(path) (\(order.lines.count) lines, \(order.totalUnits) units).")
            }
            return
        }
        guard !orders.isEmpty else { return say("No open purchase orders. Make a plan: storewise replenish plan --shop \(shop)") }
        for order in orders {
            say("#\(order.id)  \(order.vendor.isEmpty ? "(no vendor)" : order.vendor)  \(order.status.rawValue)  \(order.lines.count) lines  "
                + "\(order.totalUnits) units  " + String(format: "%.2f ", Double(order.totalCostMinor) / 100) + order.currency
                + (order.expectedArrivalDay.map { "  expected \($0)" } ?? ""))
        }
    }
}
