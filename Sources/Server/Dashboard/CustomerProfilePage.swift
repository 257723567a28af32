import Commerce
import CustomerValue
import Foundation
import Storage

/// A customer's clienteling view on the dashboard, `/dashboard/<domain>/customers/<id>`: what
/// the profile API returns, laid out for a person.
struct CustomerProfilePage {
    var record: ShopRecord
    var profile: CustomerProfile

    func render() -> String {
        let shop = record.shop
        let home = HTML.escape("/dashboard/\(shop.domain)")
        let currency = profile.currency ?? profile.score?.currency ?? shop.currency
        let name = Self.name(profile)
        var facts = ""
        func fact(_ label: String, _ value: String) { facts += "<dt>\(HTML.escape(label))</dt><dd>\(HTML.escape(value))</dd>" }
        fact("Email", profile.email ?? "—")
        fact("Phone", profile.phone ?? "—")
        fact("Marketing consent", "email \(profile.acceptsEmailMarketing ? "yes" : "no") · SMS \(profile.acceptsSMSMarketing ? "yes" : "no")")
        fact("Tags", profile.tags.isEmpty ? "—" : profile.tags.joined(separator: ", "))
        fact("Lifetime spend", "\(CustomerAPIController.Amount(profile.lifetimeSpendMinor, currency: currency).formatted) over \(profile.orders) order\(profile.orders == 1 ? "" : "s")")
        if let score = profile.score {
            fact("Segment", RFMSegment(rawValue: score.segment)?.title ?? score.segment)
            fact("Predicted CLV", CustomerAPIController.Amount(score.lifetimeValueMinor, currency: score.currency.isEmpty ? currency : score.currency).formatted)
            fact("P(alive)", String(format: "%.0f%% (churn risk %.0f%%)", score.probabilityAlive * 100, score.churnRisk * 100))
            fact("Expected purchases", String(format: "%.2f in the scoring horizon", score.expectedPurchases))
            fact("RFM scores", "R \(score.recencyScore) · F \(score.frequencyScore) · M \(score.monetaryScore)")
            fact("First / last order", "\(score.firstOrderDay) / \(score.lastOrderDay)")
        } else {
            fact("Scores", "not scored yet")
        }
        let favourites = profile.favouriteProductTypes.map { "\($0.productType) (\($0.units))" }.joined(separator: ", ")
        fact("Favourite product types", favourites.isEmpty ? "—" : favourites)
        return DashboardPage.sectionHead(title: "\(name) · Customers", shop: shop, style: CustomersDashboardPage.style, home: home) + """
        <section class="panel"><h2>\(HTML.escape(name)) <small>customer \(profile.customerID)</small></h2><dl class="profile">\(facts)</dl></section>
        <section class="panel two"><div>\(purchase("Last online purchase", profile.lastOnlinePurchase))</div>\
        <div>\(purchase("Last in-store purchase", profile.lastInStorePurchase))</div></section>
        <p class="hint"><a href="\(home)/customers">Back to customers</a> · JSON: <code>GET /api/v1/customers/\(profile.customerID)</code></p>
        </main></body></html>
        """
    }

    private func purchase(_ title: String, _ purchase: RecentPurchase?) -> String {
        guard let purchase else { return "<h2>\(HTML.escape(title))</h2><p class=\"empty\">None.</p>" }
        var rows = ""
        for line in purchase.lines {
            let variant = (line.variantTitle ?? "").isEmpty || line.variantTitle == "Default Title" ? "" : " · \(line.variantTitle ?? "")"
            rows += "<tr><td>\(HTML.escape(line.title + variant))</td><td>\(HTML.escape(line.productType ?? ""))</td><td class=\"num\">\(line.quantity)</td></tr>"
        }
        let when = CustomersDashboardPage.timestamp(purchase.createdAt, timeZone: record.shop.timeZone)
        let place = purchase.locationName.map { " at \($0)" } ?? ""
        return """
        <h2>\(HTML.escape(title)) <small>\(HTML.escape(purchase.name)) · \(HTML.escape(when))\(HTML.escape(place)) · \
        \(HTML.escape(CustomerAPIController.Amount(purchase.totalMinor, currency: purchase.currency).formatted))</small></h2>
        <table><thead><tr><th>Item</th><th>Type</th><th class="num">Qty</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    /// "Ada Lovelace", else the email, else "Customer 42".
    static func name(_ profile: CustomerProfile) -> String {
        let full = [profile.firstName, profile.lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        if !full.isEmpty { return full }
        if let email = profile.email, !email.isEmpty { return email }
        return "Customer \(profile.customerID)"
    }
}
