/// A statistical test or distance used to decide whether one column drifted.
///
/// Raw values are Evidently's stat-test names, so reports and overrides read the same as theirs.
public enum DriftMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Two-sample Kolmogorov-Smirnov p-value (scipy `ks_2samp`); numerical only.
    case ks
    /// Pearson chi-square p-value on category counts, expected counts scaled from the reference.
    case chiSquare = "chisquare"
    /// Two-proportion Z-test p-value (first sorted value vs the rest).
    case zTest = "z"
    /// Wasserstein-1 distance divided by the reference standard deviation; numerical only.
    case wasserstein
    /// Jensen-Shannon distance (natural log) between binned shares.
    case jensenShannon = "jensenshannon"
    /// Population stability index between binned shares.
    case psi

    /// True when the statistic is a p-value (drift when it is small); false for distances.
    public var isPValue: Bool {
        switch self {
        case .ks, .chiSquare, .zTest: true
        case .wasserstein, .jensenShannon, .psi: false
        }
    }

    /// True when the method needs ordered numbers and cannot run on categories.
    public var requiresNumerical: Bool { self == .ks || self == .wasserstein }
}
