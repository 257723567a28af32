import Foundation
import HTTPTypes
import HummingbirdTesting
import Pipeline
import Server
import Storage
import Testing
import TestSupport

/// `/api/v1/customers`: profile, scores, segments, runs and consent-aware exports, on the
/// ``CustomerFixture`` shop (its tables give every expected number below).
@Suite("Customer API")
struct CustomerAPITests {
    func json(_ body: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    @Test("The profile adds up the orders by hand: spend net of refunds, last online and in-store orders, product types, consent, score and run")
    func profile() async throws {
        let app = try await CustomerFixture.makeApp()
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/customers/7001", headers: app.bearer)
            #expect(status == .ok)
            let profile = try json(body)
            #expect(profile["customer_id"] as? Int == 7001)
            #expect(profile["first_name"] as? String == "Ada" && profile["last_name"] as? String == "Lovelace")
            #expect(profile["tags"] as? [String] == ["VIP", "north"])
            // 50.00 + 30.00 (guest POS order with Ada's email) + 40.00 − 10.00 refund; #3 was cancelled.
            let spend = try #require(profile["lifetime_spend"] as? [String: Any])
            #expect(spend["minor_units"] as? Int == 11000)
            #expect(spend["amount"] as? String == "110.00")
            #expect(spend["formatted"] as? String == "$110.00")
            #expect(spend["currency"] as? String == "USD")
            #expect(profile["orders"] as? Int == 3)
            let online = try #require(profile["last_online_purchase"] as? [String: Any])
            #expect(online["order_id"] as? Int == 4 && online["name"] as? String == "#4")
            #expect((online["total"] as? [String: Any])?["minor_units"] as? Int == 4000)
            let store = try #require(profile["last_in_store_purchase"] as? [String: Any])
            #expect(store["order_id"] as? Int == 2 && store["location_name"] as? String == "Shop")
            let lines = try #require(store["lines"] as? [[String: Any]])
            #expect(lines.count == 1 && lines[0]["product_type"] as? String == "Mugs" && lines[0]["quantity"] as? Int == 1)
            // Coffee: 2 units in #1 and 1 in #4; Mugs: 1 in #2.
            let favourites = try #require(profile["favourite_product_types"] as? [[String: Any]])
            #expect(favourites.map { $0["product_type"] as? String } == ["Coffee", "Mugs"])
            #expect(favourites.map { $0["units"] as? Int } == [3, 1])
            let consent = try #require(profile["consent"] as? [String: Bool])
            #expect(consent == ["email": true, "sms": false])
            // The hand-made score: CLV 25000 cents, P(alive) 0.40 → churn risk 0.60.
            #expect(profile["scored"] as? Bool == true)
            #expect((profile["predicted_clv"] as? [String: Any])?["formatted"] as? String == "$250.00")
            #expect(profile["probability_alive"] as? Double == 0.4)
            #expect(abs((profile["churn_risk"] as? Double ?? 0) - 0.6) < 1e-12)
            #expect(profile["segment"] as? String == "at_risk" && profile["segment_title"] as? String == "At risk")
            let run = try #require(profile["run"] as? [String: Any])
            #expect(run["model"] as? String == "bgnbd")
            #expect(run["created_at"] as? String == "2024-02-15T18:00:00Z")
        }
    }

    @Test("Unknown customer is 404 naming the id, a non-integer id 400 naming the parameter, no token 401")
    func profileErrors() async throws {
        let app = try await CustomerFixture.makeApp()
        try await app.run { client async throws in
            let (missing, missingBody, _) = try await client.get("/api/v1/customers/9999", headers: app.bearer)
            #expect(missing == .notFound && missingBody.contains("no customer 9999"))
            let (bad, badBody, _) = try await client.get("/api/v1/customers/ada", headers: app.bearer)
            #expect(bad == .badRequest && badBody.contains("path parameter id") && badBody.contains("'ada'"))
            #expect(try await client.get("/api/v1/customers/7001").0 == .unauthorized)
            var wrong = HTTPFields()
            wrong[.authorization] = "Bearer not-a-token"
            #expect(try await client.get("/api/v1/customers/7001", headers: wrong).0 == .unauthorized)
            #expect(try await client.get("/api/v1/customers/export", headers: wrong).0 == .unauthorized)
        }
    }

    @Test("A profile before any scoring run still shows the live history, unscored")
    func profileBeforeScoring() async throws {
        let app = try await CustomerFixture.makeApp(scores: false)
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/customers/7003", headers: app.bearer)
            #expect(status == .ok)
            let profile = try json(body)
            // Cy: two POS orders, 60.00 + 45.00; no online order.
            #expect((profile["lifetime_spend"] as? [String: Any])?["minor_units"] as? Int == 10500)
            #expect(profile["scored"] as? Bool == false && profile["predicted_clv"] == nil && profile["run"] == nil)
            #expect(profile["last_online_purchase"] == nil)
            #expect((profile["last_in_store_purchase"] as? [String: Any])?["order_id"] as? Int == 9)
            let (list, listBody, _) = try await client.get("/api/v1/customers", headers: app.bearer)
            #expect(list == .notFound && listBody.contains("storewise customers score"))
        }
    }

    @Test("The scoring job's scores reach the profile; the run is the job's")
    func profileAfterScoringJob() async throws {
        let app = try await CustomerFixture.makeApp(scores: false)
        var options = CustomerScoringJob.Options()
        options.minimumCustomers = 3
        options.holdoutDays = 0
        options.asOfDay = "2024-02-15"
        let run = try await CustomerScoringJob(store: app.store, options: options).run(shopID: app.shop.id, now: SampleOrders.date("2024-02-15T18:00:00Z"))
        let score = try #require(try await app.store.customerScore(shopID: app.shop.id, customerID: 7001))
        try await app.run { client async throws in
            let profile = try json(try await client.get("/api/v1/customers/7001", headers: app.bearer).1)
            #expect((profile["run"] as? [String: Any])?["id"] as? Int == Int(run.id))
            #expect(profile["segment"] as? String == score.segment)
            #expect((profile["predicted_clv"] as? [String: Any])?["minor_units"] as? Int == Int(score.lifetimeValueMinor))
            // Ada's scored orders match the live count: 3 (the job also joins order #2 by email).
            #expect(score.orders == 3 && score.spendMinor == 11000)
            #expect(profile["orders"] as? Int == 3)
        }
    }

    @Test("The list filters by segment and churn risk, sorts and pages; bad parameters are named")
    func list() async throws {
        let app = try await CustomerFixture.makeApp()
        try await app.run { client async throws in
            // Churn risk ≥ 0.5: Bob 0.8, Dee 0.7, Ada 0.6, Eve 0.55; by CLV: Dee 300, Ada 250, Eve 50, Bob 10.
            let page = try json(try await client.get("/api/v1/customers?min_churn_risk=0.5&sort=value", headers: app.bearer).1)
            #expect(page["total"] as? Int == 4)
            let items = try #require(page["items"] as? [[String: Any]])
            #expect(items.map { $0["customer_id"] as? Int } == [7004, 7001, 7005, 7002])
            #expect(items.first?["segment_title"] as? String == "At risk")
            #expect((items.first?["lifetime_value"] as? [String: Any])?["amount"] as? String == "300.00")
            #expect(abs((items.first?["churn_risk"] as? Double ?? 0) - 0.7) < 1e-12)
            #expect((page["run"] as? [String: Any])?["model"] as? String == "bgnbd")

            let risky = try json(try await client.get("/api/v1/customers?sort=churn_risk&limit=2&offset=1", headers: app.bearer).1)
            #expect((risky["items"] as? [[String: Any]])?.map { $0["customer_id"] as? Int } == [7004, 7001])
            #expect(risky["total"] as? Int == 5 && risky["limit"] as? Int == 2 && risky["offset"] as? Int == 1)

            // At risk, CLV at least $100: Dee 300, Ada 250.
            let valuable = try json(try await client.get("/api/v1/customers?segment=at_risk&min_value=100", headers: app.bearer).1)
            #expect((valuable["items"] as? [[String: Any]])?.map { $0["customer_id"] as? Int } == [7004, 7001])
            let recent = try json(try await client.get("/api/v1/customers?sort=recent&limit=1", headers: app.bearer).1)
            #expect((recent["items"] as? [[String: Any]])?.first?["customer_id"] as? Int == 7003)
            let spend = try json(try await client.get("/api/v1/customers?sort=spend&limit=1", headers: app.bearer).1)
            #expect((spend["items"] as? [[String: Any]])?.first?["customer_id"] as? Int == 7001)

            for (query, parameter) in [("segment=vips", "segment"), ("sort=clv", "sort"), ("min_churn_risk=1.5", "min_churn_risk"),
                                       ("min_value=lots", "min_value"), ("limit=0", "limit"), ("offset=-1", "offset")] {
                let (status, body, _) = try await client.get("/api/v1/customers?\(query)", headers: app.bearer)
                #expect(status == .badRequest, "\(query)")
                #expect(body.contains("query parameter \(parameter)"), "\(query): \(body)")
            }
            let (_, segmentBody, _) = try await client.get("/api/v1/customers?segment=vips", headers: app.bearer)
            #expect(segmentBody.contains("champions") && segmentBody.contains("hibernating"))
        }
    }

    @Test("Segments: all ten in grid order with zeros, sizes, value and consent counts; runs list the holdout")
    func segmentsAndRuns() async throws {
        let app = try await CustomerFixture.makeApp()
        try await app.run { client async throws in
            let body = try json(try await client.get("/api/v1/customers/segments", headers: app.bearer).1)
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.map { $0["segment"] as? String } == ["champions", "loyal", "potential_loyalists", "new_customers", "promising",
                                                              "need_attention", "about_to_sleep", "at_risk", "cant_lose", "hibernating"])
            #expect(body["customers"] as? Int == 5)
            let atRisk = try #require(items.first { $0["segment"] as? String == "at_risk" })
            // Ada 250 + Dee 300 + Eve 50 = $600; email consent with an address: Ada, Eve (Dee has no email); SMS with a phone: none.
            #expect(atRisk["customers"] as? Int == 3 && atRisk["title"] as? String == "At risk")
            #expect((atRisk["lifetime_value"] as? [String: Any])?["minor_units"] as? Int == 60000)
            #expect(atRisk["email_consented"] as? Int == 2)
            #expect(atRisk["sms_consented"] as? Int == 0)
            let loyal = try #require(items.first { $0["segment"] as? String == "loyal" })
            #expect(loyal["customers"] as? Int == 0 && (loyal["lifetime_value"] as? [String: Any])?["minor_units"] as? Int == 0)

            let runs = try json(try await client.get("/api/v1/customers/runs?limit=5", headers: app.bearer).1)
            let run = try #require((runs["items"] as? [[String: Any]])?.first)
            #expect(run["model"] as? String == "bgnbd")
            #expect((run["holdout"] as? [String: Any])?["mean_absolute_error"] as? Double == 0.375)
            #expect((run["parameters"] as? [String: Double])?["alpha"] == 4.414)
            #expect(try await client.get("/api/v1/customers/runs?limit=500", headers: app.bearer).0 == .badRequest)
        }
    }

    @Test("Email export: consented customers with an email only, highest CLV first, Klaviyo/Mailchimp columns, quoted and injection-safe")
    func emailExportCSV() async throws {
        let app = try await CustomerFixture.makeApp()
        try await app.run { client async throws in
            let (status, body, headers) = try await client.get("/api/v1/customers/export?segment=all&channel=email&format=csv", headers: app.bearer)
            #expect(status == .ok)
            #expect(headers[.contentType] == "text/csv; charset=utf-8")
            let disposition = try #require(headers[.contentDisposition])
            #expect(disposition.hasPrefix("attachment; filename=\"customers-all-email-") && disposition.hasSuffix(".csv\""))
            // Ada (250) and Eve (50); Bob and Cy refused email, Dee consented but has no address.
            let expected = "Email,Phone Number,First Name,Last Name,Segment,Predicted CLV (USD),Churn Risk,Orders,Last Order,Tags\r\n"
                + "ada@example.com,,Ada,Lovelace,At risk,250.00,0.600,3,2024-01-31,\"VIP, north\"\r\n"
                + "eve@example.com,,\"'=HYPERLINK(\"\"x\"\")\",\"O\"\"Brien, Jr\",At risk,50.00,0.550,1,2024-01-12,'@admin\r\n"
            #expect(body == expected)
        }
    }

    @Test("SMS export needs consent and a phone; segment filter; JSON in the profile-import shape")
    func smsAndJSONExports() async throws {
        let app = try await CustomerFixture.makeApp()
        try await app.run { client async throws in
            // SMS consent: Cy (phone) and Eve (no phone: left out); only the phone goes out, not the email.
            let (_, sms, _) = try await client.get("/api/v1/customers/export?channel=sms", headers: app.bearer)
            #expect(sms == "Email,Phone Number,First Name,Last Name,Segment,Predicted CLV (USD),Churn Risk,Orders,Last Order,Tags\r\n"
                + ",+15550100003,Cy,Test,Champions,400.00,0.100,2,2024-02-09,\r\n")
            let (_, hibernating, _) = try await client.get("/api/v1/customers/export?segment=hibernating&channel=email", headers: app.bearer)
            #expect(hibernating.split(separator: "\r\n").count == 1)

            let (status, body, headers) = try await client.get("/api/v1/customers/export?segment=at_risk&channel=email&format=json", headers: app.bearer)
            #expect(status == .ok)
            #expect(headers[.contentDisposition]?.contains("customers-at-risk-email-") == true)
            let export = try json(body)
            #expect(export["segment"] as? String == "at_risk" && export["channel"] as? String == "email" && export["count"] as? Int == 2)
            let profiles = try #require(export["profiles"] as? [[String: Any]])
            #expect(profiles.map { $0["email"] as? String } == ["ada@example.com", "eve@example.com"])
            #expect(profiles[0]["first_name"] as? String == "Ada")
            #expect(profiles[0]["tags"] as? [String] == ["VIP", "north"])
            let properties = try #require(profiles[0]["properties"] as? [String: Any])
            #expect(properties["predicted_clv"] as? Double == 250)
            #expect(properties["churn_risk"] as? Double == 0.6)
            #expect(properties["storewise_customer_id"] as? Int == 7001)
        }
    }

    @Test("Export parameters: unknown segment, channel or format is 400 naming it and the allowed values")
    func exportErrors() async throws {
        let app = try await CustomerFixture.makeApp()
        try await app.run { client async throws in
            let (segment, segmentBody, _) = try await client.get("/api/v1/customers/export?segment=vip", headers: app.bearer)
            #expect(segment == .badRequest)
            #expect(segmentBody.contains("query parameter segment") && segmentBody.contains("all, champions, loyal"))
            let (channel, channelBody, _) = try await client.get("/api/v1/customers/export?channel=fax", headers: app.bearer)
            #expect(channel == .badRequest && channelBody.contains("query parameter channel must be one of email, sms, got 'fax'"))
            let (format, formatBody, _) = try await client.get("/api/v1/customers/export?format=xlsx", headers: app.bearer)
            #expect(format == .badRequest && formatBody.contains("query parameter format"))
        }
    }
}
