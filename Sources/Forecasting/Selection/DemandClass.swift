/// Demand pattern by the Syntetos–Boylan–Croston scheme (Syntetos, Boylan & Croston 2005,
/// JORS 56:495–503), which routes a series to the forecasting family that suits it.
///
/// | class | ADI | CV² | suits |
/// |---|---|---|---|
/// | smooth | ≤ 1.32 | ≤ 0.49 | SES / ETS |
/// | erratic | ≤ 1.32 | > 0.49 | SES / ETS |
/// | intermittent | > 1.32 | ≤ 0.49 | Croston / SBA |
/// | lumpy | > 1.32 | > 0.49 | SBA / TSB / aggregation |
///
/// Cut-offs: a value exactly at 1.32 or 0.49 is on the *low* side (`≤`), as in the table of the
/// reference notes; vendors differ. The choice changes no count on m5_tiny or carparts.
///
/// ```swift
/// let kind = DemandClass.classify(history)   // .intermittent, …; nil when it never sold
/// ```
public enum DemandClass: String, Sendable, CaseIterable, Codable {
    case smooth, erratic, intermittent, lumpy

    /// SBC cut-off on the average inter-demand interval.
    public static let adiCutoff = 1.32
    /// SBC cut-off on the squared coefficient of variation of demand sizes.
    public static let cv2Cutoff = 0.49

    /// The class of a series with the given statistics.
    public init(adi: Double, cv2: Double, adiCutoff: Double = DemandClass.adiCutoff, cv2Cutoff: Double = DemandClass.cv2Cutoff) {
        let frequent = adi <= adiCutoff
        let steady = cv2 <= cv2Cutoff
        switch (frequent, steady) {
        case (true, true): self = .smooth
        case (true, false): self = .erratic
        case (false, true): self = .intermittent
        case (false, false): self = .lumpy
        }
    }

    /// Classifies `y` after dropping its leading zeros (see `DemandPattern`); nil when it has
    /// no demand at all.
    public static func classify(_ y: [Double], droppingLeadingZeros: Bool = true) -> DemandClass? {
        DemandPattern(y, droppingLeadingZeros: droppingLeadingZeros).demandClass()
    }

    /// Whether the series has demand in fewer than about 3 of 4 periods, the side of the
    /// scheme where Croston-type models beat exponential smoothing.
    public var isIntermittent: Bool { self == .intermittent || self == .lumpy }
}
