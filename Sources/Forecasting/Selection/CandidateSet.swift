/// The models the automatic forecaster tries, per demand class.
public struct CandidateSet: Sendable {
    public var smooth: [any ForecastModel]
    public var erratic: [any ForecastModel]
    public var intermittent: [any ForecastModel]
    public var lumpy: [any ForecastModel]

    public init(smooth: [any ForecastModel], erratic: [any ForecastModel], intermittent: [any ForecastModel], lumpy: [any ForecastModel]) {
        self.smooth = smooth
        self.erratic = erratic
        self.intermittent = intermittent
        self.lumpy = lumpy
    }

    /// The same models for every class.
    public init(all models: [any ForecastModel]) {
        self.init(smooth: models, erratic: models, intermittent: models, lumpy: models)
    }

    public func models(for demandClass: DemandClass) -> [any ForecastModel] {
        switch demandClass {
        case .smooth: smooth
        case .erratic: erratic
        case .intermittent: intermittent
        case .lumpy: lumpy
        }
    }

    /// The default routing of the SBC scheme (reference notes §3.1), each family also with the
    /// weekly profile put on its flat forecast:
    /// - smooth and erratic series: exponential smoothing and moving averages;
    /// - intermittent and lumpy series: TSB, Croston/SBA and temporal aggregation (ADIDA, IMAPA).
    public static func standard(seasonLength m: Int) -> CandidateSet {
        func profiled(_ model: any ForecastModel) -> any ForecastModel { SeasonalProfile(model, seasonLength: m) }
        let frequent: [any ForecastModel] = [
            profiled(TSB(alphaD: 0.1, alphaP: 0.1)),
            profiled(WindowAverage(windowSize: 28)),
            profiled(SimpleExponentialSmoothingOptimized()),
            profiled(ADIDA()),
        ]
        let sparse: [any ForecastModel] = [
            profiled(TSB(alphaD: 0.1, alphaP: 0.1)),
            profiled(TSB(alphaD: 0.05, alphaP: 0.05)),
            profiled(WindowAverage(windowSize: 28)),
            profiled(CrostonSBA()),
            profiled(ADIDA()),
            profiled(IMAPA()),
        ]
        return CandidateSet(smooth: frequent, erratic: frequent, intermittent: sparse, lumpy: sparse)
    }
}
