import Foundation
import NIOCore
import Storage

/// Writes a ``CustomerAPIController/ProfileView`` as JSON straight into one byte buffer.
///
/// The profile is the one route a POS screen calls on every customer lookup, so it skips
/// `JSONEncoder` (a tree of boxed values, snake-casing every key, then a copy): same keys, same
/// sorted order and same values as `JSONResponse` would write (nil fields left out, instants as
/// ISO 8601 UTC seconds), checked against `JSONEncoder` in the tests.
struct CustomerProfileJSON {
    private(set) var buffer: ByteBuffer

    init(capacity: Int = 2048) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    static func encode(_ view: CustomerAPIController.ProfileView) -> ByteBuffer {
        var writer = CustomerProfileJSON()
        writer.profile(view)
        return writer.buffer
    }

    mutating func profile(_ v: CustomerAPIController.ProfileView) {
        var first = true
        open()
        if let value = v.churnRisk { key("churn_risk", &first); double(value) }
        key("consent", &first); open(); var c = true
        key("email", &c); bool(v.consent.email); key("sms", &c); bool(v.consent.sms); close()
        key("customer_id", &first); int(v.customerID)
        if let value = v.email { key("email", &first); string(value) }
        if let value = v.expectedOrderValue { key("expected_order_value", &first); amount(value) }
        if let value = v.expectedPurchases { key("expected_purchases", &first); double(value) }
        key("favourite_product_types", &first); buffer.writeStaticString("[")
        for (index, type) in v.favouriteProductTypes.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            open(); var f = true
            key("product_type", &f); string(type.productType); key("units", &f); int(Int64(type.units)); close()
        }
        buffer.writeStaticString("]")
        if let value = v.firstName { key("first_name", &first); string(value) }
        if let value = v.firstOrderDay { key("first_order_day", &first); string(value) }
        if let value = v.lastInStorePurchase { key("last_in_store_purchase", &first); purchase(value) }
        if let value = v.lastName { key("last_name", &first); string(value) }
        if let value = v.lastOnlinePurchase { key("last_online_purchase", &first); purchase(value) }
        if let value = v.lastOrderDay { key("last_order_day", &first); string(value) }
        key("lifetime_spend", &first); amount(v.lifetimeSpend)
        key("orders", &first); int(Int64(v.orders))
        if let value = v.phone { key("phone", &first); string(value) }
        if let value = v.predictedClv { key("predicted_clv", &first); amount(value) }
        if let value = v.probabilityAlive { key("probability_alive", &first); double(value) }
        if let rfm = v.rfm {
            key("rfm", &first); open(); var r = true
            key("frequency", &r); int(Int64(rfm.frequency)); key("monetary", &r); int(Int64(rfm.monetary))
            key("recency", &r); int(Int64(rfm.recency)); close()
        }
        if let run = v.run {
            key("run", &first); open(); var r = true
            key("clv_months", &r); int(Int64(run.clvMonths)); key("created_at", &r); date(run.createdAt)
            key("horizon_days", &r); double(run.horizonDays); key("id", &r); int(run.id); key("model", &r); string(run.model); close()
        }
        key("scored", &first); bool(v.scored)
        if let value = v.segment { key("segment", &first); string(value) }
        if let value = v.segmentTitle { key("segment_title", &first); string(value) }
        key("tags", &first); buffer.writeStaticString("[")
        for (index, tag) in v.tags.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            string(tag)
        }
        buffer.writeStaticString("]")
        close()
    }

    private mutating func purchase(_ p: CustomerAPIController.PurchaseView) {
        open(); var first = true
        key("created_at", &first); date(p.createdAt)
        key("lines", &first); buffer.writeStaticString("[")
        for (index, line) in p.lines.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            open(); var f = true
            if let type = line.productType { key("product_type", &f); string(type) }
            key("quantity", &f); int(Int64(line.quantity))
            key("title", &f); string(line.title)
            if let variant = line.variantTitle { key("variant_title", &f); string(variant) }
            close()
        }
        buffer.writeStaticString("]")
        if let id = p.locationID { key("location_id", &first); int(id) }
        if let name = p.locationName { key("location_name", &first); string(name) }
        key("name", &first); string(p.name)
        key("order_id", &first); int(p.orderID)
        key("total", &first); amount(p.total)
        close()
    }

    private mutating func amount(_ a: CustomerAPIController.Amount) {
        open(); var first = true
        key("amount", &first); string(a.amount); key("currency", &first); string(a.currency)
        key("formatted", &first); string(a.formatted); key("minor_units", &first); int(a.minorUnits)
        close()
    }

    private mutating func open() { buffer.writeStaticString("{") }
    private mutating func close() { buffer.writeStaticString("}") }

    /// `"name":`, after a comma unless it is the object's first key. Keys are ASCII literals.
    private mutating func key(_ name: StaticString, _ first: inout Bool) {
        if !first { buffer.writeStaticString(",") }
        first = false
        buffer.writeStaticString("\"")
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
    }

    private mutating func bool(_ value: Bool) {
        if value { buffer.writeStaticString("true") } else { buffer.writeStaticString("false") }
    }

    private mutating func int(_ value: Int64) { buffer.writeString(String(value)) }

    /// Swift's shortest round-trip form, as `JSONEncoder` writes it ("0.4", "1e-05"); null when not finite.
    private mutating func double(_ value: Double) {
        guard value.isFinite else { buffer.writeStaticString("null"); return }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.writeString(text)
    }

    /// RFC 8259 §7 string (see `ByteBuffer.writeJSONString`).
    mutating func string(_ value: String) {
        buffer.writeJSONString(value)
    }

    /// "2024-02-15T18:00:00Z": UTC, whole seconds (as `JSONEncoder`'s `.iso8601` writes), civil date from days since 1970.
    private mutating func date(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's days_from_civil inverse.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        var bytes = [UInt8](repeating: 0, count: 22)
        func put(_ value: Int64, _ at: Int, _ width: Int) {
            var v = value
            for k in stride(from: at + width - 1, through: at, by: -1) { bytes[k] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10 }
        }
        bytes[0] = UInt8(ascii: "\"")
        put(year, 1, 4); bytes[5] = UInt8(ascii: "-"); put(month, 6, 2); bytes[8] = UInt8(ascii: "-"); put(day, 9, 2)
        bytes[11] = UInt8(ascii: "T"); put(secondOfDay / 3600, 12, 2); bytes[14] = UInt8(ascii: ":")
        put(secondOfDay / 60 % 60, 15, 2); bytes[17] = UInt8(ascii: ":"); put(secondOfDay % 60, 18, 2)
        bytes[20] = UInt8(ascii: "Z"); bytes[21] = UInt8(ascii: "\"")
        buffer.writeBytes(bytes)
    }
}
