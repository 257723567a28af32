/// Which law a lead-time demand follows.
///
/// - `normal`: the textbook approximation, used only for large, smooth demand (see
///   ``LeadTimeDemand/counts(mean:variance:intermittent:)``);
/// - `poisson` / `negativeBinomial`: integer demand, equi- or over-dispersed;
/// - `empirical`: distribution-free, the law of observed or simulated totals.
public enum DemandDistributionKind: String, Sendable, Hashable, Codable {
    case normal
    case poisson
    case negativeBinomial = "negative_binomial"
    case empirical
}
