/// The automatic forecaster's answer for one series, with the reasons behind it.
public struct AutoForecast: Sendable {
    public var forecast: Forecast
    /// The series' ADI and CV².
    public var pattern: DemandPattern
    /// The SBC class that chose the candidates.
    public var demandClass: DemandClass
    /// What produced `forecast`: a model name, or e.g. "median of A, B, C".
    public var method: String
    /// Candidates by mean cross-validated RMSSE, best first (empty when the series was too short
    /// to validate and the first candidate was used).
    public var scores: [(model: String, rmsse: Double)]
}
