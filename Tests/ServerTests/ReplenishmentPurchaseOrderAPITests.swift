import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Storage
import Testing

/// `/api/v1/purchase-orders`: listing, line edits, status moves (allowed and refused) and the CSV.
@Suite("Purchase-order API")
struct ReplenishmentPurchaseOrderAPITests {
    func decode(_ body: String) throws -> [String: Any] { try ReplenishmentFixture.json(body) }

    /// Bean Co: 44 × 450 + 18 × 1500 = 19,800 + 27,000 = 46,800 cents for 62 units.
    @Test("Orders are listed by status with totals; one order reads back; unknown ids are 404 or 400")
    func listAndRead() async throws {
        let app = try await ReplenishmentFixture.makeApp()
        let bean = try await ReplenishmentFixture.order(app, vendor: "Bean Co")
        try await app.run { client async throws in
            #expect(try await client.get("/api/v1/purchase-orders").0 == .unauthorized)
            let (status, body, _) = try await client.get("/api/v1/purchase-orders?status=draft,approved", headers: app.bearer)
            #expect(status == .ok)
            let items = try #require(try decode(body)["items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["vendor"] as? String }) == ["Bean Co", "Mugs <Ltd>"])
            #expect(try #require(try decode(try await client.get("/api/v1/purchase-orders?status=ordered", headers: app.bearer).1)["items"] as? [Any]).isEmpty)

            let (oneStatus, oneBody, _) = try await client.get("/api/v1/purchase-orders/\(bean.id)", headers: app.bearer)
            #expect(oneStatus == .ok)
            let order = try decode(oneBody)
            #expect(order["status"] as? String == "draft")
            #expect(order["total_units"] as? Int == 62)
            #expect(order["total_cost_minor"] as? Int == 46_800)
            #expect(order["expected_arrival_day"] as? String == "2024-03-20")
            #expect(order["csv_path"] as? String == "/api/v1/purchase-orders/\(bean.id).csv")
            let lines = try #require(order["lines"] as? [[String: Any]])
            #expect(lines.map { $0["variant_id"] as? Int } == [11, 12])
            #expect(lines.first?["suggested_quantity"] as? Int == 44)

            #expect(try await client.get("/api/v1/purchase-orders/99999", headers: app.bearer).0 == .notFound)
            let (badStatus, badBody, _) = try await client.get("/api/v1/purchase-orders/abc", headers: app.bearer)
            #expect(badStatus == .badRequest)
            #expect(badBody.contains("path parameter id"))
            let (badList, badListBody, _) = try await client.get("/api/v1/purchase-orders?status=lost", headers: app.bearer)
            #expect(badList == .badRequest)
            #expect(badListBody.contains("query parameter status"))
        }
    }

    /// 48 × 450 + 18 × 1500 = 21,600 + 27,000 = 48,600 after the edit; the suggestion stays 44.
    @Test("A draft's line quantity is edited; bad bodies name the field; unknown lines are 404")
    func editLine() async throws {
        let app = try await ReplenishmentFixture.makeApp()
        let bean = try await ReplenishmentFixture.order(app, vendor: "Bean Co")
        let uri = "/api/v1/purchase-orders/\(bean.id)/lines"
        try await app.run { client async throws in
            let (status, body, _) = try await client.send(uri, .patch, headers: app.bearer, body: #"{"variant_id": 11, "location_id": 77, "quantity": 48}"#)
            #expect(status == .ok, "\(body)")
            let order = try decode(body)
            #expect(order["total_cost_minor"] as? Int == 48_600)
            let first = try #require((order["lines"] as? [[String: Any]])?.first)
            #expect(first["quantity"] as? Int == 48)
            #expect(first["suggested_quantity"] as? Int == 44)

            for (bad, field) in [
                (#"{"variant_id": 11, "quantity": 3}"#, "field location_id is required"),
                (#"{"variant_id": 11, "location_id": 77, "quantity": "x"}"#, "field quantity must be an integer"),
                (#"{"variant_id": 11, "location_id": 77, "quantity": -1}"#, "field quantity"),
                (#"not json"#, "must be a JSON object"),
            ] {
                let (badStatus, badBody, _) = try await client.send(uri, .patch, headers: app.bearer, body: bad)
                #expect(badStatus == .badRequest, "\(bad)")
                #expect(badBody.contains(field), "\(badBody)")
            }
            let (missing, missingBody, _) = try await client.send(uri, .patch, headers: app.bearer, body: #"{"variant_id": 99, "location_id": 77, "quantity": 1}"#)
            #expect(missing == .notFound)
            #expect(missingBody.contains("no line for variant 99"))
        }
        let stored = try await ReplenishmentFixture.order(app, vendor: "Bean Co")
        #expect(stored.lines.map(\.quantity) == [48, 18])
    }

    /// draft → approved → ordered is allowed; approved → received and edits after draft are refused with 409.
    @Test("Status moves: allowed ones succeed, refused ones are 409 with the reason")
    func transitions() async throws {
        let app = try await ReplenishmentFixture.makeApp()
        let bean = try await ReplenishmentFixture.order(app, vendor: "Bean Co")
        let uri = "/api/v1/purchase-orders/\(bean.id)/status"
        try await app.run { client async throws in
            let (approved, approvedBody, _) = try await client.send(uri, .post, headers: app.bearer, body: #"{"status": "approved"}"#)
            #expect(approved == .ok, "\(approvedBody)")
            #expect(try decode(approvedBody)["status"] as? String == "approved")

            let (edit, editBody, _) = try await client.send("/api/v1/purchase-orders/\(bean.id)/lines", .patch, headers: app.bearer,
                                                            body: #"{"variant_id": 11, "location_id": 77, "quantity": 1}"#)
            #expect(edit == .conflict)
            #expect(editBody.contains("only drafts can be edited"))
            #expect(editBody.contains("not_editable"))

            let (refused, refusedBody, _) = try await client.send(uri, .post, headers: app.bearer, body: #"{"status": "received"}"#)
            #expect(refused == .conflict)
            #expect(refusedBody.contains("cannot move from approved to received"))

            let (ordered, orderedBody, _) = try await client.send(uri, .post, headers: app.bearer,
                                                                  body: #"{"status": "ordered", "expected_arrival_day": "2024-03-25"}"#)
            #expect(ordered == .ok, "\(orderedBody)")
            #expect(try decode(orderedBody)["expected_arrival_day"] as? String == "2024-03-25")

            for (bad, message) in [
                (#"{"status": "superseded"}"#, "field status must be one of"),
                (#"{"status": "lost"}"#, "field status must be one of"),
                (#"{}"#, "field status is required"),
                (#"{"status": "received", "expected_arrival_day": "soon"}"#, "field expected_arrival_day"),
            ] {
                let (status, body, _) = try await client.send(uri, .post, headers: app.bearer, body: bad)
                #expect(status == .badRequest, "\(bad)")
                #expect(body.contains(message), "\(body)")
            }
            #expect(try await client.send("/api/v1/purchase-orders/99999/status", .post, headers: app.bearer, body: #"{"status": "approved"}"#).0 == .notFound)
        }
        let stored = try await ReplenishmentFixture.order(app, vendor: "Bean Co")
        #expect(stored.status == .ordered)
        #expect(stored.expectedArrivalDay == "2024-03-25")
    }

    /// Written by hand: 44 × $4.50 = $198.00 and 18 × $15.00 = $270.00; the first reason has a
    /// comma and is quoted; location 0 has no locations/* event and is "Online Store".
    @Test("The CSV download is the vendor's file, exactly")
    func csv() async throws {
        let app = try await ReplenishmentFixture.makeApp()
        let bean = try await ReplenishmentFixture.order(app, vendor: "Bean Co")
        let mugs = try await ReplenishmentFixture.order(app, vendor: "Mugs <Ltd>")
        try await app.run { client async throws in
            let (status, body, headers) = try await client.get("/api/v1/purchase-orders/\(bean.id).csv", headers: app.bearer)
            #expect(status == .ok)
            #expect(headers[.contentType] == "text/csv; charset=utf-8")
            #expect(headers[.contentDisposition] == "attachment; filename=\"po-\(bean.id)-bean-co.csv\"")
            let expected = "SKU,Product,Variant,Location,Quantity,Unit cost (USD),Line total (USD),Reason\r\n"
                + "HB-250,House Blend,250 g,Harbour Café,44,4.50,198.00,\"out of stock, 2.0/day over 28 in-stock days\"\r\n"
                + "HB-1K,House Blend,1 kg,Online Store,18,15.00,270.00,position 15 at or below reorder point 25\r\n"
            #expect(body == expected)

            let (_, _, mugHeaders) = try await client.get("/api/v1/purchase-orders/\(mugs.id).csv", headers: app.bearer)
            #expect(mugHeaders[.contentDisposition] == "attachment; filename=\"po-\(mugs.id)-mugs-ltd.csv\"")
            #expect(try await client.get("/api/v1/purchase-orders/99999.csv", headers: app.bearer).0 == .notFound)
            #expect(try await client.get("/api/v1/purchase-orders/\(bean.id).csv").0 == .unauthorized)
        }
    }
}
