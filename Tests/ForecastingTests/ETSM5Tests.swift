import Forecasting
import Foundation
import Synchronization
import Testing
import TestSupport

/// AutoETS on the 280 real M5 series against statsforecast 2.1.1's reference run.
@Suite struct ETSM5Tests {
    /// Mean RMSSE and MASE within 1 % of statsforecast's AutoETS(season_length=7) scores; the
    /// per-series agreement with its forecasts is printed (not required: both select by AICc but
    /// their Nelder–Mead searches and bounds differ, see ETSEstimator).
    @Test func autoETSMatchesReferenceScores() throws {
        guard let m5 = M5Tiny.load() else { return }
        let n = m5.dataset.series.count
        let results = Mutex<[[Double]?]>(Array(repeating: nil, count: n))
        let failures = Mutex<[String]>([])
        // Two workers: the fits are independent and the test stays well under 20 s.
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for i in stride(from: worker, to: n, by: 2) {
                do {
                    let f = try AutoETS(seasonLength: 7).forecast(m5.train(i), horizon: M5Tiny.horizon)
                    results.withLock { $0[i] = f.mean }
                } catch {
                    failures.withLock { $0.append("series \(i): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let forecasts = try results.withLock { $0 }.map { try #require($0) }
        let scores = m5.meanScores(forecasts)
        let reference = try #require(m5.referenceScores["AutoETS"])
        var agree = 0
        for i in 0..<n {
            let ref = try #require(m5.reference("AutoETS", series: i))
            if zip(ref, forecasts[i]).allSatisfy({ abs($0 - $1) < 1e-3 }) { agree += 1 }
        }
        print("AutoETS(7) on m5_tiny: RMSSE \(scores.rmsse) (reference \(reference.rmsse)), MASE \(scores.mase) (reference \(reference.mase)); \(agree)/\(n) series within 1e-3 of statsforecast")
        #expect(abs(scores.rmsse / reference.rmsse - 1) < 0.01)
        #expect(abs(scores.mase / reference.mase - 1) < 0.01)
    }
}
