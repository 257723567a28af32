import Foundation

/// A Shopify Payments dispute: the disputes/create and disputes/update body (REST `Dispute`).
///
/// `{"id": 815713555, "order_id": 625362839, "type": "chargeback", "amount": "11.50", "currency": "USD",
/// "reason": "fraudulent", "network_reason_code": "4827", "status": "needs_response",
/// "evidence_due_by": "…", "evidence_sent_on": null, "finalized_on": null, "initiated_at": "…"}`.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct DisputeWire: Decodable, Hashable, Sendable {
    var id: WireID
    var order_id: WireID?
    var type: String
    var amount: WireAmount
    var currency: String?
    var reason: String?
    var network_reason_code: String?
    var status: String?
    var evidence_due_by: String?
    var evidence_sent_on: String?
    var finalized_on: String?
    var initiated_at: String

    init(_ dispute: Dispute, context: EncodeContext) {
        id = WireID(dispute.id); order_id = dispute.orderID.map(WireID.init)
        type = dispute.type
        amount = WireAmount(dispute.amount.decimalString); currency = dispute.amount.currency
        reason = dispute.reason; status = dispute.status
        finalized_on = context.date(dispute.finalizedAt)
        initiated_at = context.date(dispute.initiatedAt)
    }

    func model(_ context: DecodeContext) throws(PayloadError) -> Dispute {
        let currency = currency.flatMap { $0.isEmpty ? nil : $0 } ?? context.currency
        return Dispute(
            id: id.value, orderID: order_id?.value, type: type,
            amount: try context.parse(amount.text, currency, "amount"), reason: reason, status: status,
            initiatedAt: try context.requiredDate(initiated_at, "initiated_at"),
            finalizedAt: try Self.day(finalized_on, context))
    }

    /// `finalized_on` is a timestamp in Shopify's samples, but its name says a day: a bare
    /// "2013-07-03" is read as that day's start in UTC rather than rejected.
    private static func day(_ text: String?, _ context: DecodeContext) throws(PayloadError) -> Date? {
        guard let text else { return nil }
        if text.utf8.count == 10, let date = ShopifyDate.parse(text + "T00:00:00Z") { return date }
        return try context.date(text, "finalized_on")
    }
}

extension DisputeWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("order_id", order_id)
        writer.field("type", type)
        writer.field("amount", amount)
        writer.field("currency", currency)
        writer.field("reason", reason)
        writer.field("network_reason_code", network_reason_code)
        writer.field("status", status)
        writer.field("evidence_due_by", evidence_due_by)
        writer.field("evidence_sent_on", evidence_sent_on)
        writer.field("finalized_on", finalized_on)
        writer.field("initiated_at", initiated_at)
        writer.endObject()
    }
}
