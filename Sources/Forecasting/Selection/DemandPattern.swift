/// The two statistics of the Syntetos–Boylan–Croston demand classification for one series.
///
/// - `adi`, the average inter-demand interval: number of periods divided by the number of
///   periods with demand (`y > 0`). On a series that starts with a demand this is the mean
///   interval between demands, with the stretch after the last demand counted as an open
///   interval. This is the definition that reproduces both reference counts in
///   `../shared/data-forecast/README.md` (m5_tiny and carparts); the mean of the gaps between
///   consecutive demands only does not (it gives 123 intermittent / 51 smooth on m5_tiny
///   d_1..d_1885, and other carparts counts).
/// - `cv2`, the squared coefficient of variation of the non-zero sizes: population variance
///   (divide by the count) over the squared mean.
public struct DemandPattern: Sendable, Equatable {
    /// Periods considered: the whole series, or from the first demand on.
    public var periods: Int
    /// Periods with a positive demand.
    public var demands: Int
    /// Average inter-demand interval `periods / demands`; infinity when there is no demand.
    public var adi: Double
    /// Squared coefficient of variation of the non-zero demand sizes; NaN when there is none.
    public var cv2: Double

    public init(periods: Int, demands: Int, adi: Double, cv2: Double) {
        self.periods = periods
        self.demands = demands
        self.adi = adi
        self.cv2 = cv2
    }

    /// Measures `y`. With `droppingLeadingZeros` (the default, and the M5 "active period"
    /// convention) the periods before the first demand are not counted: an item listed late is
    /// not intermittent for it. Negative values (returns) count as no demand; drop missing
    /// periods first (a NaN would count as a period without demand).
    public init(_ y: [Double], droppingLeadingZeros: Bool = true) {
        var start = 0
        if droppingLeadingZeros {
            while start < y.count, !(y[start] > 0) { start += 1 }
        }
        var n = 0, sum = 0.0
        for i in start..<y.count where y[i] > 0 {
            n += 1
            sum += y[i]
        }
        let periods = y.count - start
        guard n > 0 else {
            self.init(periods: periods, demands: 0, adi: .infinity, cv2: .nan)
            return
        }
        // Two passes (mean, then squared deviations) so CV² has no cancellation error near the
        // cut-off.
        let mean = sum / Double(n)
        var squares = 0.0
        for i in start..<y.count where y[i] > 0 {
            let d = y[i] - mean
            squares += d * d
        }
        let variance = squares / Double(n)
        self.init(periods: periods, demands: n, adi: Double(periods) / Double(n), cv2: variance / (mean * mean))
    }

    /// The SBC class, or nil when the series has fewer than `minimumDemands` demands (with one
    /// demand CV² is 0 by construction and says nothing about the sizes).
    public func demandClass(minimumDemands: Int = 1) -> DemandClass? {
        guard demands >= max(1, minimumDemands) else { return nil }
        return DemandClass(adi: adi, cv2: cv2)
    }
}
