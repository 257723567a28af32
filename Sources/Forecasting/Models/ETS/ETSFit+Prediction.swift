extension ETSFit {
    /// The fitted model's forecast with its intervals and in-sample fitted values, as every ETS
    /// model (`ETS`, `AutoETS`, `Holt`, `HoltWinters`) returns it.
    func prediction(horizon: Int, levels: [Double]) -> Forecast {
        let mean = forecast(horizon: horizon)
        return Forecast(mean: mean, intervals: ETSIntervals.intervals(for: self, mean: mean, levels: levels), fitted: fitted)
    }
}
