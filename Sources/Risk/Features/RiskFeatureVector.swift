/// The values of every `RiskFeature` for one subject, in `RiskFeature.allCases` order.
/// NaN means "not known" (XGBoost treats it as missing), never zero.
public struct RiskFeatureVector: Sendable, Hashable, Codable {
    public var values: [Double]

    /// All features missing.
    public init() { values = [Double](repeating: .nan, count: RiskFeature.allCases.count) }

    public init(values: [Double]) {
        precondition(values.count == RiskFeature.allCases.count, "a risk feature vector has \(RiskFeature.allCases.count) values")
        self.values = values
    }

    public subscript(feature: RiskFeature) -> Double {
        get { values[feature.index] }
        set { values[feature.index] = newValue }
    }

    public static func == (a: Self, b: Self) -> Bool {
        zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    public func hash(into hasher: inout Hasher) {
        for v in values { hasher.combine(v.isNaN ? Double.infinity : v) }
    }
}
