import Storage

/// The configured model kinds, by name.
public struct ModelKinds: Sendable {
    public let all: [any ModelKind]
    private let byName: [String: Int]

    /// Kinds in the given order; a later kind with a name already used is ignored.
    public init(_ kinds: [any ModelKind]) {
        var unique: [any ModelKind] = [], byName: [String: Int] = [:]
        for kind in kinds where byName[kind.name] == nil {
            byName[kind.name] = unique.count
            unique.append(kind)
        }
        self.all = unique
        self.byName = byName
    }

    public subscript(name: String) -> (any ModelKind)? {
        byName[name].map { all[$0] }
    }

    /// The kind of this name, or `LifecycleError.unknownKind`.
    public func require(_ name: String) throws -> any ModelKind {
        guard let kind = self[name] else { throw LifecycleError.unknownKind(name) }
        return kind
    }

    public var names: [String] { all.map(\.name) }

    /// Forecast, customer value and recommendations over one store.
    public static func standard(store: any LifecycleStore, forecast: ForecastJob.Options, customers: CustomerScoringJob.Options,
                                recommendations: RecommendationOptions, riskLabelDelayDays: Int = RiskKind.defaultLabelDelayDays,
                                riskReviewShares: (high: Double, medium: Double) = (0.01, 0.05)) -> ModelKinds {
        ModelKinds([
            ForecastKind(store: store, options: forecast),
            CustomerValueKind(store: store, options: customers),
            RecommendationsKind(store: store, options: recommendations),
            RiskKind(store: store, labelDelayDays: riskLabelDelayDays, reviewHighShare: riskReviewShares.high,
                     reviewMediumShare: riskReviewShares.medium),
        ])
    }
}
