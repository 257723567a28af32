import Commerce
import Forecasting
import Foundation
import Hummingbird
import Pipeline
import Storage

/// Stored demand forecasts under `/api/v1/forecasts`, scoped to the shop of the bearer token.
struct ForecastAPIController {
    let shops: any ShopStore
    let forecasts: any ForecastStore
    let demand: any DemandHistoryReader
    /// Resolves which registered version serves a series (champion, canary or shadow); nil, or a
    /// shop without a registered forecast, serves the latest run.
    var router: ServingRouter? = nil

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("api/v1/forecasts").add(middleware: BearerAuthMiddleware(shops: shops))
        api.get(use: forecast)
        api.get("runs", use: runs)
    }

    /// With `variant_id` and `location_id`: that series' recent history (censored days flagged)
    /// and its forecast. Without them: the run's series, largest expected demand first.
    /// `run_id` picks a run; the default is the run of the registered version the router picks
    /// (the champion, or the challenger for a series in the canary share), else the latest
    /// completed run. A sampled request is written to the prediction log, with the shadow
    /// version's forecast beside it when shadowing is on (never returned).
    @Sendable func forecast(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let variantID = try query.int64("variant_id")
        let locationID = try query.int64("location_id")
        let historyDays = try query.int("history_days", default: 90, range: 1...3650)
        let limit = try query.int("limit", default: 100, range: 1...10_000)
        let offset = try query.int("offset", default: 0, range: 0...10_000_000)
        let requestedRun = try query.int64("run_id")
        let started = ContinuousClock.now
        var decision: RoutingDecision?
        if requestedRun == nil, let router {
            let subject = variantID.map { "\($0):\(locationID ?? 0)" } ?? "ranking"
            decision = try await router.route(shopID: record.id, kind: Self.kind, subject: subject,
                                              requestID: try RecommendationAPIController.requestID(request) ?? UUID().uuidString)
            // A listing is not one subject's prediction: it always shows the champion.
            if variantID == nil, let routed = decision { decision?.served = routed.champion; decision?.arm = .champion }
        }
        let run = try await self.run(shopID: record.id, runID: requestedRun ?? decision?.served.runID)
        switch (variantID, locationID) {
        case (nil, nil):
            let items = try await forecasts.rankedForecastSeries(shopID: record.id, runID: run.id, limit: limit, offset: offset)
            return try JSONResponse.make(SeriesPage(run: run, model: decision.map { ServedModel($0) }, items: items.map(SeriesSummary.init),
                                                    limit: limit, offset: offset))
        case (let variantID?, let locationID?):
            guard let series = try await forecasts.forecastSeries(shopID: record.id, runID: run.id, variantID: variantID, locationID: locationID) else {
                throw APIError.notFound("run \(run.id) has no forecast for variant \(variantID) at location \(locationID)")
            }
            if let decision { try await log(decision, series: series, run: run, started: started) }
            let history = try await Self.history(demand, shopID: record.id, variantID: variantID, locationID: locationID, run: run)
            return try JSONResponse.make(SeriesForecast(run: run, model: decision.map { ServedModel($0) }, series: series, history: history?.suffix(historyDays)))
        case (nil, _):
            throw APIError.badRequest("query parameter variant_id is required with location_id", code: "invalid_parameter")
        case (_, nil):
            throw APIError.badRequest("query parameter location_id is required with variant_id", code: "invalid_parameter")
        }
    }

    static let kind = "forecast"

    /// Writes a routed series forecast to the prediction log when the request was sampled, and
    /// the shadow version's forecast of the same series beside it (computed only then).
    private func log(_ decision: RoutingDecision, series: ForecastSeries, run: ForecastRun, started: ContinuousClock.Instant) async throws {
        guard decision.sampled, let router else { return }
        let elapsed = (ContinuousClock.now - started).components
        let micros = Int(elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000)
        router.record(decision, version: decision.served, arm: decision.arm, output: Self.output(series, runID: run.id), latencyMicros: micros)
        if let shadow = decision.shadow, let runID = shadow.runID,
           let other = try await forecasts.forecastSeries(shopID: run.shopID, runID: runID, variantID: series.variantID, locationID: series.locationID) {
            router.record(decision, version: shadow, arm: .shadow, output: Self.output(other, runID: runID), latencyMicros: micros)
        }
    }

    /// The logged prediction: run, expected units over the horizon and the daily means.
    static func output(_ series: ForecastSeries, runID: Int64) -> String {
        "{\"run_id\":\(runID),\"expected_units\":\(series.expectedUnits),\"mean\":[\(series.days.map { "\($0.mean)" }.joined(separator: ","))]}"
    }

    /// The shop's recent runs, newest first, any status.
    @Sendable func runs(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let limit = try QueryParameters(request).int("limit", default: 20, range: 1...100)
        return try JSONResponse.make(RunList(items: try await forecasts.forecastRuns(shopID: record.id, limit: limit), limit: limit))
    }

    /// The run asked for, or the latest completed one; 404 when there is none.
    private func run(shopID: Int64, runID: Int64?) async throws -> ForecastRun {
        if let runID {
            guard let run = try await forecasts.forecastRun(shopID: shopID, id: runID) else {
                throw APIError.notFound("no forecast run \(runID) in this shop")
            }
            return run
        }
        guard let run = try await forecasts.latestForecastRun(shopID: shopID) else {
            throw APIError.notFound("no forecasts yet: run `storewise forecast --shop <domain>`")
        }
        return run
    }

    /// The series' dense history through the run's as-of day, as the job built it.
    static func history(_ demand: any DemandHistoryReader, shopID: Int64, variantID: Int64, locationID: Int64, run: ForecastRun) async throws -> DemandHistory? {
        guard let asOf = CivilDate(run.asOfDay) else { return nil }
        let rows = try await demand.stockedDemand(shopID: shopID, variantID: variantID, locationID: locationID, throughDay: run.asOfDay)
        return try DemandHistory(rows: rows, through: asOf)
    }
}

/// Response bodies of the forecast API (snake_case keys through `JSONResponse`).
extension ForecastAPIController {
    struct RunList: Encodable, Sendable {
        var items: [ForecastRun]
        var limit: Int
    }

    struct SeriesSummary: Encodable, Sendable {
        var variantID: Int64
        var locationID: Int64
        var expectedUnits: Double
        var historyStartDay: String
        var historyDays: Int
        var censoredDays: Int

        init(_ series: ForecastSeries) {
            variantID = series.variantID; locationID = series.locationID; expectedUnits = series.expectedUnits
            historyStartDay = series.historyStartDay; historyDays = series.historyDays; censoredDays = series.censoredDays
        }
    }

    /// The registered version that served a response, and how it was chosen.
    struct ServedModel: Encodable, Sendable {
        var kind: String
        var version: Int
        /// "champion" or "canary".
        var arm: String

        init(_ decision: RoutingDecision) {
            kind = decision.kind; version = decision.served.version; arm = decision.arm.rawValue
        }
    }

    struct SeriesPage: Encodable, Sendable {
        var run: ForecastRun
        var model: ServedModel?
        var items: [SeriesSummary]
        var limit: Int
        var offset: Int
    }

    /// One day of history: units sold, the demand the model saw (imputed when censored).
    struct HistoryPoint: Encodable, Sendable {
        var day: String
        var units: Double
        var demand: Double
        var censored: Bool
    }

    struct IntervalPoint: Encodable, Sendable {
        var level: Double
        /// nil when the model gave no interval at this level.
        var lower: Double?
        var upper: Double?
    }

    struct ForecastPoint: Encodable, Sendable {
        var day: String
        var mean: Double
        var intervals: [IntervalPoint]
    }

    struct SeriesForecast: Encodable, Sendable {
        var run: ForecastRun
        var model: ServedModel?
        var variantID: Int64
        var locationID: Int64
        var historyStartDay: String
        var historyDays: Int
        var censoredDays: Int
        var expectedUnits: Double
        var error: String?
        var history: [HistoryPoint]
        var forecast: [ForecastPoint]

        init(run: ForecastRun, model: ServedModel? = nil, series: ForecastSeries, history: DemandHistory?) {
            self.run = run
            self.model = model
            variantID = series.variantID; locationID = series.locationID; historyStartDay = series.historyStartDay
            historyDays = series.historyDays; censoredDays = series.censoredDays; expectedUnits = series.expectedUnits
            error = series.error
            self.history = history.map { h in
                h.values.indices.map { i in
                    HistoryPoint(day: h.day(at: i).description, units: h.observed[i], demand: h.values[i], censored: h.censored[i])
                }
            } ?? []
            forecast = series.days.map { day in
                ForecastPoint(day: day.day, mean: day.mean, intervals: run.levels.indices.map { k in
                    func finite(_ values: [Double]) -> Double? { k < values.count && values[k].isFinite ? values[k] : nil }
                    return IntervalPoint(level: run.levels[k], lower: finite(day.lower), upper: finite(day.upper))
                })
            }
        }
    }
}
