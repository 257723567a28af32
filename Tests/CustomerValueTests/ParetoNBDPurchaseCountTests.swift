import Foundation
import Testing
@testable import CustomerValue

/// P(X(t) = n) under the Pareto/NBD (Fader & Hardie 2006) checked by identities that hold for any
/// distribution of counts: the probabilities sum to 1, and their mean is E[X(t)] (note 009,
/// eq. 27, ``ParetoNBDModel/expectedPurchases(in:)``, a closed form computed independently).
@Suite struct ParetoNBDPurchaseCountTests {
    /// Fader & Hardie's CDNOW estimates (weeks), plus parameter sets with α < β, α > β, s < 1 and
    /// s > 1 (horizons where the count's tail is a few thousand terms at most).
    static let models: [ParetoNBDModel] = [
        try! ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669),
        try! ParetoNBDModel(r: 0.55, alpha: 30, s: 0.6, beta: 180),
        try! ParetoNBDModel(r: 2.5, alpha: 4, s: 1.7, beta: 0.5),
        try! ParetoNBDModel(r: 0.2, alpha: 2, s: 3, beta: 40),
    ]

    @Test(arguments: 0..<4, [1.0, 39, 78])
    func probabilitiesSumToOneWithTheMeanOfTheModel(model index: Int, t: Double) throws {
        let model = Self.models[index]
        var total = 0.0, mean = 0.0, tail = 1.0
        var n = 0
        // Sum until the tail left is negligible; the count has a heavy (NBD-like) tail for r < 1.
        while n < 20_000 {
            let p = try model.probabilityOfPurchases(n, in: t)
            #expect(p >= 0 && p <= 1, "P(X(\(t)) = \(n)) = \(p)")
            total += p
            mean += Double(n) * p
            tail = 1 - total
            if n > 10, p * Double(n) < 1e-13 { break }
            n += 1
        }
        #expect(abs(tail) < 1e-9, "Σ P = \(total) after \(n) terms")
        let expected = try model.expectedPurchases(in: t)
        #expect(abs(mean - expected) < 1e-7 * max(1, expected), "Σ n P = \(mean), E[X(t)] = \(expected)")
    }

    @Test func noTimeMeansNoPurchases() throws {
        let model = Self.models[0]
        #expect(try model.probabilityOfPurchases(0, in: 0) == 1)
        #expect(try model.probabilityOfPurchases(3, in: 0) == 0)
        #expect(throws: CustomerValueError.invalidParameter(name: "n", reason: "must be ≥ 0, got -1")) {
            try model.probabilityOfPurchases(-1, in: 5)
        }
    }
}
