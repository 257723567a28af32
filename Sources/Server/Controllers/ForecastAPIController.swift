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

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("api/v1/forecasts").add(middleware: BearerAuthMiddleware(shops: shops))
        api.get(use: forecast)
        api.get("runs", use: runs)
    }

    /// With `variant_id` and `location_id`: that series' recent history (censored days flagged)
    /// and its forecast. Without them: the run's series, largest expected demand first.
    /// `run_id` picks an older run; the default is the latest completed one.
    @Sendable func forecast(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let variantID = try query.int64("variant_id")
        let locationID = try query.int64("location_id")
        let historyDays = try query.int("history_days", default: 90, range: 1...3650)
        let limit = try query.int("limit", default: 100, range: 1...10_000)
        let offset = try query.int("offset", default: 0, range: 0...10_000_000)
        let run = try await self.run(shopID: record.id, runID: query.int64("run_id"))
        switch (variantID, locationID) {
        case (nil, nil):
            let items = try await forecasts.rankedForecastSeries(shopID: record.id, runID: run.id, limit: limit, offset: offset)
            return try JSONResponse.make(SeriesPage(run: run, items: items.map(SeriesSummary.init), limit: limit, offset: offset))
        case (let variantID?, let locationID?):
            guard let series = try await forecasts.forecastSeries(shopID: record.id, runID: run.id, variantID: variantID, locationID: locationID) else {
                throw APIError.notFound("run \(run.id) has no forecast for variant \(variantID) at location \(locationID)")
            }
            let history = try await Self.history(demand, shopID: record.id, variantID: variantID, locationID: locationID, run: run)
            return try JSONResponse.make(SeriesForecast(run: run, series: series, history: history?.suffix(historyDays)))
        case (nil, _):
            throw APIError.badRequest("query parameter variant_id is required with location_id", code: "invalid_parameter")
        case (_, nil):
            throw APIError.badRequest("query parameter location_id is required with variant_id", code: "invalid_parameter")
        }
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

    struct SeriesPage: Encodable, Sendable {
        var run: ForecastRun
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
        var variantID: Int64
        var locationID: Int64
        var historyStartDay: String
        var historyDays: Int
        var censoredDays: Int
        var expectedUnits: Double
        var error: String?
        var history: [HistoryPoint]
        var forecast: [ForecastPoint]

        init(run: ForecastRun, series: ForecastSeries, history: DemandHistory?) {
            self.run = run
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
