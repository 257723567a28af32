import Monitoring
import Testing

@Suite struct FeatureColumnTests {
    @Test func countsRowsOfEitherType() {
        #expect(FeatureColumn.numerical("x", [1, 2, 3]).count == 3)
        #expect(FeatureColumn.categorical("c", ["a"]).count == 1)
    }
}
