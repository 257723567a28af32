@testable import Simulation
import Testing

/// The numpy and CPython generator ports against the libraries themselves.
///
/// Expected values were produced once with numpy 2.4.6 (`np.random.RandomState`) and CPython 3.11.7
/// (`random`), e.g. `np.random.RandomState(0).random_sample(3)`, `random.seed(9); random.sample(range(30), 10)`.
@Suite("Handbook random generators")
struct HandbookRandomTests {
    @Test("numpy legacy: double, uniform, normal (polar, cached second deviate)")
    func numpyContinuous() {
        var a = NumpyLegacyRandom(seed: 0)
        #expect((0..<3).map { _ in a.double() } == [0.5488135039273248, 0.7151893663724195, 0.6027633760716439])
        var b = NumpyLegacyRandom(seed: 0)
        #expect((0..<3).map { _ in b.uniform(5, 100) } == [57.13728287309585, 72.94298980537985, 62.262520726806166])
        var c = NumpyLegacyRandom(seed: 0)
        #expect((0..<3).map { _ in c.normal(43_200, 20_000) } == [78481.04691935328, 51203.144167344464, 62774.75968211479])
    }

    @Test("numpy legacy: poisson (multiplication method) and permutation (masked Fisher–Yates)")
    func numpyDiscrete() {
        var a = NumpyLegacyRandom(seed: 7)  // RandomState(7).poisson(2.5) ten times
        #expect((0..<10).map { _ in a.poisson(2.5) } == [0, 5, 0, 3, 1, 2, 2, 3, 2, 3])
        var b = NumpyLegacyRandom(seed: 3)  // RandomState(3).permutation(10)
        #expect(b.permutation(10) == [5, 4, 1, 2, 9, 6, 7, 0, 3, 8])
        var c = NumpyLegacyRandom(seed: 5)  // RandomState(5).permutation(10000)[:4]
        #expect(Array(c.permutation(10_000).prefix(4)) == [7054, 442, 3954, 2288])
        var d = NumpyLegacyRandom(seed: 1)
        #expect(d.poisson(0) == 0)
    }

    @Test("CPython: init_by_array seeding and getrandbits")
    func pythonBits() {
        var a = PythonRandom(seed: 0)  // random.seed(0); random.getrandbits(32) × 3
        #expect((0..<3).map { _ in a.getrandbits(32) } == [3_626_764_237, 1_654_615_998, 3_255_389_356])
        var b = PythonRandom(seed: 12_345_678_901)  // a two-word key
        #expect((0..<2).map { _ in b.getrandbits(32) } == [4_063_089_813, 2_562_312_935])
    }

    @Test("CPython: choice and sample (pool and set branches)")
    func pythonChoices() {
        let range75 = Array(0..<75)
        var a = PythonRandom(seed: 4)  // random.seed(4); random.choice(list(range(75))) × 8
        #expect((0..<8).map { _ in a.choice(range75) } == [30, 38, 13, 50, 61, 19, 11, 8])
        var b = PythonRandom(seed: 9)  // n = 30 ≤ setsize 85: pool
        #expect(b.sample(Array(0..<30), 10) == [14, 19, 11, 8, 4, 5, 21, 0, 10, 16])
        var c = PythonRandom(seed: 9)  // n = 1000 > 85: set
        #expect(c.sample(Array(0..<1000), 10) == [474, 627, 382, 273, 141, 190, 887, 692, 6, 346])
        var d = PythonRandom(seed: 9)  // k = 5 keeps setsize 21; n = 23 > 21: set
        #expect(d.sample(Array(0..<23), 5) == [14, 19, 11, 8, 4])
    }
}
