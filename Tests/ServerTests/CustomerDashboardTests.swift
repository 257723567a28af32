import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Storage
import Testing

/// `/dashboard/<domain>/customers`, the profile view and the export links, signed in by cookie,
/// on the ``CustomerFixture`` shop.
@Suite("Customer dashboard")
struct CustomerDashboardTests: DashboardSession {
    static let page = "/dashboard/\(TestApp.domain)/customers"

    @Test("Without a run the page says how to score; it needs the cookie; every page's navigation links to it")
    func noRun() async throws {
        let app = try await CustomerFixture.makeApp(scores: false)
        try await app.run { client async throws in
            #expect(try await client.get(Self.page).0 == .unauthorized)
            let cookie = try await signIn(client, app)
            let (status, body, _) = try await client.get(Self.page, headers: cookie)
            #expect(status == .ok)
            #expect(body.contains("No customer scoring run yet"))
            #expect(body.contains("storewise customers score --shop test-shop.myshopify.com"))
            for other in ["/dashboard/\(TestApp.domain)", "/dashboard/\(TestApp.domain)/replenishment", "/dashboard/\(TestApp.domain)/forecasts"] {
                let (_, html, _) = try await client.get(other, headers: cookie)
                #expect(html.contains("href=\"\(Self.page)\""), "\(other) has no link to the customers page")
            }
        }
    }

    /// Cards: 5 scored, 2 repeat buyers; CLV 250 + 10 + 400 + 300 + 50 = $1,010; churn risk ≥ 0.5: Bob, Dee, Ada, Eve = 4;
    /// email consent with an address: Ada, Eve = 2 of 5 = 40%. Histogram bands (whole dollars): Bob $10 in 10–25, Eve $50
    /// in 50–100, Ada $250 and Dee $300 in 250–500, Cy $400 in 250–500.
    @Test("The page shows cards, all segments with bars and export links, the CLV histogram, the run and the at-risk list")
    func page() async throws {
        let app = try await CustomerFixture.makeApp()
        try await app.run { client async throws in
            let cookie = try await signIn(client, app)
            let (status, body, _) = try await client.get(Self.page, headers: cookie)
            #expect(status == .ok)
            for card in ["Customers scored</div><div class=\"value\">5<", "Predicted CLV, 12 months</div><div class=\"value\">$1,010<",
                         "Slipping away</div><div class=\"value\">4<", "Email consent</div><div class=\"value\">2<", "40% of scored customers",
                         "Holdout MAE</div><div class=\"value\">0.375<", "Model</div><div class=\"value\">BG/NBD<"] {
                #expect(body.contains(card), "missing card \(card)")
            }
            for title in ["Champions", "Loyal", "Potential loyalists", "New customers", "Promising", "Need attention", "About to sleep",
                          "At risk", "Can&#39;t lose", "Hibernating"] {
                #expect(body.contains("<tr><td>\(title)</td>"), "missing segment \(title)")
            }
            #expect(body.contains("/dashboard/\(TestApp.domain)/customers/export?segment=at_risk&amp;channel=email&amp;format=csv"))
            // Bands: <10, 10–25, 25–50, 50–100, 100–250, 250–500, 500–1k, 1k–2.5k, 2.5k–5k, 5k+.
            #expect(body.contains("$10 – $25: 1 customers"))
            #expect(body.contains("$50 – $100: 1 customers"))
            #expect(body.contains("$250 – $500: 3 customers"))
            #expect(body.contains("under $10: 0 customers"))
            // At risk, by CLV: Dee $300, Ada $250, Eve $50, Bob $10; names from the profiles, escaped.
            let dee = try #require(body.range(of: "href=\"/dashboard/\(TestApp.domain)/customers/7004\">Dee Test</a>"))
            let ada = try #require(body.range(of: "href=\"/dashboard/\(TestApp.domain)/customers/7001\">Ada Lovelace</a>"))
            #expect(dee.lowerBound < ada.lowerBound)
            #expect(body.contains("=HYPERLINK(&quot;x&quot;) O&quot;Brien, Jr"))
            #expect(!body.contains("customers/7003\""))
            #expect(body.contains("$300.00") && body.contains("70%"))
            #expect(body.contains("alpha = 4.414") && body.contains("MAE 0.375"))
        }
    }

    @Test("The profile view shows spend, consent, segment and the last orders; export links download with the cookie")
    func profileAndExport() async throws {
        let app = try await CustomerFixture.makeApp()
        try await app.run { client async throws in
            let cookie = try await signIn(client, app)
            let (status, body, _) = try await client.get("\(Self.page)/7001", headers: cookie)
            #expect(status == .ok)
            #expect(body.contains("<h2>Ada Lovelace <small>customer 7001</small></h2>"))
            #expect(body.contains("$110.00 over 3 orders"))
            #expect(body.contains("email yes · SMS no"))
            #expect(body.contains("<dd>At risk</dd>") && body.contains("<dd>$250.00</dd>"))
            #expect(body.contains("Coffee (3), Mugs (1)"))
            #expect(body.contains("Last in-store purchase <small>#2") && body.contains("at Shop"))
            #expect(try await client.get("\(Self.page)/9999", headers: cookie).0 == .notFound)
            #expect(try await client.get("\(Self.page)/7001").0 == .unauthorized)

            let (exportStatus, csv, headers) = try await client.get("\(Self.page)/export?segment=champions&channel=sms&format=csv", headers: cookie)
            #expect(exportStatus == .ok && headers[.contentDisposition]?.contains("customers-champions-sms-") == true)
            #expect(csv.hasSuffix("\r\n,+15550100003,Cy,Test,Champions,400.00,0.100,2,2024-02-09,\r\n"))
            #expect(try await client.get("\(Self.page)/export?channel=sms").0 == .unauthorized)
        }
    }
}
