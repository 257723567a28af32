import Forecasting
import Foundation
import Testing
import TestSupport

@Suite struct DemandClassTests {
    /// y = 0,0,3,0,0,5,0,4: dropping the two leading zeros leaves 6 periods with 3 demands,
    /// ADI = 6/3 = 2. Sizes 3,5,4: mean 4, population variance (1+1+0)/3 = 2/3,
    /// CV² = (2/3)/16 = 1/24 ≈ 0.0417 → intermittent (ADI > 1.32, CV² ≤ 0.49).
    /// Keeping the leading zeros: 8 periods, ADI 8/3.
    @Test func handCalculatedPattern() throws {
        let y: [Double] = [0, 0, 3, 0, 0, 5, 0, 4]
        let p = DemandPattern(y)
        #expect(p.periods == 6 && p.demands == 3)
        #expect(p.adi == 2)
        #expect(abs(p.cv2 - 1.0 / 24) < 1e-15)
        #expect(DemandClass.classify(y) == .intermittent)
        let whole = DemandPattern(y, droppingLeadingZeros: false)
        #expect(whole.periods == 8 && abs(whole.adi - 8.0 / 3) < 1e-15)
        // Sizes 1 and 9: mean 5, variance 16, CV² 16/25 = 0.64 > 0.49; every period has
        // demand, ADI 1 → erratic. Add two zero periods: ADI 4/2 = 2 → lumpy.
        #expect(DemandClass.classify([1, 9]) == .erratic)
        #expect(DemandClass.classify([1, 0, 9, 0]) == .lumpy)
        #expect(DemandClass.classify([4, 4, 4]) == .smooth)
    }

    /// A value exactly at a cut-off falls on the low side (≤).
    /// ADI: 25 demands of 1 then 8 zeros: 33/25 = 1.32 exactly → smooth, not intermittent.
    /// CV²: sizes 3 and 17: mean 10, variance (49+49)/2 = 49, CV² 49/100 = 0.49 → smooth.
    @Test func cutOffsAreInclusiveOnTheLowSide() {
        let atADI = [Double](repeating: 1, count: 25) + [Double](repeating: 0, count: 8)
        #expect(DemandPattern(atADI).adi == 1.32)
        #expect(DemandClass.classify(atADI) == .smooth)
        #expect(DemandClass.classify(atADI + [0]) == .intermittent)  // 34/25 = 1.36
        #expect(DemandPattern([3, 17]).cv2 == 0.49)
        #expect(DemandClass.classify([3, 17]) == .smooth)
        #expect(DemandClass.classify([3, 18]) == .erratic)  // mean 10.5, var 56.25, CV² ≈ 0.51
    }

    @Test func noDemandHasNoClass() {
        #expect(DemandClass.classify([0, 0, 0]) == nil)
        #expect(DemandClass.classify([]) == nil)
        let p = DemandPattern([0, 0])
        #expect(p.demands == 0 && p.adi == .infinity && p.cv2.isNaN)
        // One demand classifies (CV² 0) unless the caller asks for two.
        #expect(DemandPattern([0, 2, 0]).demandClass() == .intermittent)
        #expect(DemandPattern([0, 2, 0]).demandClass(minimumDemands: 2) == nil)
    }

    /// `../shared/data-forecast/README.md`: intermittent 124, lumpy 53, erratic 53, smooth 50,
    /// "computed after dropping leading zeros". With ADI = periods/demands the whole file
    /// d_1…d_1913 and the training part d_1…d_1885 both give these counts.
    @Test(arguments: [1913, 1885])
    func m5TinyCountsMatchTheDataREADME(days: Int) throws {
        guard let m5 = M5Tiny.load() else { return }
        var counts: [DemandClass: Int] = [:]
        for s in m5.dataset.series {
            let c = try #require(DemandClass.classify(Array(s.sales.prefix(days))))
            counts[c, default: 0] += 1
        }
        #expect(counts == [.intermittent: 124, .lumpy: 53, .erratic: 53, .smooth: 50])
    }

    /// The README's carparts counts (intermittent 2,294, lumpy 347, smooth 3, and 30 series with
    /// fewer than 2 non-zero values) come out with missing months dropped and the leading zeros
    /// kept: a second, independent check of the ADI and CV² definitions.
    @Test func carpartsCountsMatchTheDataREADME() throws {
        guard let url = SharedData.file("data-forecast/carparts/carparts_monthly_wide.csv") else { return }
        let text = try String(contentsOf: url, encoding: .utf8)
        var counts: [DemandClass: Int] = [:], fewer = 0
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let y = line.split(separator: ",", omittingEmptySubsequences: false).dropFirst().compactMap { Double($0) }
            let pattern = DemandPattern(y, droppingLeadingZeros: false)
            guard let c = pattern.demandClass(minimumDemands: 2) else { fewer += 1; continue }
            counts[c, default: 0] += 1
        }
        #expect(fewer == 30)
        #expect(counts == [.intermittent: 2294, .lumpy: 347, .smooth: 3])
    }
}
