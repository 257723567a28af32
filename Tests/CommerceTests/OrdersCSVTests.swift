import Commerce
import Foundation
import Testing
import TestSupport

@Suite struct OrdersCSVTests {
    static func eur(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "EUR") }

    /// `../shared/shopify/orders_export_sample.csv`. Counts were taken independently with Python's
    /// csv module and awk (`awk -F, 'NR>1{print $1}' | sort -u | wc -l` → 19; 40 data rows), and no
    /// field in the file spans lines, so record lines are physical lines 2…41.
    @Test func sampleExport() throws {
        guard let data = SharedData.data("shopify/orders_export_sample.csv") else { return }
        let result = OrdersCSV.parse(data, shopCurrency: "EUR")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.orders.count == 19)
        #expect(result.orders.map(\.order.name) == (1001...1019).map { "#\($0)" })
        #expect(result.orders.map(\.lines.count).reduce(0, +) == 40)
        #expect(result.orders.flatMap(\.lines) == Array(2...41))
        #expect(result.orders.allSatisfy { $0.order.currency == "EUR" && $0.order.channel == .draftOrder })
        #expect(result.orders.flatMap(\.order.lineItems).filter { $0.isGiftCard }.count == 17)
        #expect(result.orders.flatMap(\.order.lineItems).allSatisfy { $0.id == nil && $0.variantID == nil })

        // #1001, rows on lines 2-5: Total "1659.95" =
        // 10.00 (Gift Card - $10) + 24.95 (Ski Wax) + 600.00 (Hydrogen) + 1025.00 (Oxygen) = 1659.95.
        let first = result.orders[0]
        #expect(first.lines == [2, 3, 4, 5])
        #expect(first.order.id == 6_634_244_374_859)
        #expect(first.order.orderNumber == 1001)
        #expect(first.order.totalPrice == Self.eur(165_995))
        #expect(first.order.subtotalPrice == Self.eur(165_995))
        #expect(first.order.lineItems.map(\.price.minorUnits) == [1_000, 2_495, 60_000, 102_500])
        #expect(first.order.lineItems.map(\.price.minorUnits).reduce(0, +) == first.order.totalPrice.minorUnits)
        #expect(first.order.lineItems.map(\.isGiftCard) == [true, false, false, false])
        #expect(first.order.lineItems[2].title == "The Collection Snowboard: Hydrogen")
        #expect(first.order.lineItems[2].vendor == "Hydrogen Vendor")
        #expect(first.locationName == "Shop location")
        #expect(first.order.financialStatus == "paid")
        // Created at 2025-05-11 09:55:16 -0400 (= 1746971716, Python); Fulfilled at 09:57:05, 109 s later.
        #expect(first.order.createdAt == Date(timeIntervalSince1970: 1_746_971_716))
        #expect(first.order.updatedAt == Date(timeIntervalSince1970: 1_746_971_716 + 109))

        // #1008, lines 17-20: four gift cards, 10.26 + 25.65 + 51.30 + 102.59 = 189.80 = Total.
        let giftCards = result.orders[7]
        #expect(giftCards.lines == [17, 18, 19, 20])
        #expect(giftCards.order.totalPrice == Self.eur(18_980))
        #expect(giftCards.order.lineItems.map(\.price.minorUnits).reduce(0, +) == 18_980)
        #expect(giftCards.order.lineItems.allSatisfy { $0.isGiftCard })
        #expect(giftCards.order.email == "Russel.winfield@example.com")
        #expect(giftCards.order.shippingAddress?.zip == "M5C 1N7")
        #expect(giftCards.order.shippingAddress?.province == "Ontario")
        #expect(giftCards.locationName == nil)

        // #1005 (lines 11-12): billing columns, Phone, no Location.
        let billed = result.orders[4]
        #expect(billed.order.billingAddress == Address(
            company: "Receiving Department", address1: "151 O'Connor St", city: "Ottawa", province: "Ontario",
            provinceCode: "ON", zip: "K2P2L8", countryCode: "CA", phone: "+16135550114"))
        #expect(billed.order.phone == "+16135550142")

        // #1010: fulfilled three days later (2025-05-16 03:43:42 -0400 = 1747381422), which is its updatedAt.
        #expect(result.orders[9].order.updatedAt == Date(timeIntervalSince1970: 1_747_381_422))
        // #1013: pending, partially fulfilled, never paid: updatedAt is its creation.
        #expect(result.orders[12].order.fulfillmentStatus == "partial")
        #expect(result.orders[12].order.updatedAt == result.orders[12].order.createdAt)
    }

    @Test func sampleExportInAnotherShopCurrencyIsRefused() throws {
        guard let data = SharedData.data("shopify/orders_export_sample.csv") else { return }
        let result = OrdersCSV.parse(data, shopCurrency: "USD")
        #expect(result.orders.isEmpty)
        #expect(result.errors.count == 19)
        #expect(result.errors.first?.column == "Currency")
    }

    static let header =
        "Id,Name,Email,Financial Status,Currency,Subtotal,Taxes,Total,Discount Code,Discount Amount,Created at,"
        + "Paid at,Cancelled at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem discount,"
        + "Lineitem requires shipping,Source,Location,Tags\n"

    @Test func quotingEmbeddedNewlinesAndABadRow() throws {
        let csv = Self.header + """
            1,#1,a@example.com,paid,EUR,30.00,0.00,30.00,SPRING,5.00,2025-05-11 09:55:16 -0400,,,1,"Board, ""Pro""
            Edition",25.00,B-1,5.00,true,pos,Main St Store,"vip, wholesale"
            ,#1,,,,,,,,,2025-05-11 09:55:16 -0400,,,2,Wax,5.00,,,true,,,
            2,#2,,paid,EUR,10.00,0.00,10.00,,,2025-05-12 10:00:00 -0400,,,abc,Wax,10.00,,,true,web,,
            2,#2,,,,,,,,,2025-05-12 10:00:00 -0400,,,1,Wax,10.00,,,true,,,
            3,#3,,refunded,EUR,10.00,0.00,10.00,,,2025-05-13 10:00:00 -0400,2025-05-13 10:01:00 -0400,2025-05-14 10:00:00 -0400,1,Gift Card - $10,10.00,,,false,web,,

            """
        let result = OrdersCSV.parse(Data(csv.utf8), shopCurrency: "EUR")
        #expect(result.orders.map(\.order.name) == ["#1", "#3"])
        // #2 starts on line 5 because #1's first record spans lines 2 and 3.
        #expect(result.errors.map(\.description) == [#"line 5: column "Lineitem quantity": "abc" is not an integer"#])

        let one = result.orders[0]
        #expect(one.lines == [2, 4])
        #expect(one.order.lineItems[0].title == "Board, \"Pro\"\nEdition")
        #expect(one.order.lineItems[0].totalDiscount == Self.eur(500))
        #expect(one.order.lineItems.map(\.quantity) == [1, 2])
        #expect(one.order.channel == .pos)
        #expect(one.locationName == "Main St Store")
        #expect(one.order.tags == ["vip", "wholesale"])
        #expect(one.order.discountCodes == [DiscountCode(code: "SPRING", amount: Self.eur(500), type: "unknown")])
        // 25.00 + 2 × 5.00 − 5.00 = 30.00
        #expect(one.order.lineItems.map(\.netRevenue.minorUnits).reduce(0, +) == 3_000)

        let three = result.orders[1]
        #expect(three.order.lineItems[0].isGiftCard)
        #expect(three.order.cancelledAt == ShopifyDate.parse("2025-05-14 10:00:00 -0400"))
        #expect(three.order.updatedAt == three.order.cancelledAt)  // the latest of created, paid, cancelled
    }

    @Test func columnsAreFoundByNameAndCRLFIsAccepted() {
        let csv = "Total,Lineitem price,Lineitem name,Lineitem quantity,Created at,Currency,Name\r\n"
            + "1500,1500,Tea,1,2025-05-11 09:55:16 +0900,JPY,#7\r\n"
        let result = OrdersCSV.parse(Data(csv.utf8), shopCurrency: "JPY")
        #expect(result.errors.isEmpty)
        let order = result.orders.first?.order
        #expect(order?.totalPrice == Money(minorUnits: 1500, currency: "JPY"))
        #expect(order?.lineItems.first?.title == "Tea")
        // No Id column: a stable negative id from the name.
        #expect(order?.id == OrdersCSV.derivedID(name: "#7"))
        #expect((order?.id ?? 0) < 0)
        #expect(OrdersCSV.derivedID(name: "#7") != OrdersCSV.derivedID(name: "#8"))
    }

    @Test func missingRequiredColumnsAreFileErrors() {
        let csv = "Name,Created at,Lineitem name,Lineitem price,Currency\n#1,2025-05-11 09:55:16 -0400,Wax,1.00,EUR\n"
        let result = OrdersCSV.parse(Data(csv.utf8), shopCurrency: "EUR")
        #expect(result.orders.isEmpty)
        #expect(result.errors.map(\.description) == [
            #"line 1: column "Lineitem quantity": required column is missing"#,
            #"line 1: column "Total": required column is missing"#,
        ])
    }

    @Test func badValuesAreNamedAndDropOnlyTheirOrder() {
        let csv = Self.header + """
            1,#1,,paid,EUR,,,12.345,,,2025-05-11 09:55:16 -0400,,,1,Wax,1.00,,,true,,,
            2,#2,,paid,EUR,,,1.00,,,yesterday,,,1,Wax,1.00,,,true,,,
            ,,,,,,,,,,,,,1,Orphan,1.00,,,true,,,
            x,#4,,paid,EUR,,,1.00,,,2025-05-11 09:55:16 -0400,,,1,,,,,true,,,
            5,#5,,paid,EUR,,,1.00,,,2025-05-11 09:55:16 -0400,,,1,Wax,1.00,,,true,,,
            """
        let result = OrdersCSV.parse(Data(csv.utf8), shopCurrency: "EUR")
        #expect(result.orders.map(\.order.name) == ["#5"])
        let described = result.errors.map(\.description)
        #expect(described.contains(#"line 2: column "Total": "12.345" is not a valid EUR amount: it has more than 2 decimals, the minor unit of EUR"#))
        #expect(described.contains(#"line 3: column "Created at": "yesterday" is not a date like 2025-05-11 09:55:16 -0400"#))
        #expect(described.contains(#"line 4: column "Name": is blank"#))
        #expect(described.contains(#"line 5: column "Id": "x" is not an integer"#))
        #expect(described.contains(#"line 5: column "Lineitem name": is blank"#))
        #expect(described.contains(#"line 5: column "Lineitem price": is blank"#))
    }

    @Test func unterminatedQuoteIsReported() {
        let csv = Self.header + """
            1,#1,,paid,EUR,,,1.00,,,2025-05-11 09:55:16 -0400,,,1,Wax,1.00,,,true,,,
            2,#2,,paid,EUR,,,1.00,,,2025-05-11 09:55:16 -0400,,,1,"Wax,1.00,,,true,,,
            """
        let result = OrdersCSV.parse(Data(csv.utf8), shopCurrency: "EUR")
        #expect(result.orders.map(\.order.name) == ["#1"])
        #expect(result.errors.map(\.line) == [3])
    }

    @Test func emptyFile() {
        #expect(OrdersCSV.parse(Data(), shopCurrency: "EUR").errors.map(\.line) == [1])
    }
}
