/// One entry of `transactions`: a payment attempt on an order, or the money movement of a refund.
///
/// Orders webhooks carry no transactions, but some payloads embed them (the REST order with
/// `transactions`, the store simulator's orders); refunds always do. `payment_details` holds the
/// card checks a risk score reads. Property names are Shopify's wire keys (REST `Transaction`).
struct TransactionWire: Decodable, Hashable, Sendable {
    var id: WireID?
    var admin_graphql_api_id: String?
    var kind: String?
    var status: String?
    var gateway: String?
    var amount: WireAmount?
    var amount_set: MoneySetWire?
    var currency: String?
    var created_at: String?
    var error_code: String?
    /// The POS location the money moved at.
    var location_id: WireID?
    var payment_details: PaymentDetailsWire?

    /// `payment_details`: the card and the processor's checks. Also the legacy top-level order
    /// field of older API versions, which held one attempt's details.
    struct PaymentDetailsWire: Decodable, Hashable, Sendable {
        var credit_card_bin: String?
        var avs_result_code: String?
        var cvv_result_code: String?
        var credit_card_company: String?
        /// The masked number, "•••• •••• •••• 4242": only the last four digits are read.
        var credit_card_number: String?

        var isEmpty: Bool {
            credit_card_bin == nil && avs_result_code == nil && cvv_result_code == nil && credit_card_company == nil
                && credit_card_number == nil
        }
    }

    init(
        kind: String?, status: String?, amount: Money?, locationID: Int64? = nil
    ) {
        self.kind = kind; self.status = status
        self.amount = amount.map { WireAmount($0.decimalString) }; currency = amount?.currency
        location_id = locationID.map(WireID.init)
    }

    /// An order's payment attempt in the wire shape.
    init(_ payment: PaymentAttempt, context: EncodeContext) {
        id = WireID(payment.id)
        admin_graphql_api_id = EncodeContext.gid("OrderTransaction", payment.id)
        kind = payment.kind; status = payment.status; gateway = payment.gateway
        amount = payment.amount.map { WireAmount($0.decimalString) }; currency = payment.amount?.currency
        created_at = context.date(payment.createdAt)
        error_code = payment.errorCode
        let details = PaymentDetailsWire(
            credit_card_bin: payment.cardBIN, avs_result_code: payment.avsResultCode,
            cvv_result_code: payment.cvvResultCode, credit_card_company: payment.cardCompany,
            credit_card_number: payment.cardLast4.map { PaymentAttempt.masked(last4: $0) })
        payment_details = details.isEmpty ? nil : details
    }

    /// The amount in the transaction's own currency (`currency`, else the context's).
    func money(_ context: DecodeContext, path: @autoclosure () -> String) throws(PayloadError) -> Money? {
        var local = context
        if let currency, !currency.isEmpty { local.currency = currency }
        return try local.money(amount_set, amount, path() + ".amount")
    }

    /// The order's payment attempt; `path` is this entry's JSON path, e.g. `transactions[0]`.
    func payment(_ context: DecodeContext, path: @autoclosure () -> String) throws(PayloadError) -> PaymentAttempt {
        guard let id else { throw PayloadError(field: path() + ".id", reason: "is missing") }
        guard let kind else { throw PayloadError(field: path() + ".kind", reason: "is missing") }
        guard let status else { throw PayloadError(field: path() + ".status", reason: "is missing") }
        return PaymentAttempt(
            id: id.value, kind: kind, status: status, gateway: gateway, amount: try money(context, path: path()),
            createdAt: try context.date(created_at, path() + ".created_at"),
            cardBIN: payment_details?.credit_card_bin, cardCompany: payment_details?.credit_card_company,
            avsResultCode: payment_details?.avs_result_code, cvvResultCode: payment_details?.cvv_result_code,
            errorCode: error_code, cardLast4: PaymentAttempt.last4(fromMasked: payment_details?.credit_card_number))
    }
}

extension TransactionWire.PaymentDetailsWire {
    /// The one attempt an older order's top-level `payment_details` stands for: the order exists,
    /// so the charge went through; Shopify gave it no id, kind or amount.
    var legacyPayment: PaymentAttempt {
        PaymentAttempt(
            id: 0, kind: "sale", status: "success", cardBIN: credit_card_bin, cardCompany: credit_card_company,
            avsResultCode: avs_result_code, cvvResultCode: cvv_result_code,
            cardLast4: PaymentAttempt.last4(fromMasked: credit_card_number))
    }
}

extension TransactionWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("admin_graphql_api_id", admin_graphql_api_id)
        writer.field("kind", kind)
        writer.field("status", status)
        writer.field("gateway", gateway)
        writer.field("amount", amount)
        writer.field("amount_set", amount_set)
        writer.field("currency", currency)
        writer.field("created_at", created_at)
        writer.field("error_code", error_code)
        writer.field("location_id", location_id)
        writer.field("payment_details", payment_details)
        writer.endObject()
    }
}

extension TransactionWire.PaymentDetailsWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("credit_card_bin", credit_card_bin)
        writer.field("avs_result_code", avs_result_code)
        writer.field("cvv_result_code", cvv_result_code)
        writer.field("credit_card_company", credit_card_company)
        writer.field("credit_card_number", credit_card_number)
        writer.endObject()
    }
}
