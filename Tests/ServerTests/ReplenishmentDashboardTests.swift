import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Storage
import Testing

/// `/dashboard/<domain>/replenishment` and its purchase-order forms, signed in by cookie.
@Suite("Replenishment dashboard")
struct ReplenishmentDashboardTests: DashboardSession {
    static let page = "/dashboard/\(TestApp.domain)/replenishment"

    /// The form field carrying the dashboard's CSRF token for `path` in the session of `cookie`
    /// (tokens are keyed by the sign-in token, so every replica accepts them).
    func csrf(_ path: String, _ cookie: HTTPFields) -> String {
        let session = cookie[.cookie]?.split(separator: "=", maxSplits: 1).last.map(String.init)
        return "&\(CSRFToken.field)=" + CSRFToken.token(for: path, session: session)
    }

    func form(_ cookie: HTTPFields) -> HTTPFields {
        var fields = cookie
        fields[.contentType] = "application/x-www-form-urlencoded"
        return fields
    }

    @Test("Without a plan the page says how to make one; it needs the sign-in cookie; the overview links to it")
    func noPlan() async throws {
        let app = try await ReplenishmentFixture.makeApp(withPlan: false)
        try await app.run { client async throws in
            #expect(try await client.get(Self.page).0 == .unauthorized)
            let cookie = try await signIn(client, app)
            let (status, body, _) = try await client.get(Self.page, headers: cookie)
            #expect(status == .ok)
            #expect(body.contains("No replenishment plan yet"))
            #expect(body.contains("storewise replenish plan --shop test-shop.myshopify.com"))
            let (_, overview, _) = try await client.get("/dashboard/\(TestApp.domain)", headers: cookie)
            #expect(overview.contains("href=\"\(Self.page)\""))
        }
    }

    /// Cards from the fixture: 4 lines, 2 to order worth 46,800 cents = "$468", 1 out of stock,
    /// 1 at risk, lost 2,000 cents a day = "$20", overstock 60,000 cents = "$600" in 1 line.
    /// Row 1 (lost revenue first) is HB-250 with lost revenue 2000 cents = "$20.00" a day.
    @Test("The page shows the cards, the table with its cells, escaped titles, sort links, drafts and transfers")
    func page() async throws {
        let app = try await ReplenishmentFixture.makeApp()
        let bean = try await ReplenishmentFixture.order(app, vendor: "Bean Co")
        try await app.run { client async throws in
            let cookie = try await signIn(client, app)
            let (status, body, _) = try await client.get(Self.page, headers: cookie)
            #expect(status == .ok)
            for card in ["Lines planned</div><div class=\"value\">4<", "To order now</div><div class=\"value\">2<", "worth $468 at cost",
                         "Out of stock</div><div class=\"value\">1<", "At risk</div><div class=\"value\">1<",
                         "Lost revenue / day</div><div class=\"value\">$20<", "Overstock &amp; dead stock</div><div class=\"value\">$600<"] {
                #expect(body.contains(card), "missing card \(card)")
            }
            // First row: SKU, item with its reason, location, on hand 0, on order 0, 2.00/day, 0 days, ROP 30, 44, date, $20.00, badge, AY.
            let firstRow = "<td>HB-250</td><td>House Blend · 250 g<div class=\"why\">out of stock, 2.0/day over 28 in-stock days</div></td>"
                + "<td>Harbour Café</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">2.00</td><td class=\"num\">0</td>"
                + "<td class=\"num\">30</td><td class=\"num\"><strong>44</strong></td><td>2024-03-06</td><td class=\"num\">$20.00</td>"
                + "<td><span class=\"badge b-out_of_stock\">Out of stock</span></td><td>AY</td></tr>"
            #expect(body.contains(firstRow))
            #expect(body.contains("1–4 of 4 lines"))
            // The hostile title and reason are text, not markup.
            #expect(!body.contains("<script>alert"))
            #expect(body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Mugs"))
            #expect(!body.contains("<b>may run out</b>"))
            #expect(body.contains("&lt;b&gt;may run out&lt;/b&gt;"))
            #expect(body.contains("Mugs &lt;Ltd&gt;"))
            // Sorting links: on hand starts descending; the current column (lost revenue, desc) flips to asc.
            #expect(body.contains("href=\"\(Self.page)?sort=on_hand&amp;order=desc&amp;limit=50\""))
            #expect(body.contains("href=\"\(Self.page)?sort=lost_revenue&amp;order=asc&amp;limit=50\">Lost revenue /day ▼</a>"))
            // Drafts by vendor with CSV link and forms; transfers with names.
            #expect(body.contains("id=\"po-\(bean.id)\""))
            #expect(body.contains("href=\"/dashboard/\(TestApp.domain)/purchase-orders/\(bean.id).csv\""))
            #expect(body.contains("action=\"/dashboard/\(TestApp.domain)/purchase-orders/\(bean.id)/status\"><input type=\"hidden\" name=\"status\" value=\"approved\">"))
            #expect(body.contains("action=\"/dashboard/\(TestApp.domain)/purchase-orders/\(bean.id)/lines\""))
            #expect(body.contains("$468.00"))  // Bean Co's total, 46,800 cents
            #expect(body.contains("<td>Espresso Cup · Blue</td><td>Harbour Café</td><td>Online Store</td><td class=\"num\">5</td>"))
        }
    }

    @Test("Filters and paging come from the query string; bad values are 400 naming the parameter")
    func filtersAndPaging() async throws {
        let app = try await ReplenishmentFixture.makeApp()
        try await app.run { client async throws in
            let cookie = try await signIn(client, app)
            // The stock table only: purchase-order lines below repeat SKUs.
            func table(_ page: String) -> String { page.components(separatedBy: "<h2>Purchase orders").first ?? page }
            let (_, filteredPage, _) = try await client.get("\(Self.page)?status=out_of_stock&vendor=Bean+Co&q=", headers: cookie)
            let filtered = table(filteredPage)
            #expect(filtered.contains("<td>HB-250</td>"))
            #expect(!filtered.contains("<td>HB-1K</td>"))
            #expect(filtered.contains("<option value=\"out_of_stock\" selected>"))
            #expect(filtered.contains("name=\"vendor\" placeholder=\"Vendor\" value=\"Bean Co\""))
            #expect(filtered.contains("1–1 of 1 lines"))

            // SKU order HB-1K, HB-250, MUG-1, MUG-2: page 2 of size 2 holds MUG-1 and MUG-2.
            let (_, secondPage, _) = try await client.get("\(Self.page)?sort=sku&order=asc&limit=2&offset=2", headers: cookie)
            let second = table(secondPage)
            #expect(second.contains("<td>MUG-1</td>"))
            #expect(second.contains("<td>MUG-2</td>"))
            #expect(!second.contains("<td>HB-250</td>"))
            #expect(second.contains("3–4 of 4 lines"))
            #expect(second.contains("href=\"\(Self.page)?sort=sku&amp;order=asc&amp;limit=2\">← Previous</a>"))
            #expect(!second.contains("Next →"))

            let (bad, badBody, _) = try await client.get("\(Self.page)?sort=colour", headers: cookie)
            #expect(bad == .badRequest)
            #expect(badBody.contains("query parameter sort"))
        }
    }

    @Test("Forms approve, edit a quantity and download the CSV; a refused move answers 409 with the reason")
    func forms() async throws {
        let app = try await ReplenishmentFixture.makeApp()
        let bean = try await ReplenishmentFixture.order(app, vendor: "Bean Co")
        let mugs = try await ReplenishmentFixture.order(app, vendor: "Mugs <Ltd>")
        let orders = "/dashboard/\(TestApp.domain)/purchase-orders"
        try await app.run { client async throws in
            #expect(try await client.send("\(orders)/\(bean.id)/status", .post, body: "status=approved").0 == .unauthorized)
            let cookie = try await signIn(client, app)
            let (approved, _, approvedHeaders) = try await client.send("\(orders)/\(bean.id)/status", .post, headers: form(cookie), body: "status=approved" + csrf("\(orders)/\(bean.id)/status", cookie))
            #expect(approved == .seeOther)
            #expect(approvedHeaders[.location] == "\(Self.page)#po-\(bean.id)")

            let (edited, _, _) = try await client.send("\(orders)/\(mugs.id)/lines", .post, headers: form(cookie),
                                                       body: "variant_id=21&location_id=77&quantity=50" + csrf("\(orders)/\(mugs.id)/lines", cookie))
            #expect(edited == .seeOther)

            let (refused, refusedBody, _) = try await client.send("\(orders)/\(bean.id)/status", .post, headers: form(cookie), body: "status=received" + csrf("\(orders)/\(bean.id)/status", cookie))
            #expect(refused == .conflict)
            #expect(refusedBody.contains("cannot move from approved to received"))
            let (notDraft, _, _) = try await client.send("\(orders)/\(bean.id)/lines", .post, headers: form(cookie),
                                                         body: "variant_id=11&location_id=77&quantity=1" + csrf("\(orders)/\(bean.id)/lines", cookie))
            #expect(notDraft == .conflict)
            let (badQuantity, badBody, _) = try await client.send("\(orders)/\(mugs.id)/lines", .post, headers: form(cookie),
                                                                  body: "variant_id=21&location_id=77&quantity=lots" + csrf("\(orders)/\(mugs.id)/lines", cookie))
            #expect(badQuantity == .badRequest)
            #expect(badBody.contains("form field quantity"))

            let (csvStatus, csv, csvHeaders) = try await client.get("\(orders)/\(mugs.id).csv", headers: cookie)
            #expect(csvStatus == .ok)
            #expect(csvHeaders[.contentDisposition] == "attachment; filename=\"po-\(mugs.id)-mugs-ltd.csv\"")
            // 50 × $3.00 = $150.00; the title's quotes are doubled inside a quoted field.
            #expect(csv.hasSuffix("MUG-1,\"<script>alert(\"\"x\"\")</script> & Mugs\",,Harbour Café,50,3.00,150.00,<b>may run out</b> before the next order arrives\r\n"))
            #expect(try await client.get("\(orders)/\(mugs.id).csv").0 == .unauthorized)
        }
        #expect(try await ReplenishmentFixture.order(app, vendor: "Bean Co").status == .approved)
        #expect(try await ReplenishmentFixture.order(app, vendor: "Mugs <Ltd>").lines.map(\.quantity) == [50])
    }
}
