/// Thresholds and overrides for drift detection; the defaults are Evidently's.
public struct DriftOptions: Sendable, Hashable, Codable {
    /// Dataset drift when at least this share of columns drift.
    public var driftShare: Double = 0.5
    /// Threshold for the p-value tests (ks, chisquare, z).
    public var pValueThreshold: Double = 0.05
    /// Threshold for the distances (wasserstein normed, jensenshannon).
    public var distanceThreshold: Double = 0.1
    /// Threshold for PSI, both as a main method and for the `psi` beside every test.
    public var psiThreshold: Double = 0.1
    /// Reference row count above which the default switches from p-value tests to distances.
    public var largeReference: Int = 1000
    /// When set, every column uses this method instead of the automatic choice.
    public var method: DriftMethod? = nil

    public init(
        driftShare: Double = 0.5, pValueThreshold: Double = 0.05, distanceThreshold: Double = 0.1,
        psiThreshold: Double = 0.1, largeReference: Int = 1000, method: DriftMethod? = nil
    ) {
        self.driftShare = driftShare; self.pValueThreshold = pValueThreshold
        self.distanceThreshold = distanceThreshold; self.psiThreshold = psiThreshold
        self.largeReference = largeReference; self.method = method
    }

    /// Throws `MonitoringError.invalidOption` naming the first field out of range.
    public func validate() throws {
        guard driftShare > 0, driftShare <= 1 else {
            throw MonitoringError.invalidOption(field: "driftShare", reason: "must be in (0, 1], got \(driftShare)")
        }
        guard pValueThreshold > 0, pValueThreshold < 1 else {
            throw MonitoringError.invalidOption(
                field: "pValueThreshold", reason: "must be in (0, 1), got \(pValueThreshold)")
        }
        guard distanceThreshold > 0, distanceThreshold.isFinite else {
            throw MonitoringError.invalidOption(
                field: "distanceThreshold", reason: "must be a positive number, got \(distanceThreshold)")
        }
        guard psiThreshold > 0, psiThreshold.isFinite else {
            throw MonitoringError.invalidOption(
                field: "psiThreshold", reason: "must be a positive number, got \(psiThreshold)")
        }
        guard largeReference >= 1 else {
            throw MonitoringError.invalidOption(field: "largeReference", reason: "must be at least 1, got \(largeReference)")
        }
    }

    /// The threshold that applies to `method`.
    public func threshold(for method: DriftMethod) -> Double {
        switch method {
        case .ks, .chiSquare, .zTest: pValueThreshold
        case .wasserstein, .jensenShannon: distanceThreshold
        case .psi: psiThreshold
        }
    }
}
