import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Storage
import Testing

/// `/api/v1/replenishment/settings`: PUT, GET and DELETE by scope, and validation errors.
@Suite("Replenishment settings API")
struct ReplenishmentSettingsAPITests {
    var json: HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return fields
    }

    @Test("PUT stores overrides at a scope (snake_case or camelCase keys), GET lists them, DELETE removes them")
    func roundTrip() async throws {
        let app = try await ReplenishmentFixture.makeApp(withPlan: false)
        let headers = app.bearer.merging(json)
        try await app.run { client async throws in
            let (shopStatus, shopBody, _) = try await client.send("/api/v1/replenishment/settings/shop/_", .put, headers: headers,
                                                                  body: #"{"service_level": 0.97, "reviewPeriodDays": 14}"#)
            #expect(shopStatus == .ok, "\(shopBody)")
            let saved = try ReplenishmentFixture.json(shopBody)
            #expect(saved["scope"] as? String == "shop")
            #expect(saved["key"] as? String == "")
            #expect(saved["path"] as? String == "/api/v1/replenishment/settings/shop/_")
            #expect((saved["overrides"] as? [String: Any])?["review_period_days"] as? Int == 14)

            let (vendorStatus, vendorBody, _) = try await client.send(
                "/api/v1/replenishment/settings/vendor/Bean%20Co", .put, headers: headers,
                body: #"{"lead_time_days": 21, "lead_time_sd_days": 2.5, "case_pack": 12, "excluded": false, "fill_rate": null}"#)
            #expect(vendorStatus == .ok, "\(vendorBody)")
            #expect(try ReplenishmentFixture.json(vendorBody)["path"] as? String == "/api/v1/replenishment/settings/vendor/Bean%20Co")
            _ = try await client.send("/api/v1/replenishment/settings/variant_location/11:77", .put, headers: headers, body: #"{"reorder_point": 9}"#)

            // What the store holds, read without HTTP.
            let stored = try await app.store.replenishmentSettings(shopID: app.shop.id)
            let vendor = try #require(stored.first { $0.scope == .vendor })
            #expect(vendor.key == "Bean Co")
            #expect(vendor.overrides == ReplenishmentOverrides(leadTimeDays: 21, leadTimeSDDays: 2.5, casePack: 12, excluded: false))
            #expect(stored.first { $0.scope == .shop }?.overrides == ReplenishmentOverrides(serviceLevel: 0.97, reviewPeriodDays: 14))
            #expect(stored.first { $0.scope == .variantLocation }?.key == "11:77")

            let (listStatus, listBody, _) = try await client.get("/api/v1/replenishment/settings", headers: app.bearer)
            #expect(listStatus == .ok)
            let list = try ReplenishmentFixture.json(listBody)
            // The built-in defaults (ReplenishmentOverrides.defaults): 95 % and 14 days.
            #expect((list["defaults"] as? [String: Any])?["service_level"] as? Double == 0.95)
            #expect((list["defaults"] as? [String: Any])?["lead_time_days"] as? Double == 14)
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["scope"] as? String }) == ["shop", "vendor", "variant_location"])
            let vendorItem = try #require(items.first { $0["scope"] as? String == "vendor" })
            #expect((vendorItem["overrides"] as? [String: Any])?["lead_time_sd_days"] as? Double == 2.5)
            #expect((vendorItem["overrides"] as? [String: Any])?["case_pack"] as? Int == 12)

            #expect(try await client.send("/api/v1/replenishment/settings/vendor/Bean%20Co", .delete, headers: app.bearer).0 == .noContent)
            let (againStatus, againBody, _) = try await client.send("/api/v1/replenishment/settings/vendor/Bean%20Co", .delete, headers: app.bearer)
            #expect(againStatus == .notFound)
            #expect(againBody.contains("Bean Co"))
            #expect(try await client.send("/api/v1/replenishment/settings/shop/_", .delete, headers: app.bearer).0 == .noContent)
            let left = try await app.store.replenishmentSettings(shopID: app.shop.id)
            #expect(left.map(\.scope) == [.variantLocation])
            #expect(try await client.send("/api/v1/replenishment/settings/shop/_", .put, body: "{}").0 == .unauthorized)
        }
    }

    @Test("A bad body or path is 400, names the field, and stores nothing", arguments: [
        ("shop/_", #"{"service_level": 1.5}"#, "field service_level must be in (0, 1)"),
        ("shop/_", #"{"fill_rate": 0}"#, "field fill_rate"),
        ("shop/_", #"{"case_pack": "twelve"}"#, "field case_pack must be an integer"),
        ("shop/_", #"{"case_pack": 2.5}"#, "field case_pack"),
        ("shop/_", #"{"servce_level": 0.9}"#, "field servce_level is not a replenishment setting"),
        ("shop/_", #"{"minimum_stock": 10, "maximum_stock": 4}"#, "field maximum_stock must be at least minimum_stock"),
        ("shop/_", #"{"lead_time_sd_days": -1}"#, "field lead_time_sd_days"),
        ("shop/_", #"{"excluded": "yes"}"#, "field excluded must be true or false"),
        ("shop/_", #"[1, 2]"#, "must be a JSON object"),
        ("shop/_", #"{"service_level": "#, "must be a JSON object"),
        ("shop/all", "{}", "path parameter key must be _"),
        ("location/cafe", "{}", "must be a numeric id"),
        ("variant_location/11", "{}", "VARIANT_ID:LOCATION_ID"),
        ("vendor/%20", "{}", "must name the vendor"),
        ("region/north", "{}", "path parameter scope must be one of"),
    ])
    func invalid(path: String, body: String, message: String) async throws {
        let app = try await ReplenishmentFixture.makeApp(withPlan: false)
        try await app.run { client async throws in
            let (status, text, _) = try await client.send("/api/v1/replenishment/settings/\(path)", .put, headers: app.bearer.merging(json), body: body)
            #expect(status == .badRequest)
            #expect(text.contains(message), "\(text)")
        }
        #expect(try await app.store.replenishmentSettings(shopID: app.shop.id).isEmpty)
    }
}

private extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var result = self
        for field in other { result.append(field) }
        return result
    }
}
