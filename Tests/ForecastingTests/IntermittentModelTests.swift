@testable import Forecasting
import Testing

/// Hand-calculated checks of the intermittent-demand models (Croston, SBA, optimized Croston,
/// TSB, ADIDA, IMAPA) with statsforecast 2.1.1's conventions, and their errors.
@Suite struct IntermittentModelTests {
    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    /// y = 0, 0, 4, 2. Sizes 4, 2; intervals 3 (first demand at t = 2, counted from t = 0) and 1.
    /// SES with α = 0.1, each level starting at its first value: sizes 4 → 4 → 0.1·2 + 0.9·4 = 3.8,
    /// intervals 3 → 3 → 0.1·1 + 0.9·3 = 2.8. Croston = 3.8/2.8, SBA = 0.95·3.8/2.8.
    /// Fitted: before the first demand the previous value (0) over an interval of 1, then after
    /// the demand at t = 2 the size 4 over the interval 3.
    @Test func crostonAndSBA() throws {
        let y: [Double] = [0, 0, 4, 2]
        let croston = try CrostonClassic().forecast(y, horizon: 3)
        #expect(Self.close(croston.mean, [Double](repeating: 3.8 / 2.8, count: 3)))
        let fitted = try #require(croston.fitted)
        #expect(fitted[0].isNaN && Self.close(Array(fitted[1...]), [0, 0, 4.0 / 3]))
        let sba = try CrostonSBA().forecast(y, horizon: 2)
        #expect(Self.close(sba.mean, [0.95 * 3.8 / 2.8, 0.95 * 3.8 / 2.8]))
        #expect(Self.close(Array(try #require(sba.fitted)[1...]), [0, 0, 0.95 * 4.0 / 3]))
        #expect(CrostonClassic().name == "CrostonClassic" && CrostonSBA().name == "CrostonSBA")
    }

    /// Without any positive value statsforecast's Croston falls back to the naive forecast, and
    /// SBA scales that fallback by 0.95 too: 0, −2 gives −2 and −1.9; all zeros give 0.
    @Test func crostonWithoutDemandFallsBackToNaive() throws {
        #expect(try CrostonClassic().forecast([0, -2], horizon: 2).mean == [-2, -2])
        #expect(Self.close(try CrostonSBA().forecast([0, -2], horizon: 1).mean, [-1.9]))
        #expect(try CrostonOptimized().forecast([0, -2], horizon: 1).mean == [-2])
        #expect(try CrostonClassic().forecast([0, 0, 0], horizon: 1).mean == [0])
    }

    /// y = 0, 0, 2, 4, 0, 1: sizes 2, 4, 1 and intervals 3, 1, 2.
    /// Sizes: the level starts at 2, errors 4 − 2 and 1 − (2 + 2α): SSE = 4 + (1 + 2α)², rising
    /// on [0.1, 0.3], so α = 0.1: 2 → 2 → 2.2 → 0.1 + 0.9·2.2 = 2.08.
    /// Intervals: errors 1 − 3 and 2 − (3 − 2α): SSE = 4 + (1 − 2α)², falling, so α = 0.3:
    /// 3 → 3 → 0.3 + 2.1 = 2.4 → 0.6 + 0.7·2.4 = 2.28. Forecast 2.08/2.28.
    @Test func crostonOptimized() throws {
        let f = try CrostonOptimized().forecast([0, 0, 2, 4, 0, 1], horizon: 2)
        #expect(Self.close(f.mean, [2.08 / 2.28, 2.08 / 2.28], 1e-10))
        #expect(f.fitted == nil && f.intervals.isEmpty)
    }

    /// TSB(0.5, 0.2) on y = 0, 3, 0, 1. Probability 0, 1, 0, 1 with α = 0.2, starting at 0:
    /// 0 → 0 → 0.2 → 0.16 → 0.2 + 0.8·0.16 = 0.328. Sizes 3, 1 with α = 0.5: 3 → 3 → 2.
    /// Forecast 0.328·2 = 0.656. Fitted: 0·0 (no demand yet: previous value 0), 0.2·3, 0.16·3.
    @Test func tsb() throws {
        let model = TSB(alphaD: 0.5, alphaP: 0.2)
        #expect(model.name == "TSB(0.5,0.2)")
        let f = try model.forecast([0, 3, 0, 1], horizon: 2)
        #expect(Self.close(f.mean, [0.656, 0.656]))
        let fitted = try #require(f.fitted)
        #expect(fitted[0].isNaN && Self.close(Array(fitted[1...]), [0, 0.6, 0.48]))
    }

    /// TSB decays through zeros where Croston stays flat: y = 5, 0, 0, 0 with both α = 0.5 gives
    /// probability 1 → 1 → 0.5 → 0.25 → 0.125 and size 5: 0.625; Croston keeps 5/1 = 5.
    /// An all-zero series is forecast as 0.
    @Test func tsbDecaysAndHandlesNoDemand() throws {
        #expect(try TSB(alphaD: 0.5, alphaP: 0.5).forecast([5, 0, 0, 0], horizon: 1).mean == [0.625])
        #expect(Self.close(try CrostonClassic().forecast([5, 0, 0, 0], horizon: 1).mean, [5]))
        #expect(try TSB(alphaD: 0.1, alphaP: 0.1).forecast([0, 0, 0], horizon: 2).mean == [0, 0])
    }

    /// y = 0, 0, 1, 0, 2: demands at t = 2 and 4, mean interval 5/2 = 2.5, rounded half to even
    /// (Python's `round`) to k = 2. Buckets aligned to the end: (0, 1), (0, 2) = 1, 2; the first
    /// error is 2 − 1 at every α, a tie, so the search stops at the midpoint α = 0.2:
    /// 1 → 1 → 0.2·2 + 0.8·1 = 1.2, and ADIDA = 1.2/2 = 0.6. (Rounding 2.5 up to 3 would give
    /// one bucket 1 + 0 + 2 = 3 and 3/3 = 1.)
    /// y = 0, 2, 0, 0, 4, 0, 1: mean interval 7/3, k = 2; buckets (2, 0), (0, 4), (0, 1) = 2, 4, 1,
    /// whose SSE 4 + (1 + 2α)² rises, so α = 0.1: 2 → 2 → 2.2 → 2.08, and ADIDA = 1.04.
    @Test func adida() throws {
        #expect(Self.close(try ADIDA().forecast([0, 0, 1, 0, 2], horizon: 2).mean, [0.6, 0.6], 1e-10))
        #expect(Self.close(try ADIDA().forecast([0, 2, 0, 0, 4, 0, 1], horizon: 1).mean, [1.04], 1e-10))
        #expect(try ADIDA().forecast([0, 0, 0, 0], horizon: 2).mean == [0, 0])
    }

    /// IMAPA on y = 0, 0, 1, 0, 2 averages levels k = 1 and 2 (K = round-half-even(2.5) = 2).
    /// k = 1: errors 0, 1, −α, 2 − α(1 − α): SSE = 1 + α² + (2 − α + α²)², whose derivative
    /// 2α + 2(2 − α + α²)(2α − 1) is negative on [0.1, 0.3] (at most 0.6 − 2·1.79·0.4), so α = 0.3:
    /// 0 → 0 → 0 → 0.3 → 0.21 → 0.6 + 0.7·0.21 = 0.747. k = 2: 0.6 (see `adida`).
    /// IMAPA = (0.747 + 0.6)/2 = 0.6735.
    @Test func imapa() throws {
        #expect(Self.close(try IMAPA().forecast([0, 0, 1, 0, 2], horizon: 2).mean, [0.6735, 0.6735], 1e-10))
        #expect(try IMAPA().forecast([0, 0], horizon: 1).mean == [0])
        #expect(IMAPA().name == "IMAPA" && ADIDA().name == "ADIDA")
    }

    /// The several-steps-per-pass search visits exactly the points of the one-at-a-time golden
    /// section, so both return the same α: on intermittent data (optimum inside or at a bound),
    /// on a trend (α runs to the upper bound, the straight-ahead plan), on alternating values
    /// (α runs to the lower bound) and on short series.
    @Test func speculativeSearchEqualsPlainGoldenSection() {
        var state: UInt64 = 42
        var series: [[Double]] = [[0, 10, 20, 30, 40, 50], (0..<300).map { Double($0 % 2) * 5 }, [2, 4, 1], [3, 3, 3]]
        for n in [2, 3, 5, 17, 200, 1000] {
            series.append((0..<n).map { _ -> Double in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return (state >> 60) < 9 ? 0 : Double(state >> 61)
            })
        }
        for x in series {
            let n = x.count
            x.withUnsafeBufferPointer { x in
                for (lower, upper) in [(0.1, 0.3), (0.01, 0.99)] {
                    let fast = GoldenSectionSearch.sesAlpha(x, lower: lower, upper: upper)
                    let plain = GoldenSectionSearch.minimize(lower: lower, upper: upper) { SimpleSmoothing.sse(x, alpha: $0) }
                    #expect(fast == plain, "n = \(n), [\(lower), \(upper)]")
                }
            }
        }
        // (α − 0.2)² on [0.1, 0.3]: the minimiser to the search tolerance.
        #expect(abs(GoldenSectionSearch.minimize(lower: 0.1, upper: 0.3) { ($0 - 0.2) * ($0 - 0.2) } - 0.2) < 1e-7)
    }

    static let all: [any ForecastModel] = [
        CrostonClassic(), CrostonOptimized(), CrostonSBA(), TSB(alphaD: 0.1, alphaP: 0.1), ADIDA(), IMAPA(),
    ]

    @Test func emptySeriesAndZeroHorizonAreErrors() {
        for model in Self.all {
            #expect(throws: ForecastError.emptySeries) { try model.forecast([], horizon: 3) }
            #expect(throws: ForecastError.invalidHorizon(0)) { try model.forecast([1, 0, 3], horizon: 0) }
            #expect(throws: ForecastError.nonFiniteValue(index: 2)) { try model.forecast([1, 0, .infinity], horizon: 1) }
        }
    }

    /// No native intervals: requested levels are ignored rather than invented.
    @Test func noNativeIntervals() throws {
        for model in Self.all {
            #expect(try model.forecast([0, 1, 0, 2], horizon: 2, levels: [80, 95]).intervals.isEmpty)
        }
    }

    @Test func badAlphaNamesTheField() {
        #expect(throws: ForecastError.invalidParameter(name: "alphaD", reason: "must be in [0, 1], got -0.1")) {
            try TSB(alphaD: -0.1, alphaP: 0.1).forecast([0, 1], horizon: 1)
        }
        #expect(throws: ForecastError.invalidParameter(name: "alphaP", reason: "must be in [0, 1], got 2.0")) {
            try TSB(alphaD: 0.1, alphaP: 2).forecast([0, 1], horizon: 1)
        }
        #expect {
            try TSB(alphaD: 0.1, alphaP: .nan).forecast([0, 1], horizon: 1)
        } throws: { error in
            guard case .invalidParameter(name: "alphaP", _) = error as? ForecastError else { return false }
            return true
        }
    }
}
