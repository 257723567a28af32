import Commerce
import Foundation

/// The checkout details a risk score reads (shipping lines, discount applications, payment attempts
/// with their card checks, the POS staff member, a refund's location), decoded into the REST shapes
/// the orders webhooks carry, so a backfilled order trains the risk model like a delivered one.
extension GraphQLOrderDecoder {
    /// `DiscountApplication`'s concrete types → REST `discount_applications[].type`.
    static let discountTypes: [String: String] = [
        "ManualDiscountApplication": "manual", "DiscountCodeApplication": "discount_code",
        "AutomaticDiscountApplication": "automatic", "ScriptDiscountApplication": "script",
    ]

    /// A refund's transaction is matched to its refund by time; further apart than this they are
    /// different refunds (Shopify stamps both in the same request).
    static let refundTransactionWindow: TimeInterval = 300

    /// The nodes of the nested connection `key`: bulk children the assembler filed under `key` (by
    /// their gid type), id-less bulk children (filed under "children") whose `__typename` is in
    /// `typenames`, or the paged `{nodes}`/`{edges {node}}` answer.
    static func nodes(_ fields: GraphQLFields, _ key: String, typenames: Set<String>) throws(GraphQLDecodeError) -> [JSONValue] {
        var nodes = try fields.children(key)
        for child in try fields.children("children") {
            if let typename = child["__typename"].string, typenames.contains(typename) { nodes.append(child) }
        }
        return nodes
    }

    static func shippingLines(_ order: GraphQLFields) throws(GraphQLDecodeError) -> [ShippingLine] {
        var lines: [ShippingLine] = []
        for (index, node) in try nodes(order, "shippingLines", typenames: ["ShippingLine"]).enumerated() {
            let line = GraphQLFields(node, path: "\(order.path).shippingLines[\(index)]")
            lines.append(ShippingLine(
                title: try line.string("title"), code: try line.optionalString("code"),
                source: try line.optionalString("source"), price: try line.moneyBag("originalPriceSet")))
        }
        return lines
    }

    static func discountApplications(_ order: GraphQLFields) throws(GraphQLDecodeError) -> [DiscountApplication] {
        var applications: [DiscountApplication] = []
        let typenames = Set(discountTypes.keys)
        for (index, node) in try nodes(order, "discountApplications", typenames: typenames).enumerated() {
            applications.append(try discountApplication(GraphQLFields(node, path: "\(order.path).discountApplications[\(index)]")))
        }
        return applications
    }

    static func discountApplication(_ node: GraphQLFields) throws(GraphQLDecodeError) -> DiscountApplication {
        let typename = try node.string("__typename")
        guard let type = discountTypes[typename] else {
            throw node.fail("__typename", "is not a DiscountApplication type: \"\(typename)\"")
        }
        // REST names a code by `code` and the other kinds by `title`; the domain keeps either as `title`.
        let title = try node.optionalString(type == "discount_code" ? "code" : "title")
        guard let value = try node.object("value") else { throw node.fail("value", "missing") }
        let valueType: String
        let number: Double
        if let percentage = try value.optionalDouble("percentage") {
            // `PricingPercentageValue` is documented as -100…0 where it prices a rule and 0…100 on an
            // order's application; REST's `value` is the magnitude ("10.0" = 10 % off), so is the domain's.
            valueType = "percentage"; number = abs(percentage)
        } else if let amount = try value.optionalDouble("amount") {
            valueType = "fixed_amount"; number = abs(amount)
        } else {
            throw value.fail("", "has neither percentage nor amount")
        }
        return DiscountApplication(
            type: type, title: title, valueType: valueType, value: number,
            targetType: try node.optionalString("targetType")?.lowercased())
    }

    /// Every order transaction (payment attempts and refunds' money movements), GraphQL's enums in
    /// REST spelling: kind `SALE` → "sale", status `FAILURE` → "failure", error `CARD_DECLINED` → "card_declined".
    static func transactions(_ order: GraphQLFields) throws(GraphQLDecodeError) -> [(attempt: PaymentAttempt, locationID: Int64?)] {
        let items: [JSONValue]
        switch order.value["transactions"] {
        case .null: return []
        case .array(let list): items = list
        default: throw order.fail("transactions", "must be a list")
        }
        var result: [(attempt: PaymentAttempt, locationID: Int64?)] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let transaction = GraphQLFields(item, path: "\(order.path).transactions[\(index)]")
            let details = try transaction.object("paymentDetails")
            let attempt = PaymentAttempt(
                id: try transaction.gid("id", type: "OrderTransaction"), kind: try transaction.string("kind").lowercased(),
                status: try transaction.string("status").lowercased(), gateway: try transaction.optionalString("gateway"),
                amount: try transaction.optionalMoneyBag("amountSet"), createdAt: try transaction.optionalDate("createdAt"),
                cardBIN: try details?.optionalString("bin"), cardCompany: try details?.optionalString("company"),
                avsResultCode: try details?.optionalString("avsResultCode"), cvvResultCode: try details?.optionalString("cvvResultCode"),
                errorCode: try transaction.optionalString("errorCode")?.lowercased(),
                // `number` is the masked card number ("•••• •••• •••• 4242"): only its last four are kept.
                cardLast4: PaymentAttempt.last4(fromMasked: try details?.optionalString("number")))
            result.append((attempt, try transaction.nestedGID("location", type: "Location")))
        }
        return result
    }

    /// True for a transaction that moves a refund's money (not a payment attempt): kept off
    /// `Order.payments`, as the orders webhooks carry only the checkout's attempts.
    static func isRefund(_ attempt: PaymentAttempt) -> Bool {
        attempt.kind == "refund" || attempt.kind == "suggested_refund"
    }

    /// Each refund's location: the REFUND transaction closest in time to it (within
    /// `refundTransactionWindow`), each transaction used once; refunds without one keep nil.
    static func refundLocations(_ refunds: [Refund], transactions: [(attempt: PaymentAttempt, locationID: Int64?)]) -> [Refund] {
        var candidates = transactions.filter { isRefund($0.attempt) && $0.attempt.createdAt != nil && $0.locationID != nil }
        guard !candidates.isEmpty else { return refunds }
        var located = refunds
        for (index, refund) in refunds.enumerated() {
            var best: (offset: Int, gap: TimeInterval)?
            for (offset, candidate) in candidates.enumerated() {
                let gap = abs(candidate.attempt.createdAt!.timeIntervalSince(refund.createdAt))
                guard gap <= refundTransactionWindow else { continue }
                // Equal gaps: the one of the same amount.
                let sameAmount = candidate.attempt.amount != nil && candidate.attempt.amount == refund.amount
                if best == nil || gap < best!.gap || (gap == best!.gap && sameAmount) { best = (offset, gap) }
            }
            if let best {
                located[index].locationID = candidates[best.offset].locationID
                candidates.remove(at: best.offset)
            }
        }
        return located
    }
}
