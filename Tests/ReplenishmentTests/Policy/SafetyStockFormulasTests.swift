import Foundation
import Testing
@testable import Replenishment

@Suite("SafetyStockFormulas")
struct SafetyStockFormulasTests {
    /// Standard normal table (Silver, Pyke & Peterson App. B; reference notes §3.2 "z = 1.28 / 1.65 / 2.05 / 2.33"):
    /// Φ⁻¹(0.90) = 1.2816, Φ⁻¹(0.95) = 1.6449, Φ⁻¹(0.98) = 2.0537, Φ⁻¹(0.99) = 2.3263.
    @Test(arguments: [(0.90, 1.2816), (0.95, 1.6449), (0.98, 2.0537), (0.99, 2.3263)])
    func zForCycleServiceLevel(level: Double, expected: Double) throws {
        let z = try SafetyStockFormulas.z(forCycleServiceLevel: level)
        #expect(abs(z - expected) < 5e-5)
        // The rounded values the issue quotes.
        #expect(abs(z - (expected * 100).rounded() / 100) < 0.005 + 5e-5)
    }
}
