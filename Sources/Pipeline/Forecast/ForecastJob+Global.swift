import Commerce
import Forecasting
import Storage

/// The cross-series pass of a forecast run: one global gradient-boosted model for the shop.
extension ForecastJob {
    /// Whether the global model's forecasts went into the run, and the figures it adds to the
    /// run's metrics.
    struct GlobalOutcome: Sendable {
        var used = false
        var metrics: [String: Double] = ["global_model": 0]
    }

    /// What the projection knows beyond the demand reader: unit prices per series and day, and
    /// each variant's product, product type and vendor.
    struct ShopCatalog: Sendable {
        var unitPrices: [String: [Int: Double]] = [:]
        var products: [Int64: (id: Int64, type: String?, vendor: String?)] = [:]
    }

    /// Trains `GlobalModel` once on the shop's panel (on a worker thread, `options.threads`
    /// for XGBoost) and replaces each successful per-series forecast by the mean of it and the
    /// global one. Skipped when disabled or the shop has too few long series; a failure is
    /// logged and recorded, never thrown: the per-series forecasts stay.
    func globalPass(_ outcomes: inout [SeriesOutcome], shopID: Int64, asOf: CivilDate) async -> GlobalOutcome {
        var result = GlobalOutcome()
        guard options.globalModel else { return result }
        let members = outcomes.indices.filter { outcomes[$0].history != nil }
        let long = members.filter { outcomes[$0].history!.count >= options.globalMinimumHistoryDays }.count
        result.metrics["global_eligible_series"] = Double(long)
        guard long >= options.globalMinimumSeries else {
            logger.debug("global model skipped", metadata: [
                "shop_id": "\(shopID)", "long_series": "\(long)", "needed": "\(options.globalMinimumSeries)",
            ])
            return result
        }
        let catalog = await shopCatalog(shopID: shopID, asOf: asOf)
        let inputs = members.map { i -> ShopPanelBuilder.Input in
            let series = outcomes[i].series!
            let product = catalog.products[series.variantID]
            return ShopPanelBuilder.Input(
                variantID: series.variantID, locationID: series.locationID, history: outcomes[i].history!,
                unitPrices: catalog.unitPrices["\(series.variantID)@\(series.locationID)"] ?? [:],
                productID: product?.id, productType: product?.type, vendor: product?.vendor)
        }
        let horizon = options.horizon, levels = options.levels.sorted()
        var configured = GlobalModel()
        configured.parameters.threads = options.threads
        // Forecasting is direct: every sales feature must be at least a horizon old.
        configured.features.minimumLag = max(configured.features.minimumLag, horizon)
        let model = configured
        let fits = await WorkerThreads.map([inputs], threads: 1) { inputs in
            Result { () throws -> GlobalForecast in
                let panel = try ShopPanelBuilder(asOf: asOf, horizon: horizon).panel(inputs)
                var forecast = try model.forecast(panel, levels: levels)
                // Free the boosters here, on the thread that trained and queried them: XGBoost
                // keeps per-thread prediction state keyed by its learner, and freeing a learner
                // from another thread later corrupted the heap (flaky crash in XGBoosterFree).
                forecast.boosters = []
                return forecast
            }
        }
        guard let fit = fits.first ?? nil else { return result }  // cancelled
        let global: GlobalForecast
        switch fit {
        case .success(let value): global = value
        case .failure(let error):
            logger.warning("global model failed; per-series forecasts kept", metadata: [
                "shop_id": "\(shopID)", "error": "\(String(reflecting: error))",
            ])
            result.metrics["global_failed"] = 1
            return result
        }
        var combined = 0, rejected = 0
        for (k, i) in members.enumerated() {
            guard let local = outcomes[i].forecast, var series = outcomes[i].series, series.error == nil else { continue }
            do {
                let mean = try Ensemble.average(local, global.forecasts[k])
                series.days = try Self.days(mean, asOf: asOf, horizon: horizon, levels: levels)
                series.expectedUnits = series.days.reduce(0) { $0 + $1.mean }
                outcomes[i].series = series
                combined += 1
            } catch {
                // An unusable global forecast (non-finite, say) leaves the series' own forecast.
                rejected += 1
            }
        }
        result.used = combined > 0
        result.metrics["global_model"] = result.used ? 1 : 0
        result.metrics["global_seconds"] = global.seconds
        result.metrics["global_series"] = Double(combined)
        result.metrics["global_rejected_series"] = Double(rejected)
        return result
    }

    /// Prices and products from the projection when the demand reader also reads it (the SQLite
    /// store does); empty otherwise or on a read error, so the panel then has no prices and
    /// each variant is its own product.
    func shopCatalog(shopID: Int64, asOf: CivilDate) async -> ShopCatalog {
        var catalog = ShopCatalog()
        guard let reader = demand as? any ProjectionReader else { return catalog }
        do {
            let rows = try await reader.demand(shopID: shopID, variantID: nil, locationID: nil, fromDay: nil,
                                               toDay: asOf.description, limit: Int.max)
            for row in rows where row.units > 0 && row.revenueMinor > 0 {
                guard let day = CivilDate(row.day) else { continue }
                catalog.unitPrices["\(row.variantID)@\(row.locationID)", default: [:]][day.dayNumber] =
                    Double(row.revenueMinor) / Double(row.units)
            }
            for product in try await reader.products(shopID: shopID, limit: Int.max, offset: 0) {
                for variant in product.variants {
                    catalog.products[variant.id] = (product.id, product.productType, product.vendor)
                }
            }
        } catch {
            logger.warning("global model: prices and products unreadable; panel built without them", metadata: [
                "shop_id": "\(shopID)", "error": "\(String(reflecting: error))",
            ])
        }
        return catalog
    }
}
