/// The four theta models of Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler (2016), "Models
/// for optimising the theta method and their relationship to state space models", IJF 32(4),
/// 1151–1161.
///
/// They differ on two axes: whether θ is fixed at 2 (the standard theta method of Assimakopoulos &
/// Nikolopoulos, 2000) or optimised, and whether the theta line's coefficients Aₙ, Bₙ are the
/// least-squares line over the whole history (static) or are updated one observation at a time
/// (dynamic, the paper's eqs. 6–7).
public enum ThetaVariant: String, Sendable, CaseIterable {
    /// Standard theta model: θ = 2, static Aₙ, Bₙ.
    case stm = "STM"
    /// Optimised theta model: θ ≥ 1 estimated, static Aₙ, Bₙ.
    case otm = "OTM"
    /// Dynamic standard theta model: θ = 2, Aₜ, Bₜ updated each period.
    case dstm = "DSTM"
    /// Dynamic optimised theta model: θ ≥ 1 estimated, Aₜ, Bₜ updated each period.
    case dotm = "DOTM"

    /// True when Aₜ and Bₜ follow the data recursively (DSTM, DOTM).
    public var isDynamic: Bool { self == .dstm || self == .dotm }

    /// True when θ is a free parameter (OTM, DOTM); otherwise it is fixed at 2.
    public var optimizesTheta: Bool { self == .otm || self == .dotm }
}
