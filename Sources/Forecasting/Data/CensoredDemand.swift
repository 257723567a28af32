/// Fills out-of-stock days of a daily series with an estimate of the demand they hid.
///
/// A day with no stock all day and no sale says nothing about demand: its zero is censored, not
/// observed. Fitting a model to those zeros drags the forecast down after every stockout, and the
/// reorder point with it (reference notes §3.2, "compute velocity only over in-stock days").
///
/// The rule, for a censored day t, looking only at earlier in-stock (uncensored) days:
/// 1. the mean of the most recent `seasons` in-stock values on the same phase of the season
///    (t − m, t − 2m, …: the same weekday for daily data with m = 7), however far back they are;
/// 2. else the mean of the most recent `window` in-stock values before t;
/// 3. else (nothing in stock before t) the mean of every in-stock value of the series; else 0.
///
/// Imputed values never feed later imputations, so a long stockout is filled with the level the
/// item had before it, with its weekly shape, rather than a decaying echo. Only past days are
/// used, so the filled history is what a forecaster on day t could have known.
///
/// ```swift
/// let filled = CensoredDemand().impute([3, 5, 0, 4], censored: [false, false, true, false])
/// ```
public struct CensoredDemand: Sendable, Hashable {
    /// The season length m (7 for a weekly profile of daily sales).
    public var seasonLength: Int
    /// How many same-phase in-stock values rule 1 averages.
    public var seasons: Int
    /// How many recent in-stock values rule 2 averages.
    public var window: Int

    public init(seasonLength: Int = 7, seasons: Int = 4, window: Int = 28) {
        self.seasonLength = seasonLength
        self.seasons = seasons
        self.window = window
    }

    /// Checks the parameters; errors name the field.
    public func validate() throws {
        guard seasonLength >= 1 else { throw ForecastError.invalidParameter(name: "seasonLength", reason: "must be at least 1, got \(seasonLength)") }
        guard seasons >= 1 else { throw ForecastError.invalidParameter(name: "seasons", reason: "must be at least 1, got \(seasons)") }
        guard window >= 1 else { throw ForecastError.invalidParameter(name: "window", reason: "must be at least 1, got \(window)") }
    }

    /// `values` with every censored position replaced by the rule's estimate; other positions
    /// are returned unchanged. `censored` must have the same length as `values`.
    ///
    /// One pass with prefix sums (overall and per phase) of the in-stock values seen so far, so
    /// the cost is linear in the length however long the stockouts are.
    public func impute(_ values: [Double], censored: [Bool]) throws -> [Double] {
        try validate()
        guard censored.count == values.count else {
            throw ForecastError.invalidParameter(name: "censored", reason: "has \(censored.count) entries for \(values.count) values")
        }
        guard censored.contains(true) else { return values }
        let m = seasonLength
        var inStockSum = 0.0, inStockCount = 0.0
        for (value, isCensored) in zip(values, censored) where !isCensored {
            inStockSum += value
            inStockCount += 1
        }
        let overallMean = inStockCount > 0 ? inStockSum / inStockCount : 0

        var result = values
        // Running prefix sums of the in-stock values seen so far: overall, and per phase.
        var prefix: [Double] = [0]
        prefix.reserveCapacity(values.count + 1)
        var phasePrefix = [[Double]](repeating: [0], count: m)
        for t in values.indices {
            if !censored[t] {
                prefix.append(prefix[prefix.count - 1] + values[t])
                let phaseTotal = phasePrefix[t % m][phasePrefix[t % m].count - 1]
                phasePrefix[t % m].append(phaseTotal + values[t])
                continue
            }
            let samePhase = phasePrefix[t % m]
            let phaseSeen = samePhase.count - 1
            if phaseSeen > 0 {
                let k = min(seasons, phaseSeen)
                result[t] = (samePhase[phaseSeen] - samePhase[phaseSeen - k]) / Double(k)
                continue
            }
            let seen = prefix.count - 1
            if seen > 0 {
                let k = min(window, seen)
                result[t] = (prefix[seen] - prefix[seen - k]) / Double(k)
            } else {
                result[t] = overallMean
            }
        }
        return result
    }
}
