import Commerce

extension DashboardPage {
    /// The document head, the header with the shop and the section navigation, up to `<main>`:
    /// what every section page (forecasts, replenishment, customers, recommendations, models, a profile) starts with.
    /// `title` is plain text; `home` is the shop's escaped dashboard path; `style` is appended to
    /// the dashboard's own.
    static func sectionHead(title: String, shop: Shop, style: String, home: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · Storewise</title>
        <style>\(Self.style)\(style)</style></head>
        <body><header><div class="brand">Storewise</div>
        <div class="shop"><strong>\(HTML.escape(shop.name))</strong> <span>\(HTML.escape(shop.domain))</span></div>
        \(sectionNav(home))</header>
        <main>
        """
    }

    /// Links to the overview and each section.
    static func sectionNav(_ home: String) -> String {
        "<nav><a href=\"\(home)\">Overview</a><a href=\"\(home)/forecasts\">Forecasts</a><a href=\"\(home)/replenishment\">Replenishment</a><a href=\"\(home)/customers\">Customers</a><a href=\"\(home)/recommendations\">Recommendations</a><a href=\"\(home)/models\">Models</a><a href=\"\(home)/approvals\">Approvals</a><a href=\"\(home)/risk\">Risk</a></nav>"
    }
}
