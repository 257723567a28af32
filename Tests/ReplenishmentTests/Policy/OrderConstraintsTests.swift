import Testing
@testable import Replenishment

@Suite("OrderConstraints")
struct OrderConstraintsTests {
    /// 13 with pack 12 → ⌈13/12⌉·12 = 2·12 = 24; 24 stays 24; 1 → 12.
    @Test func roundsUpToTheCasePack() {
        let c = OrderConstraints(casePack: 12)
        #expect(c.round(13) == 24)
        #expect(c.round(24) == 24)
        #expect(c.round(1) == 12)
        #expect(c.rounded(13).notes == ["rounded 13 → 24 (case pack 12)"])
    }

    /// 5 with MOQ 30 and pack 12: 5 → 12 (pack), 12 < 30 → MOQ rounded to the pack ⌈30/12⌉·12 = 36.
    /// Without a pack: 5 → 30. 40 is above the MOQ and stays 40.
    @Test func raisesToTheMinimumOrderQuantity() {
        #expect(OrderConstraints(casePack: 12, minimumOrderQuantity: 30).round(5) == 36)
        #expect(OrderConstraints(minimumOrderQuantity: 30).round(5) == 30)
        #expect(OrderConstraints(minimumOrderQuantity: 30).round(40) == 40)
    }

    /// Nothing wanted → nothing ordered, whatever the pack or MOQ.
    @Test func zeroStaysZero() {
        let c = OrderConstraints(casePack: 12, minimumOrderQuantity: 30)
        #expect(c.round(0) == 0)
        #expect(c.round(-3) == 0)
    }

    @Test func invalidConstraintsNameTheField() {
        expectInvalidParameter("casePack") { try OrderConstraints(casePack: 0).validate() }
        expectInvalidParameter("minimumOrderQuantity") { try OrderConstraints(minimumOrderQuantity: -1).validate() }
        expectInvalidParameter("minimumStock") { try OrderConstraints(minimumStock: -2).validate() }
        expectInvalidParameter("maximumStock") { try OrderConstraints(maximumStock: -2).validate() }
        expectInvalidParameter("reorderPointOverride") { try OrderConstraints(reorderPointOverride: -1).validate() }
    }
}
