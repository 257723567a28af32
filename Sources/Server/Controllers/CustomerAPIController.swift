import Commerce
import CustomerValue
import Foundation
import Hummingbird
import NIOCore
import Storage
import Synchronization

/// Customer value under `/api/v1/customers`, scoped to the shop of the bearer token: the
/// clienteling profile, scored customers, segments, scoring runs and consent-aware exports.
///
/// ```
/// GET /api/v1/customers/1042
/// GET /api/v1/customers?segment=at_risk&sort=value&min_churn_risk=0.5&limit=50
/// GET /api/v1/customers/segments
/// GET /api/v1/customers/runs?limit=10
/// GET /api/v1/customers/export?segment=champions&channel=email&format=csv
/// ```
struct CustomerAPIController {
    let shops: any ShopStore
    let customers: any CustomerValueStore
    /// The latest run per shop, so a profile names its run without a second read per request.
    let runs = RunCache()

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("api/v1/customers").add(middleware: BearerAuthMiddleware(shops: shops))
        api.get(use: list)
        api.get("segments", use: segments)
        api.get("runs", use: runList)
        api.get("export", use: export)
        api.get(":id", use: profile)
    }

    /// One customer for a POS screen: contact and consent, lifetime spend, CLV, P(alive), segment,
    /// favourite product types, last purchases online and in store. Kept to one store read (and
    /// a run read only when a new run appeared) and written without `JSONEncoder`.
    @Sendable func profile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let id = try Self.customerID(context.parameters.get("id") ?? "")
        guard let profile = try await customers.customerProfile(shopID: record.id, customerID: id) else {
            throw APIError.notFound("no customer \(id) in shop \(record.shop.domain)")
        }
        let run = try await runs.run(shopID: record.id, id: profile.score?.runID, store: customers)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let body = CustomerProfileJSON.encode(ProfileView(profile, run: run, shopCurrency: record.shop.currency))
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// The latest run's scores, filtered, sorted and paged, with the count before paging.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = try Self.scoreQuery(QueryParameters(request), currency: record.shop.currency)
        let run = try await latestRun(record)
        let page = try await customers.customerScores(shopID: record.id, query: query)
        return try JSONResponse.make(ScorePage(
            run: run, total: page.total, limit: query.limit, offset: query.offset,
            items: page.rows.map { ScoreView($0, currency: run.currency) }))
    }

    /// Every segment of the latest run, empty ones included, best customers first.
    @Sendable func segments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let run = try await latestRun(record)
        let summaries = try await customers.segmentSummaries(shopID: record.id)
        let items = Self.allSegments(summaries).map { SegmentView($0, currency: run.currency) }
        return try JSONResponse.make(SegmentList(run: run, customers: items.reduce(0) { $0 + $1.customers }, items: items))
    }

    /// The shop's recent scoring runs, newest first, with parameters and holdout error.
    @Sendable func runList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let limit = try QueryParameters(request).int("limit", default: 20, range: 1...100)
        let items = try await customers.customerValueRuns(shopID: record.id, limit: limit)
        return try JSONResponse.make(RunList(items: items, limit: limit))
    }

    /// Members of a segment whose consent on the channel allows marketing, as CSV or JSON.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await Self.exportResponse(QueryParameters(request), shop: try context.requireShop(), customers: customers)
    }

    /// The export download, for the API and the dashboard's links alike: parameters checked
    /// first, then the latest run and its consented audience.
    static func exportResponse(_ query: QueryParameters, shop record: ShopRecord, customers: any CustomerValueStore) async throws -> Response {
        let (segment, channel, format) = try exportParameters(query)
        guard let run = try await customers.latestCustomerValueRun(shopID: record.id) else { throw noRun(record) }
        let members = try await customers.audience(shopID: record.id, segment: segment, channel: channel)
        let file = try AudienceExportFile(
            members: members, run: run, segment: segment, channel: channel, format: format,
            currency: run.currency.isEmpty ? record.shop.currency : run.currency, day: day(Date(), timeZone: record.shop.timeZone))
        var headers = HTTPFields()
        headers[.contentType] = file.contentType
        var response = Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        let fileName = file.fileName
        response.headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
        return response
    }

    static func noRun(_ record: ShopRecord) -> APIError {
        APIError.notFound("no customer scoring run yet: run `storewise customers score --shop \(record.shop.domain)`")
    }

    private func latestRun(_ record: ShopRecord) async throws -> CustomerValueRun {
        guard let run = try await runs.refresh(shopID: record.id, store: customers) else { throw Self.noRun(record) }
        return run
    }

    /// A customer still has the channel's address (the store filters on it too; an export must never
    /// carry a row the marketing tool would reject or, worse, match to someone else).
    static func reachable(_ member: AudienceMember, on channel: MarketingChannel) -> Bool {
        let address = channel == .email ? member.email : member.phone
        return !(address ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    }

    static func customerID(_ raw: String) throws -> Int64 {
        guard let id = Int64(raw) else {
            throw APIError.badRequest("path parameter id must be an integer customer id, got '\(raw)'", code: "invalid_parameter")
        }
        return id
    }

    /// A segment name (`RFMSegment.rawValue`), or nil for "all"; an unknown one names the allowed values.
    static func segment(_ raw: String?, parameter: String = "segment", allowAll: Bool) throws -> String? {
        guard let raw, raw != "all" || !allowAll else { return nil }
        guard let segment = RFMSegment(rawValue: raw) else {
            let allowed = (allowAll ? ["all"] : []) + RFMSegment.allCases.map(\.rawValue)
            throw ReplenishmentAPIController.invalid(parameter, "must be one of \(allowed.joined(separator: ", ")), got '\(raw)'")
        }
        return segment.rawValue
    }

    /// `segment`, `sort` (value, churn_risk, spend, recent), `min_churn_risk` (0…1), `min_value`
    /// (a CLV amount in the shop currency, e.g. 250 or 99.50), `limit` (1…1000), `offset`.
    static func scoreQuery(_ query: QueryParameters, currency: String, defaultLimit: Int = 50) throws -> CustomerScoreQuery {
        var result = CustomerScoreQuery()
        result.segment = try segment(query.string("segment"), allowAll: true)
        if let raw = query.string("sort") {
            guard let sort = CustomerScoreQuery.Sort(rawValue: raw) else {
                throw ReplenishmentAPIController.invalid(
                    "sort", "must be one of \(CustomerScoreQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")), got '\(raw)'")
            }
            result.sort = sort
        }
        if let raw = query.string("min_churn_risk") {
            guard let risk = Double(raw), (0...1).contains(risk) else {
                throw ReplenishmentAPIController.invalid("min_churn_risk", "must be a number in 0...1, got '\(raw)'")
            }
            result.minimumChurnRisk = risk
        }
        if let raw = query.string("min_value") {
            guard let value = try? Money(decimalString: raw, currency: currency), value.minorUnits >= 0 else {
                throw ReplenishmentAPIController.invalid("min_value", "must be an amount in \(currency) ≥ 0 such as 250 or 99.50, got '\(raw)'")
            }
            result.minimumValueMinor = value.minorUnits
        }
        result.limit = try query.int("limit", default: defaultLimit, range: 1...1000)
        result.offset = try query.int("offset", default: 0, range: 0...10_000_000)
        return result
    }

    typealias ExportFormat = AudienceExportFile.Format

    /// `segment` (a segment or all, default all), `channel` (email or sms, default email), `format` (csv or json, default csv).
    static func exportParameters(_ query: QueryParameters) throws -> (segment: String?, channel: MarketingChannel, format: ExportFormat) {
        let segment = try segment(query.string("segment"), allowAll: true)
        var channel = MarketingChannel.email
        if let raw = query.string("channel") {
            guard let parsed = MarketingChannel(rawValue: raw) else {
                throw ReplenishmentAPIController.invalid(
                    "channel", "must be one of \(MarketingChannel.allCases.map(\.rawValue).joined(separator: ", ")), got '\(raw)'")
            }
            channel = parsed
        }
        var format = ExportFormat.csv
        if let raw = query.string("format") {
            guard let parsed = ExportFormat(rawValue: raw) else {
                throw ReplenishmentAPIController.invalid("format", "must be one of csv, json, got '\(raw)'")
            }
            format = parsed
        }
        return (segment, channel, format)
    }

    /// Every segment in `RFMSegment` order (best to lapsed), zeros for those the run has none in.
    static func allSegments(_ summaries: [SegmentSummary]) -> [SegmentSummary] {
        let byName = Dictionary(summaries.map { ($0.segment, $0) }, uniquingKeysWith: { a, _ in a })
        return RFMSegment.allCases.map {
            byName[$0.rawValue] ?? SegmentSummary(segment: $0.rawValue, customers: 0, lifetimeValueMinor: 0, spendMinor: 0,
                                                  meanProbabilityAlive: 0, emailConsented: 0, smsConsented: 0)
        }
    }

    /// The shop-local day "YYYY-MM-DD" of `date`.
    static func day(_ date: Date, timeZone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}

/// The newest scoring run per shop, refreshed when a profile names a newer run id.
final class RunCache: Sendable {
    private let runs = Mutex<[Int64: CustomerValueRun]>([:])

    /// The cached run when it is run `id` (or any run when `id` is nil and one is cached), else the store's latest.
    func run(shopID: Int64, id: Int64?, store: any CustomerValueStore) async throws -> CustomerValueRun? {
        let cached = runs.withLock { $0[shopID] }
        if let cached, id == nil || cached.id == id { return cached }
        return try await refresh(shopID: shopID, store: store)
    }

    /// The store's latest run, cached for the profiles that follow.
    func refresh(shopID: Int64, store: any CustomerValueStore) async throws -> CustomerValueRun? {
        let latest = try await store.latestCustomerValueRun(shopID: shopID)
        runs.withLock { $0[shopID] = latest }
        return latest
    }
}
