import Optimization
import Testing

@Suite struct MinimizerTests {
    /// Rosenbrock's banana valley has its minimum 0 at (1, 1) (Rosenbrock 1960).
    @Test(arguments: [Minimizer.Algorithm.nelderMead, .subplex, .bobyqa])
    func findsRosenbrockMinimum(algorithm: Minimizer.Algorithm) throws {
        let m = Minimizer(algorithm: algorithm, lower: [-2, -2], upper: [2, 2], relativeTolerance: 1e-10, maxEvaluations: 20_000)
        let best = try m.minimize({ x in
            let a = 1 - x[0], b = x[1] - x[0] * x[0]
            return a * a + 100 * b * b
        }, from: [-1.2, 1])
        #expect(abs(best.x[0] - 1) < 1e-4)
        #expect(abs(best.x[1] - 1) < 1e-4)
        #expect(best.value < 1e-8)
    }

    /// A minimum outside the box is found on the bound: (x − 3)² on [0, 1] is smallest at x = 1.
    @Test func respectsBounds() throws {
        let m = Minimizer(algorithm: .nelderMead, lower: [0], upper: [1])
        let best = try m.minimize({ x in (x[0] - 3) * (x[0] - 3) }, from: [0.5])
        #expect(abs(best.x[0] - 1) < 1e-6)
        #expect(abs(best.value - 4) < 1e-5)
    }

    @Test func rejectsMismatchedBounds() {
        let m = Minimizer(lower: [0, 0], upper: [1])
        #expect(throws: OptimizationError.dimensionMismatch(start: 2, lower: 2, upper: 1)) {
            try m.minimize({ _ in 0 }, from: [0.5, 0.5])
        }
    }
}
