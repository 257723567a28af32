import Testing
@testable import Risk

@Suite("RiskFeatureVector")
struct RiskFeatureVectorTests {
    @Test("columns follow the case order, missing is NaN, and NaN equals NaN")
    func columns() {
        var v = RiskFeatureVector()
        #expect(v.values.count == RiskFeature.allCases.count)
        #expect(RiskFeature.customerOrders1h.index == 0)
        #expect(RiskFeature.columnNames.first == "customerOrders1h")
        #expect(v[.orderAmount].isNaN)
        v[.orderAmount] = 120
        #expect(v.values[RiskFeature.orderAmount.index] == 120)
        #expect(v == v)
        #expect(v != RiskFeatureVector())
    }

    @Test("facts are cut to Shopify's 256 characters")
    func factLength() {
        let fact = RiskFact(description: String(repeating: "x", count: 300), sentiment: .negative, contribution: 1)
        #expect(fact.description.count == 256)
        #expect(RiskLevel.high > RiskLevel.medium && RiskLevel.low > RiskLevel.none)
    }
}
