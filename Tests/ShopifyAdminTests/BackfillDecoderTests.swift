import Commerce
import Foundation
import ShopifyAdmin
import Testing
import TestSupport

/// Bulk JSONL lines (in the shape of `BackfillQueries`) → domain values; expected values are written
/// by hand from the lines, and the real captured bulk output decodes.
@Suite struct BackfillDecoderTests {
    /// Parses JSONL and attaches children to their roots as the backfill does (`BulkJSONLAssembler`,
    /// grouped, with the backfill's child keys).
    static func roots(_ jsonl: String) throws -> [JSONValue] {
        var assembler = BulkJSONLAssembler(childKeys: BackfillQueries.childKeys, grouped: true)
        var roots: [JSONValue] = []
        for (number, line) in jsonl.split(separator: "\n").enumerated() where !line.isEmpty {
            roots += try assembler.add(try JSONValue.parse(Data(line.utf8)), line: number).map(\.object)
        }
        return roots + assembler.finish().map(\.object)
    }

    static let orderLines = #"""
    {"id":"gid:\/\/shopify\/Order\/5","name":"#1005","number":5,"email":"ann@example.com","phone":null,"createdAt":"2026-03-01T10:15:00Z","updatedAt":"2026-03-02T08:00:00Z","processedAt":"2026-03-01T10:15:00Z","cancelledAt":null,"cancelReason":null,"currencyCode":"USD","presentmentCurrencyCode":"EUR","sourceName":"pos","retailLocation":{"id":"gid:\/\/shopify\/Location\/77"},"clientIp":null,"test":false,"tags":["vip","wholesale"],"discountCodes":["SPRING10"],"displayFinancialStatus":"PARTIALLY_REFUNDED","displayFulfillmentStatus":"PARTIALLY_FULFILLED","customer":{"id":"gid:\/\/shopify\/Customer\/9","email":"ann@example.com","phone":null,"tags":["vip"]},"billingAddress":{"countryCodeV2":"US","provinceCode":"NY","city":"New York","zip":"10001"},"shippingAddress":null,"subtotalPriceSet":{"shopMoney":{"amount":"39.0","currencyCode":"USD"}},"totalPriceSet":{"shopMoney":{"amount":"42.51","currencyCode":"USD"}},"totalDiscountsSet":{"shopMoney":{"amount":"1.00","currencyCode":"USD"}},"totalTaxSet":{"shopMoney":{"amount":"3.51","currencyCode":"USD"}},"cartDiscountAmountSet":{"shopMoney":{"amount":"1.0","currencyCode":"USD"}},"refunds":[{"id":"gid:\/\/shopify\/Refund\/3","createdAt":"2026-03-05T12:00:00Z","processedAt":"2026-03-05T12:00:00Z","note":"too small","totalRefundedSet":{"shopMoney":{"amount":"10.00","currencyCode":"USD"}}}]}
    {"id":"gid:\/\/shopify\/LineItem\/11","title":"Mug","variantTitle":"Blue","sku":"MUG-B","vendor":"Acme","quantity":2,"isGiftCard":false,"product":{"id":"gid:\/\/shopify\/Product\/100"},"variant":{"id":"gid:\/\/shopify\/ProductVariant\/200"},"originalUnitPriceSet":{"shopMoney":{"amount":"14.5","currencyCode":"USD"}},"totalDiscountSet":{"shopMoney":{"amount":"1.00","currencyCode":"USD"}},"__parentId":"gid:\/\/shopify\/Order\/5"}
    {"id":"gid:\/\/shopify\/LineItem\/12","title":"Gift card","variantTitle":null,"sku":null,"vendor":null,"quantity":1,"isGiftCard":true,"product":null,"variant":null,"originalUnitPriceSet":{"shopMoney":{"amount":"10.00","currencyCode":"USD"}},"totalDiscountSet":{"shopMoney":{"amount":"0.0","currencyCode":"USD"}},"__parentId":"gid:\/\/shopify\/Order\/5"}
    """#

    @Test func orderDecodesExactly() throws {
        let roots = try Self.roots(Self.orderLines)
        #expect(roots.count == 1)
        let order = try GraphQLOrderDecoder.order(roots[0])
        func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "USD") }
        let expected = Order(
            id: 5, name: "#1005", orderNumber: 5, email: "ann@example.com", phone: nil,
            createdAt: Date(timeIntervalSince1970: 1_772_360_100),  // 2026-03-01T10:15:00Z
            processedAt: Date(timeIntervalSince1970: 1_772_360_100),
            updatedAt: Date(timeIntervalSince1970: 1_772_438_400),  // 2026-03-02T08:00:00Z
            currency: "USD", presentmentCurrency: "EUR", channel: .pos, locationID: 77,
            customer: Customer(id: 9, email: "ann@example.com", tags: ["vip"]),
            billingAddress: Address(city: "New York", provinceCode: "NY", zip: "10001", countryCode: "US"),
            financialStatus: "partially_refunded", fulfillmentStatus: "partial",
            subtotalPrice: usd(3900), totalPrice: usd(4251), totalDiscounts: usd(100), totalTax: usd(351),
            lineItems: [
                LineItem(id: 11, productID: 100, variantID: 200, title: "Mug", variantTitle: "Blue", sku: "MUG-B",
                         vendor: "Acme", quantity: 2, price: usd(1450), totalDiscount: usd(100)),
                LineItem(id: 12, productID: nil, variantID: nil, title: "Gift card", quantity: 1, price: usd(1000),
                         totalDiscount: usd(0), isGiftCard: true),
            ],
            discountCodes: [DiscountCode(code: "SPRING10", amount: usd(100), type: "fixed_amount")],
            tags: ["vip", "wholesale"], test: false,
            refunds: [Refund(id: 3, orderID: 5, createdAt: Date(timeIntervalSince1970: 1_772_712_000),  // 2026-03-05T12:00:00Z
                             processedAt: Date(timeIntervalSince1970: 1_772_712_000), note: "too small", lineItems: [],
                             amount: usd(1000))])
        #expect(order == expected)
    }

    @Test func orderSurvivesTheWebhookShape() throws {
        // The backfill stores orders as orders/create bodies; reading one back gives the same order.
        let roots = try Self.roots(Self.orderLines)
        let order = try GraphQLOrderDecoder.order(roots[0])
        let body = ShopifyJSON.encode(.order(order))
        let decoded = try ShopifyJSON.decode(topic: .ordersCreate, body: body, shopCurrency: "USD")
        #expect(decoded == .order(order))
    }

    @Test func missingQuantityNamesTheLine() throws {
        let broken = Self.orderLines.replacingOccurrences(of: #""quantity":1,"#, with: "")
        let roots = try Self.roots(broken)
        #expect {
            _ = try GraphQLOrderDecoder.order(roots[0])
        } throws: { error in
            (error as? GraphQLDecodeError)?.description == "orders[gid://shopify/Order/5].lineItems[1].quantity: missing"
        }
    }

    @Test func badAmountNamesTheField() throws {
        let broken = Self.orderLines.replacingOccurrences(of: #""amount":"42.51""#, with: #""amount":"42.5x""#)
        let roots = try Self.roots(broken)
        #expect {
            _ = try GraphQLOrderDecoder.order(roots[0])
        } throws: { error in
            (error as? GraphQLDecodeError)?.field == "orders[gid://shopify/Order/5].totalPriceSet.shopMoney.amount"
        }
    }

    @Test func productWithVariants() throws {
        let lines = #"""
        {"id":"gid:\/\/shopify\/Product\/100","title":"Mug","handle":"mug","vendor":"Acme","productType":"Kitchen","status":"ACTIVE","tags":["ceramic"],"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-02T00:00:00Z"}
        {"id":"gid:\/\/shopify\/ProductVariant\/200","title":"Blue","sku":"MUG-B","price":"14.50","compareAtPrice":null,"inventoryQuantity":12,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-02T00:00:00Z","inventoryItem":{"id":"gid:\/\/shopify\/InventoryItem\/300"},"__parentId":"gid:\/\/shopify\/Product\/100"}
        """#
        let roots = try Self.roots(lines)
        let product = try GraphQLProductDecoder.product(roots[0], shopCurrency: "USD")
        let jan1 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        let jan2 = jan1.addingTimeInterval(86_400)
        #expect(product == Product(
            id: 100, title: "Mug", vendor: "Acme", productType: "Kitchen", handle: "mug", status: "active", tags: ["ceramic"],
            createdAt: jan1, updatedAt: jan2,
            variants: [Variant(id: 200, productID: 100, title: "Blue", sku: "MUG-B", price: Money(minorUnits: 1450, currency: "USD"),
                               inventoryItemID: 300, inventoryQuantity: 12, createdAt: jan1, updatedAt: jan2)]))
    }

    @Test func customerConsentAndAddress() throws {
        let line = #"{"id":"gid:\/\/shopify\/Customer\/9","firstName":"Ann","lastName":"Lee","state":"ENABLED","tags":["vip"],"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","numberOfOrders":"3","amountSpent":{"amount":"120.00","currencyCode":"USD"},"defaultEmailAddress":{"emailAddress":"ann@example.com","marketingState":"SUBSCRIBED"},"defaultPhoneNumber":{"phoneNumber":"+15550001111"},"smsMarketingConsent":{"marketingState":"NOT_SUBSCRIBED"},"defaultAddress":{"countryCodeV2":"CA","provinceCode":"ON","city":"Toronto","zip":"M5V"}}"#
        let customer = try GraphQLCustomerDecoder.customer(try JSONValue.parse(Data(line.utf8)))
        let jan1 = Date(timeIntervalSince1970: 1_767_225_600)
        #expect(customer == Customer(
            id: 9, email: "ann@example.com", phone: "+15550001111", firstName: "Ann", lastName: "Lee", state: "enabled",
            tags: ["vip"], currency: "USD", acceptsEmailMarketing: true, acceptsSMSMarketing: false,
            defaultAddress: Address(city: "Toronto", provinceCode: "ON", zip: "M5V", countryCode: "CA"),
            createdAt: jan1, updatedAt: jan1))
    }

    @Test func inventoryLevelsOfALocation() throws {
        let lines = #"""
        {"id":"gid:\/\/shopify\/Location\/77","name":"Shop"}
        {"id":"gid:\/\/shopify\/InventoryLevel\/1?inventory_item_id=300","updatedAt":"2026-01-02T00:00:00Z","item":{"id":"gid:\/\/shopify\/InventoryItem\/300"},"quantities":[{"name":"available","quantity":-2}],"__parentId":"gid:\/\/shopify\/Location\/77"}
        {"id":"gid:\/\/shopify\/InventoryLevel\/2?inventory_item_id=301","updatedAt":"2026-01-02T00:00:00Z","item":{"id":"gid:\/\/shopify\/InventoryItem\/301"},"quantities":[],"__parentId":"gid:\/\/shopify\/Location\/77"}
        """#
        let roots = try Self.roots(lines)
        let levels = try GraphQLInventoryDecoder.levels(roots[0])
        let jan2 = Date(timeIntervalSince1970: 1_767_312_000)
        #expect(levels == [
            InventoryLevel(inventoryItemID: 300, locationID: 77, available: -2, updatedAt: jan2),
            InventoryLevel(inventoryItemID: 301, locationID: 77, available: nil, updatedAt: jan2),
        ])
    }

    /// Shopify's real bulk output (products query with variants, media and metafields): the product
    /// root and its one variant decode; the media and metafield lines are other children and are skipped.
    @Test func realBulkOutputProductDecodes() throws {
        guard let data = SharedData.data("shopify/bulk_operation_example.jsonl") else { return }
        let roots = try Self.roots(String(decoding: data, as: UTF8.self))
        #expect(roots.count == 1)
        // One variant, one media image and one metafield line were attached to the product.
        #expect(roots[0]["variants"].array?.count == 1)
        #expect(roots[0]["mediaImages"].array?.count == 1)
        #expect(roots[0]["metafields"].array?.count == 1)
        // That query asked for id and title of the product and id, title, sku of variants; a backfill
        // product needs nothing more but the variant price, absent there, so it is supplied as "0".
        guard case .object(var product) = roots[0], case .array(var variants) = product["variants"],
              case .object(var variant) = variants[0] else { Issue.record("not assembled"); return }
        variant["price"] = "0"
        variants[0] = .object(variant)
        product["variants"] = .array(variants)
        let decoded = try GraphQLProductDecoder.product(.object(product), shopCurrency: "USD")
        #expect(decoded.id == 10_243_914_727_730)
        #expect(decoded.title == "Bulk root count bulk-root-mrrsb7hi-1xi0i")
        #expect(decoded.variants.map(\.id) == [51_487_966_167_346])
        #expect(decoded.variants.first?.sku == "bulk-variant-bulk-root-mrrsb7hi-1xi0i")
        #expect(decoded.variants.first?.title == "Default Title")
    }
}
