/// Alerts when live accuracy is worse than the holdout accuracy by more than a relative tolerance.
public struct AccuracyAlertRule: Sendable, Hashable, Codable {
    /// Relative slack: 0.08 lets live error be up to 8 % above the holdout error.
    public var tolerance: Double = 0.08

    public init(tolerance: Double = 0.08) { self.tolerance = tolerance }

    /// Lower-is-better metrics (MASE, RMSSE): alert when live > holdout·(1 + tolerance).
    /// Higher-is-better metrics (precision, AUC): alert when live < holdout·(1 − tolerance).
    public func isAlert(live: Double, holdout: Double, higherIsBetter: Bool = false) -> Bool {
        higherIsBetter ? live < holdout * (1 - tolerance) : live > holdout * (1 + tolerance)
    }
}
