import Risk
import Testing

@Suite("RiskFeature words")
struct RiskFeatureWordsTests {
    @Test("every feature has a title and a phrase that carries its number (yes/no features read both ways)")
    func everyFeature() {
        for feature in RiskFeature.allCases {
            #expect(!feature.title.isEmpty, "\(feature)")
            #expect(!feature.phrase(.nan).isEmpty, "\(feature)")
            if feature.isFlag {
                #expect(!feature.phrase(1).isEmpty && feature.phrase(1) != feature.phrase(0), "\(feature)")
            } else if feature.rawValue.hasSuffix("Share") || feature == .customerRefundRate90d {
                // Shares read as percentages: 0.25 → "25 %".
                #expect(feature.phrase(0.25).contains("25 %"), "\(feature): \(feature.phrase(0.25))")
            } else {
                #expect(feature.phrase(6).contains("6"), "\(feature): \(feature.phrase(6))")
                #expect(feature.phrase(1).contains("1"), "\(feature): \(feature.phrase(1))")
            }
        }
    }

    @Test("sentences a store associate understands")
    func examples() {
        #expect(RiskFeature.cardOrders1h.phrase(6) == "6 earlier orders with this card in the last hour")
        #expect(RiskFeature.ipOrders24h.phrase(1) == "1 earlier order from this IP address in the last 24 hours")
        #expect(RiskFeature.amountToCustomerMean.phrase(4.25) == "The amount is 4.3 times this customer's usual order")
        #expect(RiskFeature.staffRefunds24h.phrase(5) == "5 refunds by this staff member in the last 24 hours")
        #expect(RiskFeature.manualDiscountShare.phrase(0.5) == "A manual price override of 50 % of the price")
        #expect(RiskFeature.avsMismatch.phrase(1) == "The billing address does not match the card's address")
        #expect(RiskFeature.cvvMismatch.phrase(.nan) == "Card security code check: not known")
        #expect(RiskFeature.discountShare.phrase(0.005) == "Discounts are 0.5 % of the price")
    }
}
