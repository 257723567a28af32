import Commerce
import Foundation
import ShopifyAdmin
import Testing

/// The checkout details a risk score reads survive the GraphQL backfill: staff member, shipping
/// lines, discount applications (id-less bulk children told apart by `__typename`), payment attempts
/// with their card checks, refunds' staff and location. Expected values are written by hand from the lines.
@Suite struct BackfillCheckoutDecoderTests {
    /// A bulk export of one POS order in the shape of `BackfillQueries.orders`: the transactions and
    /// refunds inline, then its line item, shipping line and two discount applications as child lines.
    static let lines = #"""
    {"id":"gid:\/\/shopify\/Order\/6","name":"#1006","number":6,"email":null,"phone":null,"createdAt":"2026-03-01T10:15:00Z","updatedAt":"2026-03-05T12:00:00Z","processedAt":"2026-03-01T10:15:00Z","cancelledAt":null,"cancelReason":null,"currencyCode":"USD","presentmentCurrencyCode":"USD","sourceName":"pos","retailLocation":{"id":"gid:\/\/shopify\/Location\/77"},"staffMember":{"id":"gid:\/\/shopify\/StaffMember\/44"},"clientIp":"203.0.113.9","test":false,"tags":[],"discountCodes":["SHIPFREE"],"displayFinancialStatus":"PARTIALLY_REFUNDED","displayFulfillmentStatus":"FULFILLED","customer":null,"billingAddress":null,"shippingAddress":null,"subtotalPriceSet":{"shopMoney":{"amount":"40.0","currencyCode":"USD"}},"totalPriceSet":{"shopMoney":{"amount":"42.51","currencyCode":"USD"}},"totalDiscountsSet":{"shopMoney":{"amount":"13.0","currencyCode":"USD"}},"totalTaxSet":{"shopMoney":{"amount":"0.51","currencyCode":"USD"}},"cartDiscountAmountSet":{"shopMoney":{"amount":"5.0","currencyCode":"USD"}},"refunds":[{"id":"gid:\/\/shopify\/Refund\/3","createdAt":"2026-03-05T12:00:00Z","processedAt":"2026-03-05T12:00:00Z","note":null,"staffMember":{"id":"gid:\/\/shopify\/StaffMember\/45"},"totalRefundedSet":{"shopMoney":{"amount":"10.0","currencyCode":"USD"}}}],"transactions":[{"id":"gid:\/\/shopify\/OrderTransaction\/901","kind":"SALE","status":"FAILURE","gateway":"shopify_payments","errorCode":"CARD_DECLINED","createdAt":"2026-03-01T10:14:00Z","location":null,"amountSet":{"shopMoney":{"amount":"42.51","currencyCode":"USD"}},"paymentDetails":{"bin":"411111","avsResultCode":"N","cvvResultCode":"N","company":"Visa"}},{"id":"gid:\/\/shopify\/OrderTransaction\/902","kind":"SALE","status":"SUCCESS","gateway":"shopify_payments","errorCode":null,"createdAt":"2026-03-01T10:15:00Z","location":{"id":"gid:\/\/shopify\/Location\/77"},"amountSet":{"shopMoney":{"amount":"42.51","currencyCode":"USD"}},"paymentDetails":{"bin":"510510","avsResultCode":"Y","cvvResultCode":"M","company":"Mastercard"}},{"id":"gid:\/\/shopify\/OrderTransaction\/903","kind":"REFUND","status":"SUCCESS","gateway":"shopify_payments","errorCode":null,"createdAt":"2026-03-05T12:00:01Z","location":{"id":"gid:\/\/shopify\/Location\/78"},"amountSet":{"shopMoney":{"amount":"10.0","currencyCode":"USD"}},"paymentDetails":null}]}
    {"id":"gid:\/\/shopify\/LineItem\/11","title":"Mug","variantTitle":null,"sku":"MUG","vendor":null,"quantity":2,"isGiftCard":false,"product":null,"variant":null,"originalUnitPriceSet":{"shopMoney":{"amount":"20.0","currencyCode":"USD"}},"totalDiscountSet":{"shopMoney":{"amount":"8.0","currencyCode":"USD"}},"__parentId":"gid:\/\/shopify\/Order\/6"}
    {"__typename":"ShippingLine","id":"gid:\/\/shopify\/ShippingLine\/600","title":"Express","code":"EXP","source":"shopify","originalPriceSet":{"shopMoney":{"amount":"15.0","currencyCode":"USD"}},"__parentId":"gid:\/\/shopify\/Order\/6"}
    {"__typename":"ManualDiscountApplication","allocationMethod":"ACROSS","targetType":"LINE_ITEM","value":{"percentage":20.0},"title":"Staff override","__parentId":"gid:\/\/shopify\/Order\/6"}
    {"__typename":"DiscountCodeApplication","allocationMethod":"ACROSS","targetType":"SHIPPING_LINE","value":{"amount":"5.0","currencyCode":"USD"},"code":"SHIPFREE","__parentId":"gid:\/\/shopify\/Order\/6"}
    """#

    static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "USD") }

    @Test func checkoutDetailsDecode() throws {
        let roots = try BackfillDecoderTests.roots(Self.lines)
        #expect(roots.count == 1)
        let order = try GraphQLOrderDecoder.order(roots[0])
        #expect(order.userID == 44)
        #expect(order.locationID == 77)
        #expect(order.browserIP == "203.0.113.9")
        #expect(order.shippingLines == [ShippingLine(title: "Express", code: "EXP", source: "shopify", price: Self.usd(1500))])
        #expect(order.discountApplications == [
            DiscountApplication(type: "manual", title: "Staff override", valueType: "percentage", value: 20, targetType: "line_item"),
            DiscountApplication(type: "discount_code", title: "SHIPFREE", valueType: "fixed_amount", value: 5, targetType: "shipping_line"),
        ])
        #expect(order.discountApplications.first?.isManual == true)
        // The REFUND transaction is the refund's money movement, not a payment attempt.
        #expect(order.payments == [
            PaymentAttempt(id: 901, kind: "sale", status: "failure", gateway: "shopify_payments", amount: Self.usd(4251),
                           createdAt: Date(timeIntervalSince1970: 1_772_360_040),  // 2026-03-01T10:14:00Z
                           cardBIN: "411111", cardCompany: "Visa", avsResultCode: "N", cvvResultCode: "N", errorCode: "card_declined"),
            PaymentAttempt(id: 902, kind: "sale", status: "success", gateway: "shopify_payments", amount: Self.usd(4251),
                           createdAt: Date(timeIntervalSince1970: 1_772_360_100),  // 2026-03-01T10:15:00Z
                           cardBIN: "510510", cardCompany: "Mastercard", avsResultCode: "Y", cvvResultCode: "M"),
        ])
        // The refund: its staff member, and the location of its transaction one second later.
        #expect(order.refunds.map(\.userID) == [45])
        #expect(order.refunds.map(\.locationID) == [78])
    }

    @Test func checkoutDetailsSurviveTheWebhookShape() throws {
        // The backfill stores orders as orders/create bodies: every new field reads back the same.
        let order = try GraphQLOrderDecoder.order(try BackfillDecoderTests.roots(Self.lines)[0])
        let decoded = try ShopifyJSON.decode(topic: .ordersCreate, body: ShopifyJSON.encode(.order(order)), shopCurrency: "USD")
        #expect(decoded == .order(order))
    }

    @Test func pagedNodeDecodesAsTheBulkRoot() throws {
        // The paged `Orders` document answers the same selections with connections as {nodes: […]}.
        let root = try BackfillDecoderTests.roots(Self.lines)[0]
        guard case .object(var fields) = root, case .array(let discounts)? = fields.removeValue(forKey: "children") else {
            Issue.record("the id-less discount lines were not attached as children"); return
        }
        fields["lineItems"] = .object(["nodes": fields["lineItems"] ?? .null])
        fields["shippingLines"] = .object(["edges": .array((fields["shippingLines"]?.array ?? []).map { .object(["node": $0]) })])
        fields["discountApplications"] = .object(["nodes": .array(discounts)])
        #expect(try GraphQLOrderDecoder.order(.object(fields)) == GraphQLOrderDecoder.order(root))
    }

    @Test func refundTransactionTooLateLeavesTheLocationUnknown() throws {
        // Six minutes after the refund (past the 300 s window) it is another refund's movement.
        let late = Self.lines.replacingOccurrences(of: "2026-03-05T12:00:01Z", with: "2026-03-05T12:06:00Z")
        let order = try GraphQLOrderDecoder.order(try BackfillDecoderTests.roots(late)[0])
        #expect(order.refunds.map(\.locationID) == [nil])
        #expect(order.refunds.map(\.userID) == [45])
    }

    @Test func discountValueWithoutANumberNamesTheField() throws {
        let broken = Self.lines.replacingOccurrences(of: #"{"percentage":20.0}"#, with: #"{"ratio":0.2}"#)
        let roots = try BackfillDecoderTests.roots(broken)
        #expect {
            _ = try GraphQLOrderDecoder.order(roots[0])
        } throws: { error in
            (error as? GraphQLDecodeError)?.field == "orders[gid://shopify/Order/6].discountApplications[0].value"
        }
    }

    @Test func pagedOrdersCostFitsTheQueryLimit() {
        // Shopify's documented rules (CostEstimator), counted by hand: 20 objects, the transactions list
        // 1 + location 1 + amountSet 2 + paymentDetails 1, lineItems 2 + 25 × 7, shippingLines 2 + 3 × (1 + 2),
        // discountApplications 2 + 5 × (1 + 1) = 225 points an order: 4 a page (902) fit the 1,000-point limit.
        #expect(CostEstimator.estimate(AdminDocuments.orders.text, variables: ["first": 1]) == 2 + 225)
        #expect(CostEstimator.estimate(AdminDocuments.orders.text, variables: ["first": 4]) == 902)
    }
}

/// The staff-less orders query (for shops that cannot grant `read_users`) is the orders query minus
/// exactly the staff members, and validates against Shopify's schema.
@Suite struct BackfillOrdersWithoutStaffTests {
    @Test func onlyTheStaffMembersAreLeftOut() throws {
        let with = BackfillQueries.orders.text, without = BackfillQueries.ordersWithoutStaff.text
        #expect(with.components(separatedBy: "staffMember { id }").count == 3)  // the order's and its refunds'
        #expect(!without.contains("staffMember"))
        #expect(without.replacingOccurrences(of: "BackfillOrdersWithoutStaff", with: "BackfillOrders").count
                == with.count - 2 * " staffMember { id }".count)
        guard let errors = try AdminDocumentsSchemaTests.errors(without) else { return }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func anOrderWithoutStaffDecodes() throws {
        let lines = BackfillCheckoutDecoderTests.lines
            .replacingOccurrences(of: #""staffMember":{"id":"gid:\/\/shopify\/StaffMember\/44"},"#, with: "")
            .replacingOccurrences(of: #""staffMember":{"id":"gid:\/\/shopify\/StaffMember\/45"},"#, with: "")
        let order = try GraphQLOrderDecoder.order(try BackfillDecoderTests.roots(lines)[0])
        #expect(order.userID == nil)
        #expect(order.refunds.map(\.userID) == [nil])
        #expect(order.refunds.map(\.locationID) == [78])
        #expect(order.payments.count == 2)
    }
}
