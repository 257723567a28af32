import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Testing

/// `/dashboard/<domain>/recommendations`, a product's view and its rule forms, signed in by
/// cookie, on the ``RecommendationFixture`` shop.
@Suite("Recommendation dashboard")
struct RecommendationDashboardTests: DashboardSession {
    typealias F = RecommendationFixture
    static let page = "/dashboard/\(TestApp.domain)/recommendations"

    @Test("Without a model the page says how to build one; it needs the cookie; section pages link to it")
    func noModel() async throws {
        let app = try await F.makeApp(build: false)
        try await app.run { client async throws in
            #expect(try await client.get(Self.page).0 == .unauthorized)
            let cookie = try await signIn(client, app)
            let (status, body, _) = try await client.get(Self.page, headers: cookie)
            #expect(status == .ok)
            #expect(body.contains("No recommendation model yet"))
            #expect(body.contains("storewise recommend build --shop test-shop.myshopify.com"))
            for other in ["/dashboard/\(TestApp.domain)/customers", "/dashboard/\(TestApp.domain)/replenishment"] {
                let (_, html, _) = try await client.get(other, headers: cookie)
                #expect(html.contains("href=\"\(Self.page)\""), "\(other) has no link to recommendations")
            }
        }
    }

    @Test("The overview shows the run's cards and products best sellers first with their top bought-together items; search filters")
    func overview() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let cookie = try await signIn(client, app)
            let (status, body, _) = try await client.get(Self.page, headers: cookie)
            #expect(status == .ok)
            #expect(body.contains("Model version</div><div class=\"value\">r1<"))
            #expect(body.contains("Orders read</div><div class=\"value\">8<"))
            // 910 sold in 5 orders, the most; its row links to its page and names Paper Filters and House Blend.
            let dripper = try #require(body.range(of: "href=\"\(Self.page)/products/910\">Pour-over Dripper</a>"))
            let kettle = try #require(body.range(of: "href=\"\(Self.page)/products/950\">Gooseneck Kettle</a>"))
            #expect(dripper.lowerBound < kettle.lowerBound)
            let row = try #require(body[dripper.lowerBound...].components(separatedBy: "</tr>").first)
            #expect(row.contains("Paper Filters · House Blend"))
            #expect(body.contains("sold out"))
            let (_, found, _) = try await client.get("\(Self.page)?search=kettle", headers: cookie)
            #expect(found.contains("Gooseneck Kettle") && !found.contains(">Pour-over Dripper</a>"))
            #expect(found.contains("1–1 of 1"))
        }
    }

    @Test("A product's page shows what is served and why, each list with its counts, and the rule forms")
    func productPage() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let cookie = try await signIn(client, app)
            let (status, body, _) = try await client.get("\(Self.page)/products/910", headers: cookie)
            #expect(status == .ok)
            #expect(body.contains("Shown on the product page now"))
            #expect(body.contains("Bought together with Pour-over Dripper 3 times"))
            #expect(body.contains("Bought together with Pour-over Dripper 2 times"))
            // 940 is a neighbour (3 orders) but sold out: listed, greyed, not shown.
            #expect(body.contains("<tr class=\"hidden\"><td>Harbour Mug"))
            #expect(body.contains("action=\"\(Self.page)/products/910/rules\""))
            #expect(body.contains("No pins or blocks."))
            #expect(try await client.get("\(Self.page)/products/999999", headers: cookie).0 == .notFound)
            #expect(try await client.get("\(Self.page)/products/abc", headers: cookie).0 == .badRequest)
        }
    }

    @Test("Pinning and blocking through the forms changes what the API serves; remove undoes; a bad form says why")
    func forms() async throws {
        let app = try await F.makeApp()
        try await app.run { client async throws in
            let cookie = try await signIn(client, app)
            let rules = "\(Self.page)/products/910/rules"
            let (pinned, _, fields) = try await post(client, rules, "action=pin&target_id=960&position=1&scope=product&note=summer+set", cookie: cookie)
            #expect(pinned == .seeOther)
            #expect(fields[.location] == "\(Self.page)/products/910")
            let (blocked, _, _) = try await post(client, rules, "action=block&target_id=920", cookie: cookie)
            #expect(blocked == .seeOther)
            let (_, api, _) = try await client.get("/api/v1/recommendations/products/910", headers: app.bearer)
            let ids = try F.ids(api)
            #expect(ids.first == F.towel)
            #expect(!ids.contains(F.filters))
            let (_, body, _) = try await client.get("\(Self.page)/products/910", headers: cookie)
            #expect(body.contains("<td>Pinned</td><td>Tea Towel</td><td>this page</td><td class=\"num\">1</td><td>summer set</td>"))
            #expect(body.contains("<td>Blocked</td><td>Paper Filters</td>"))

            let (removed, _, _) = try await post(client, rules, "action=remove&target_id=920&scope=product", cookie: cookie)
            #expect(removed == .seeOther)
            let (_, restored, _) = try await client.get("/api/v1/recommendations/products/910", headers: app.bearer)
            #expect(try F.ids(restored).contains(F.filters))

            let (bad, page, _) = try await post(client, rules, "action=pin&target_id=abc", cookie: cookie)
            #expect(bad == .badRequest && page.contains("Not changed: form field target_id"))
            let (unknown, _, _) = try await post(client, rules, "action=remove&target_id=930", cookie: cookie)
            #expect(unknown == .notFound)
            #expect(try await client.send(rules, .post, body: "action=block&target_id=920").0 == .unauthorized)
        }
    }
}
