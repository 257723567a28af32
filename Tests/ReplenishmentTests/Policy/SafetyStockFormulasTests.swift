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

    /// G(z) = φ(z) − z·(1 − Φ(z)), from the normal table:
    ///   G(0)   = 0.398942 − 0                 = 0.3989
    ///   G(1)   = 0.241971 − 1·0.158655        = 0.0833
    ///   G(1.5) = 0.129518 − 1.5·0.066807      = 0.0293
    @Test(arguments: [(0.0, 0.3989), (1.0, 0.0833), (1.5, 0.0293)])
    func normalLossTable(z: Double, expected: Double) {
        #expect(abs(SafetyStockFormulas.normalLoss(z) - expected) < 5e-5)
    }

    /// Fill rate 98 % with Q = 100 per cycle and σ = 20: G(z) = (1 − 0.98)·100/20 = 0.1.
    ///   G(0.90) = 0.266085 − 0.90·0.184060 = 0.100431
    ///   G(0.91) = 0.263688 − 0.91·0.181411 = 0.098604
    ///   linear interpolation: z = 0.90 + 0.01·(0.100431 − 0.1)/(0.100431 − 0.098604) = 0.90 + 0.01·0.236 = 0.9024
    @Test func zForFillRateHandSolved() throws {
        let z = try SafetyStockFormulas.z(forFillRate: 0.98, orderQuantity: 100, standardDeviation: 20)
        #expect(abs(z - 0.9024) < 5e-4)
    }

    /// D = 1200/yr, K = 50, H = 3 → √(2·1200·50/3) = √40000 = 200.
    @Test func economicOrderQuantity() throws {
        #expect(try SafetyStockFormulas.economicOrderQuantity(annualDemand: 1200, orderCost: 50, holdingCostPerUnitYear: 3) == 200)
    }

    @Test func invalidInputsNameTheField() {
        expectInvalidParameter("cycleServiceLevel") { _ = try SafetyStockFormulas.z(forCycleServiceLevel: 1) }
        expectInvalidParameter("cycleServiceLevel") { _ = try SafetyStockFormulas.z(forCycleServiceLevel: .nan) }
        expectInvalidParameter("fillRate") { _ = try SafetyStockFormulas.z(forFillRate: 0, orderQuantity: 1, standardDeviation: 1) }
        expectInvalidParameter("orderQuantity") { _ = try SafetyStockFormulas.z(forFillRate: 0.9, orderQuantity: 0, standardDeviation: 1) }
        expectInvalidParameter("standardDeviation") { _ = try SafetyStockFormulas.z(forFillRate: 0.9, orderQuantity: 1, standardDeviation: -1) }
        expectInvalidParameter("annualDemand") {
            _ = try SafetyStockFormulas.economicOrderQuantity(annualDemand: -1, orderCost: 50, holdingCostPerUnitYear: 3)
        }
        expectInvalidParameter("holdingCostPerUnitYear") {
            _ = try SafetyStockFormulas.economicOrderQuantity(annualDemand: 1200, orderCost: 50, holdingCostPerUnitYear: 0)
        }
    }
}
