import Commerce
import Foundation

/// A bulk `BackfillQueries.orders` root (its `LineItem` and `ShippingLine` lines attached under
/// `lineItems` and `shippingLines` by `BulkJSONLAssembler` with `BackfillQueries.childKeys`, its
/// id-less discount applications under "children"), or a node of the paged `AdminDocuments.orders`
/// → `Commerce.Order`, exactly as the orders/create webhook of the same order would decode.
///
/// GraphQL's enums become the REST spellings the webhook carries (`PARTIALLY_REFUNDED` →
/// "partially_refunded", cancel reason `CUSTOMER` → "customer"), so projections cannot tell a
/// backfilled order from a delivered one.
public enum GraphQLOrderDecoder {
    /// - Parameter root: the assembled order (`gid://shopify/Order/…`), line items in file order.
    public static func order(_ root: JSONValue) throws(GraphQLDecodeError) -> Order {
        let idText = root["id"].string ?? "?"
        let fields = GraphQLFields(root, path: "orders[\(idText)]")
        let id = try fields.gid("id", type: "Order")
        let currency = try fields.string("currencyCode")

        let children = try fields.children("lineItems")
        var lineItems: [LineItem] = []
        lineItems.reserveCapacity(children.count)
        for (index, child) in children.enumerated() {
            lineItems.append(try lineItem(GraphQLFields(child, path: "\(fields.path).lineItems[\(index)]")))
        }

        let totalDiscounts = try fields.moneyBag("totalDiscountsSet")
        let codes = try fields.strings("discountCodes")
        // GraphQL lists an order's codes as strings; their amounts live in `discountApplications`, a
        // second nested connection whose nodes have no id. With a single code the cart-level
        // discount is that code's amount (what REST's `discount_codes[0].amount` says); with several
        // the split is unknown and each gets zero rather than a guess.
        let cartDiscount = try fields.optionalMoneyBag("cartDiscountAmountSet") ?? .zero(currency)
        let discountCodes = codes.map { code in
            DiscountCode(code: code, amount: codes.count == 1 ? cartDiscount : .zero(currency), type: "fixed_amount")
        }

        var refunds: [Refund] = []
        if case .array(let items) = root["refunds"] {
            for (index, item) in items.enumerated() {
                let refundFields = GraphQLFields(item, path: "\(fields.path).refunds[\(index)]")
                let processedAt = try refundFields.optionalDate("processedAt")
                guard let createdAt = try refundFields.optionalDate("createdAt") ?? processedAt else {
                    throw refundFields.fail("createdAt", "missing (and no processedAt)")
                }
                refunds.append(Refund(
                    id: try refundFields.gid("id", type: "Refund"), orderID: id, createdAt: createdAt,
                    processedAt: processedAt, note: try refundFields.optionalString("note"), lineItems: [],
                    amount: try refundFields.optionalMoneyBag("totalRefundedSet"),
                    userID: try refundFields.nestedGID("staffMember", type: "StaffMember")))
            }
        } else if !root["refunds"].isNull {
            throw fields.fail("refunds", "must be a list")
        }

        let transactions = try Self.transactions(fields)
        refunds = Self.refundLocations(refunds, transactions: transactions)

        var customer: Customer?
        if let customerFields = try fields.object("customer") {
            customer = Customer(
                id: try customerFields.gid("id", type: "Customer"), email: try customerFields.optionalString("email"),
                phone: try customerFields.optionalString("phone"), tags: try customerFields.strings("tags"))
        }

        return Order(
            id: id, name: try fields.string("name"), orderNumber: try fields.optionalInt("number"),
            email: try fields.optionalString("email"), phone: try fields.optionalString("phone"),
            createdAt: try fields.date("createdAt"), processedAt: try fields.optionalDate("processedAt"),
            updatedAt: try fields.date("updatedAt"), cancelledAt: try fields.optionalDate("cancelledAt"),
            cancelReason: try fields.optionalString("cancelReason")?.lowercased(), currency: currency,
            presentmentCurrency: try fields.optionalString("presentmentCurrencyCode"),
            channel: Channel(sourceName: try fields.optionalString("sourceName")),
            locationID: try fields.nestedGID("retailLocation", type: "Location"), customer: customer,
            browserIP: try fields.optionalString("clientIp"),
            billingAddress: try fields.address("billingAddress"), shippingAddress: try fields.address("shippingAddress"),
            financialStatus: try fields.optionalString("displayFinancialStatus")?.lowercased(),
            fulfillmentStatus: fulfillmentStatus(try fields.optionalString("displayFulfillmentStatus")),
            subtotalPrice: try fields.optionalMoneyBag("subtotalPriceSet") ?? .zero(currency),
            totalPrice: try fields.moneyBag("totalPriceSet"), totalDiscounts: totalDiscounts,
            totalTax: try fields.optionalMoneyBag("totalTaxSet") ?? .zero(currency), lineItems: lineItems,
            discountCodes: discountCodes, tags: try fields.strings("tags"), test: try fields.bool("test", default: false),
            refunds: refunds, userID: try fields.nestedGID("staffMember", type: "StaffMember"),
            shippingLines: try Self.shippingLines(fields), discountApplications: try Self.discountApplications(fields),
            payments: transactions.map(\.attempt).filter { !Self.isRefund($0) })
    }

    static func lineItem(_ line: GraphQLFields) throws(GraphQLDecodeError) -> LineItem {
        let price = try line.moneyBag("originalUnitPriceSet")
        return LineItem(
            id: try line.gid("id", type: "LineItem"), productID: try line.nestedGID("product", type: "Product"),
            variantID: try line.nestedGID("variant", type: "ProductVariant"), title: try line.string("title"),
            variantTitle: try line.optionalString("variantTitle"), sku: try line.optionalString("sku"),
            vendor: try line.optionalString("vendor"), quantity: try line.int("quantity"), price: price,
            totalDiscount: try line.optionalMoneyBag("totalDiscountSet") ?? .zero(price.currency),
            isGiftCard: try line.bool("isGiftCard", default: false))
    }

    /// `OrderDisplayFulfillmentStatus` → REST `fulfillment_status` (nil while nothing is fulfilled).
    static func fulfillmentStatus(_ status: String?) -> String? {
        switch status {
        case "FULFILLED": "fulfilled"
        case "PARTIALLY_FULFILLED": "partial"
        case "RESTOCKED": "restocked"
        default: nil
        }
    }
}
