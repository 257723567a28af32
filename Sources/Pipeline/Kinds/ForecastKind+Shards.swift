import Commerce
import Foundation
import Storage

/// The forecast kind trained in shards of series: each shard runs the per-series pass of the
/// holdout forecast (as of the as-of day − horizon) and of the fit (as of the as-of day) for its
/// series; the merge runs the rest of both as `train` does, so the version is the same.
extension ForecastKind: ShardableKind {
    /// A shard's result: its two per-series passes.
    struct ShardResult: Codable {
        var holdout: ForecastJob.ShardPass
        var fit: ForecastJob.ShardPass
    }

    public func shardSnapshot(shopID: Int64, parameters: [String: String]) async throws -> ShardSnapshot? {
        let options = try options(parameters)
        guard let latestText = try await store.latestDemandDay(shopID: shopID), let latest = CivilDate(latestText) else { return nil }
        let job = ForecastJob(demand: store, store: store, method: method, options: options)
        return ShardSnapshot(asOfDay: latest.description, units: try await job.seriesCount(shopID: shopID, asOf: latest))
    }

    public func trainShard(shopID: Int64, parameters: [String: String], asOfDay: String, index: Int, count: Int) async throws -> Data {
        let options = try options(parameters)
        guard let latest = CivilDate(asOfDay) else { throw LifecycleError.invalidPayload("asOfDay '\(asOfDay)' is not a day") }
        let job = ForecastJob(demand: store, store: store, method: method, options: options)
        let holdout = try await job.shardPass(shopID: shopID, asOf: latest.adding(days: -options.horizon), index: index, count: count)
        let fit = try await job.shardPass(shopID: shopID, asOf: latest, index: index, count: count)
        return try Self.encoder.encode(ShardResult(holdout: holdout, fit: fit))
    }

    public func mergeShards(shopID: Int64, parameters: [String: String], asOfDay: String, results: [Data]) async throws -> TrainedModel {
        let options = try options(parameters)
        guard let latest = CivilDate(asOfDay) else { throw LifecycleError.invalidPayload("asOfDay '\(asOfDay)' is not a day") }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let shards = try results.map { try decoder.decode(ShardResult.self, from: $0) }
        let job = ForecastJob(demand: store, store: store, method: method, options: options)
        // The holdout as `holdout` measures it, from the merged holdout forecast.
        let cut = latest.adding(days: -options.horizon)
        let computed = try await job.merge(shards.map(\.holdout), shopID: shopID, asOf: cut)
        let actuals = try await store.stockedDemand(shopID: shopID, variantID: nil, locationID: nil,
                                                    fromDay: cut.adding(days: 1).description, throughDay: latest.description)
        let measured = Self.measure(Self.accuracySeries(computed, actuals: actuals))
        let metrics = measured.filter { ["mase", "rmsse", "bias"].contains($0.key) }
        let run = try await job.saveMerged(try await job.merge(shards.map(\.fit), shopID: shopID, asOf: latest))
        let series = try await store.forecastSeriesWithDays(shopID: shopID, runID: run.id)
        return TrainedModel(
            holdoutMetrics: metrics, artifactURI: "forecast-run:\(run.id)", artifactDigest: Self.digest(series), asOfDay: run.asOfDay,
            summary: ["series": Double(run.seriesCount), "failed_series": Double(run.failedCount),
                      "expected_units": run.metrics["expected_units"] ?? 0, "seconds": run.durationSeconds,
                      "holdout_series": measured["series"] ?? 0, "holdout_points": measured["points"] ?? 0,
                      "shards": Double(results.count)])
    }

    /// Shard results as JSON; Swift's shortest round-trip number text keeps every double exact.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}
