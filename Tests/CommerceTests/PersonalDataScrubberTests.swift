import Commerce
import Foundation
import Testing
import TestSupport

@Suite struct PersonalDataScrubberTests {
    /// Personal strings that appear in `orders_create.json`, read from the file by hand.
    static let orderSamplePersonalData = [
        "jon@example.com", "john@example.com", "Steve", "Shipper", "John", "Smith", "123 Shipping Street",
        "123 Elm St.", "555-555-SHIP", "123-123-1234", "Shipping Company", "Shippington", "40003", "K2H7A8",
    ]

    @Test func orderSampleLosesPersonalDataAndKeepsTheRest() throws {
        guard let body = SharedData.data("shopify/webhooks/orders_create.json") else { return }
        let scrubbed = PersonalDataScrubber.scrub(body)
        let text = String(decoding: scrubbed, as: UTF8.self)
        for personal in Self.orderSamplePersonalData {
            #expect(!text.contains(personal), "\(personal) survived")
        }
        #expect(try JSONSerialization.jsonObject(with: scrubbed) is [String: Any])
        // The rounded ids and the money strings are byte-for-byte what they were.
        #expect(text.contains(#""id": 820982911946154500"#))
        #expect(text.contains(#""admin_graphql_api_id": "gid://shopify/Order/820982911946154508""#))
        #expect(text.contains(#""total_price": "404.95""#))
        #expect(text.contains(#""country_code": "US""#))
        #expect(text.contains(#""customer_locale": "en""#))

        guard case .order(let original) = try ShopifyJSON.decode(topic: .ordersCreate, body: body),
              case .order(let clean) = try ShopifyJSON.decode(topic: .ordersCreate, body: scrubbed)
        else { Issue.record("not orders"); return }
        #expect(clean.id == original.id)
        #expect(clean.name == "#9999")
        #expect(clean.totalPrice == original.totalPrice)
        #expect(clean.subtotalPrice == original.subtotalPrice)
        #expect(clean.lineItems == original.lineItems)
        #expect(clean.customer?.id == original.customer?.id)
        #expect(clean.email == nil && clean.customer?.email == nil && clean.customer?.firstName == nil)
        #expect(clean.shippingAddress?.address1 == nil && clean.shippingAddress?.city == nil)
        #expect(clean.shippingAddress?.provinceCode == "KY")
        // The byte-level scrub and the value-level scrub agree on what survives.
        #expect(clean == PersonalDataScrubber.scrub(original))
    }

    @Test func customerAndRefundSamples() throws {
        guard let customerBody = SharedData.data("shopify/webhooks/customers_create.json"),
              let refundBody = SharedData.data("shopify/webhooks/refunds_create.json")
        else { return }
        let customerText = String(decoding: PersonalDataScrubber.scrub(customerBody), as: UTF8.self)
        for personal in ["bob@biller.com", "Bob", "Biller", "151 O'Connor Street", "555-555-5555", "K2P 2L8",
                         "ice cream", "Ottawa"] {
            #expect(!customerText.contains(personal), "\(personal) survived")
        }
        guard case .customer(let original) = try ShopifyJSON.decode(topic: .customersCreate, body: customerBody),
              case .customer(let clean) = try ShopifyJSON.decode(
                  topic: .customersCreate, body: PersonalDataScrubber.scrub(customerBody))
        else { Issue.record("not customers"); return }
        #expect(clean == PersonalDataScrubber.scrub(original))
        #expect(clean.defaultAddress?.countryCode == "CA")

        let refund = PersonalDataScrubber.scrub(refundBody)
        #expect(!String(decoding: refund, as: UTF8.self).contains("Things were damaged"))
        guard case .refund(var before) = try ShopifyJSON.decode(topic: .refundsCreate, body: refundBody),
              case .refund(let after) = try ShopifyJSON.decode(topic: .refundsCreate, body: refund)
        else { Issue.record("not refunds"); return }
        before.note = nil
        #expect(after == before)  // only the free-text note went
    }

    @Test func documentWithoutPersonalDataIsUnchangedByteForByte() throws {
        guard let body = SharedData.data("shopify/webhooks/products_create.json") else { return }
        #expect(PersonalDataScrubber.scrub(body) == body)
    }

    @Test func addressesArrayEscapedKeysAndNesting() throws {
        let body = Data(#"""
            {"id":1,"em\u0061il":"a@b.c","addresses":[{"name":"A B","city":"Oslo","country_code":"NO"},
             {"address1":"x","zip":"0150","province_code":null}],"line_items":[{"name":"Wax","properties":[{"note":"for Ann"}]}],
             "client_details":{"browser_ip":"1.2.3.4","user_agent":"x"},"n":[1.50,-2e3,true,false,null]}
            """#.utf8)
        let scrubbed = PersonalDataScrubber.scrub(body)
        let json = try #require(try JSONSerialization.jsonObject(with: scrubbed) as? [String: Any])
        #expect(json["email"] is NSNull)
        #expect(json["client_details"] is NSNull)
        let addresses = try #require(json["addresses"] as? [[String: Any]])
        #expect(addresses[0]["name"] is NSNull && addresses[0]["city"] is NSNull)
        #expect(addresses[0]["country_code"] as? String == "NO")
        #expect(addresses[1]["address1"] is NSNull && addresses[1]["zip"] is NSNull)
        let line = try #require((json["line_items"] as? [[String: Any]])?.first)
        #expect(line["name"] as? String == "Wax")  // a product title, not a person
        #expect(String(decoding: scrubbed, as: UTF8.self).contains("[1.50,-2e3,true,false,null]"))
        #expect(!String(decoding: scrubbed, as: UTF8.self).contains("Ann"))
    }

    @Test(arguments: ["", "{", #"{"email": "a@b.c""#, #"{"a": tru}"#, "[1,]", #"{"a":1}x"#, "{\"a\":\"\u{01}\"}"])
    func invalidJSONKeepsNothing(text: String) {
        #expect(PersonalDataScrubber.scrub(Data(text.utf8)) == Data("null".utf8))
    }

    @Test func valueLevelScrub() {
        let customer = Customer(
            id: 9, email: "a@b.c", phone: "1", firstName: "A", lastName: "B", tags: ["vip"],
            defaultAddress: Address(name: "A B", address1: "x", city: "Oslo", zip: "0150", country: "Norway",
                                    countryCode: "NO"))
        let clean = PersonalDataScrubber.scrub(customer)
        #expect(clean.id == 9 && clean.tags == ["vip"])
        #expect(clean.email == nil && clean.phone == nil && clean.firstName == nil && clean.lastName == nil)
        #expect(clean.defaultAddress == Address(country: "Norway", countryCode: "NO"))
    }
}
