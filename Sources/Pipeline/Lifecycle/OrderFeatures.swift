import Foundation
import Monitoring
import Storage

/// The order features every kind's drift check compares: the same columns for the reference
/// sample stored with a version and for the current window.
public enum OrderFeatures {
    /// `order_total` (major units), `lines`, `units` numerical; `channel`, `discounted`
    /// ("yes"/"no"), `customer` ("new"/"returning"/"guest") and `product_type` categorical.
    public static func columns(_ rows: [OrderFeatureRow]) -> [FeatureColumn] {
        var total: [Double] = [], lines: [Double] = [], units: [Double] = []
        var channel: [String] = [], discounted: [String] = [], customer: [String] = [], type: [String] = []
        do {
            total.reserveCapacity(rows.count); lines.reserveCapacity(rows.count); units.reserveCapacity(rows.count)
            channel.reserveCapacity(rows.count); discounted.reserveCapacity(rows.count)
            customer.reserveCapacity(rows.count); type.reserveCapacity(rows.count)
        }
        for row in rows {
            // Minor units are hundredths for the currencies the shops use (no zero-decimal currency yet).
            total.append(Double(row.totalMinor) / 100)
            lines.append(Double(row.lineCount))
            units.append(Double(row.units))
            channel.append(row.channel)
            discounted.append(row.discounted ? "yes" : "no")
            customer.append(row.priorOrders.map { $0 == 0 ? "new" : "returning" } ?? "guest")
            type.append(row.topProductType)
        }
        return [
            .numerical("order_total", total), .numerical("lines", lines), .numerical("units", units),
            .categorical("channel", channel), .categorical("discounted", discounted),
            .categorical("customer", customer), .categorical("product_type", type),
        ]
    }

    /// The columns of the shop's counted orders created in `[from, to)`.
    public static func sample(_ store: any LifecycleInputs, shopID: Int64, from: Date, to: Date) async throws -> [FeatureColumn] {
        columns(try await store.orderFeatureRows(shopID: shopID, from: from, to: to))
    }
}
