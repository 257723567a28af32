import Commerce
import Foundation
import Hummingbird
import NIOCore
import Storage

/// The server-rendered dashboard.
///
/// A page is opened with the shop's API token once (`/dashboard/<domain>?token=…`, as `storewise
/// demo` prints it); the token is then kept in an HttpOnly cookie and dropped from the URL.
struct DashboardController {
    let shops: any ShopStore
    let reader: any ProjectionReader
    let forecasts: any ForecastStore
    let demand: any DemandHistoryReader

    static let cookieName = "storewise_token"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: index)
        router.get("/dashboard/:domain", use: dashboard)
        router.get("/dashboard/:domain/forecasts", use: forecastsPage)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Storewise</title><style>\(DashboardPage.style)</style></head>
        <body><header><div class="brand">Storewise</div></header><main><section class="panel"><h2>Storewise is running</h2>
        <p>Open a shop's dashboard at <code>/dashboard/&lt;shop&gt;.myshopify.com?token=&lt;API token&gt;</code>.
        <code>storewise shops list</code> shows the shops; <code>storewise shops add</code> prints a token.</p></section></main></body></html>
        """
        return html(body)
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let domain = context.parameters.get("domain")?.lowercased() else { throw APIError.notFound("no shop") }
        if let token = request.uri.queryParameters["token"].map(String.init), !token.isEmpty {
            guard let record = try await shops.shop(apiTokenHash: APIToken.hash(token)), record.shop.domain == domain else {
                throw APIError.unauthorized("the token does not belong to shop \(domain)")
            }
            var headers = HTTPFields()
            headers[.location] = "/dashboard/\(domain)"
            headers[.setCookie] = "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000"
            return Response(status: .seeOther, headers: headers)
        }
        guard let token = cookie(Self.cookieName, in: request),
              let record = try await shops.shop(apiTokenHash: APIToken.hash(token)), record.shop.domain == domain
        else {
            throw APIError.unauthorized("open /dashboard/\(domain)?token=<API token> once to sign in")
        }
        let stats = try await reader.stats(shopID: record.id)
        let sales = try await reader.salesByDay(shopID: record.id, fromDay: nil, toDay: nil)
        let locations = try await reader.salesByLocation(shopID: record.id, fromDay: nil, toDay: nil)
        // The last 30 days of the shop's history, ending at its latest sale.
        let recentStart = sales.last.flatMap { CivilDate($0.day) }.map { $0.adding(days: -29).description }
        let recent = try await reader.salesByLocation(shopID: record.id, fromDay: recentStart, toDay: nil)
        return html(DashboardPage(record: record, stats: stats, sales: sales, locations: locations, recentLocations: recent, now: Date()).render())
    }

    func cookie(_ name: String, in request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == name { return String(pair[1]) }
        }
        return nil
    }

    func html(_ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CSRFToken.protectForms(body))))
    }
}
