import Commerce
import Foundation
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

@Suite("GDPR webhooks end to end")
struct PrivacyWebhookTests {
    /// Every string of the redacted customer's personal data that must vanish.
    let personal = ["ada@example.com", "+15555550101", "Lovelace", "12 Analytical Row", "203.0.113.9"]

    private func redactBody(customerID: Int64, orders: [Int64]) -> Data {
        ShopifyJSON.encode(.customersRedact(CustomerPrivacyRequest(
            shopID: 1, shopDomain: TestApp.domain, customerID: customerID, customerEmail: "ada@example.com",
            customerPhone: "+15555550101", orderIDs: orders, requestID: nil)))
    }

    @Test("customers/redact removes the customer's personal data from raw and derived rows")
    func redactCustomer() async throws {
        let app = try await TestApp()
        let ada = SampleOrders.order(id: 5001, name: "#1001")
        let graceCustomer = Customer(
            id: 7002, email: "grace@example.com", phone: "+15555550199", firstName: "Grace", lastName: "Hopper",
            defaultAddress: Address(firstName: "Grace", lastName: "Hopper", address1: "1 Cobol Way", city: "Arlington", countryCode: "US"),
            updatedAt: SampleOrders.date("2024-01-01T00:00:00Z"))
        var graceOrder = SampleOrders.order(id: 5002, name: "#1002", customer: graceCustomer)
        graceOrder.browserIP = "198.51.100.7"
        let grace = graceOrder
        try await app.run { client async throws in
            #expect(try await client.deliver(topic: "customers/create", body: ShopifyJSON.encode(.customer(SampleOrders.customer()))).0 == .ok)
            #expect(try await client.deliver(topic: "orders/create", body: ShopifyJSON.encode(.order(ada))).0 == .ok)
            #expect(try await client.deliver(topic: "orders/create", body: ShopifyJSON.encode(.order(grace))).0 == .ok)
            #expect(try await client.deliver(topic: "customers/redact", body: redactBody(customerID: 7001, orders: [5001])).0 == .ok)
        }
        // Raw payloads in the event log.
        let events = try await app.store.events(shopID: app.shop.id, after: 0, limit: 100)
        #expect(events.count == 4)
        for event in events {
            let text = String(decoding: event.body, as: UTF8.self)
            for value in personal {
                #expect(!text.contains(value), "event \(event.topic) still holds \(value)")
            }
        }
        // Projections.
        let order = try #require(try await app.store.order(shopID: app.shop.id, id: 5001))
        #expect(order.email == nil && order.billingAddress?.address1 == nil && order.browserIP == nil)
        #expect(order.totalPrice == SampleOrders.usd(2500), "non-personal data stays")
        let customer = try await app.store.customer(shopID: app.shop.id, id: 7001)
        #expect(customer?.email == nil && customer?.lastName == nil && customer?.phone == nil)
        let export = try await app.store.customerData(shopID: app.shop.id, customerID: 7001)
        let exported = String(decoding: try JSONEncoder().encode(export), as: UTF8.self)
        for value in personal { #expect(!exported.contains(value)) }
        // Another customer is untouched.
        let other = try #require(try await app.store.order(shopID: app.shop.id, id: 5002))
        #expect(other.email == "grace@example.com")
        #expect(other.shippingAddress?.address1 == "1 Cobol Way")
        #expect(try await app.store.customer(shopID: app.shop.id, id: 7002)?.lastName == "Hopper")
        // A replay re-applies the redaction: nothing comes back.
        try await app.store.rebuildProjections(shopID: app.shop.id) { _, _ in }
        #expect(try await app.store.order(shopID: app.shop.id, id: 5001)?.email == nil)
    }

    @Test("customers/data_request writes an export file of the customer's data")
    func dataRequest() async throws {
        let app = try await TestApp()
        let request = CustomerPrivacyRequest(shopID: 1, shopDomain: TestApp.domain, customerID: 7001, customerEmail: "ada@example.com", customerPhone: nil, orderIDs: [5001], requestID: 9999)
        try await app.run { client async throws in
            #expect(try await client.deliver(topic: "orders/create", body: ShopifyJSON.encode(.order(SampleOrders.order()))).0 == .ok)
            #expect(try await client.deliver(topic: "customers/data_request", body: ShopifyJSON.encode(.customersDataRequest(request))).0 == .ok)
        }
        let file = app.directory.appendingPathComponent("exports/\(TestApp.domain)/customer-7001-request-9999.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("ada@example.com"))
        #expect(text.contains("#1001"))
    }

    @Test("shop/redact deletes the shop's data, events included")
    func redactShop() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            #expect(try await client.deliver(topic: "orders/create", body: ShopifyJSON.encode(.order(SampleOrders.order()))).0 == .ok)
            let body = ShopifyJSON.encode(.shopRedact(shopID: 1, domain: TestApp.domain))
            #expect(try await client.deliver(topic: "shop/redact", body: body).0 == .ok)
            // The shop is gone: its next webhook is for an unknown shop.
            #expect(try await client.deliver(topic: "orders/create", body: ShopifyJSON.encode(.order(SampleOrders.order()))).0 == .notFound)
        }
        #expect(try await app.store.shop(domain: TestApp.domain) == nil)
        #expect(try await app.store.eventCount(shopID: app.shop.id) == 0)
        #expect(try await app.store.order(shopID: app.shop.id, id: 5001) == nil)
    }
}
