import Foundation
@testable import Risk
import TestSupport

/// Synthetic fraud data for the model tests: fraud odds rise steeply with one chosen feature,
/// the other features are noise.
enum RiskTestData {
    /// `count` vectors over every `RiskFeature` column; fraud when `driver` + noise is large.
    static func examples(count: Int, seed: UInt64, driver: RiskFeature = .amountToCustomerMean,
                         start: Date = Date(timeIntervalSince1970: 1_700_000_000), spacing: TimeInterval = 3600) -> [RiskExample] {
        var rng = SplitMix(seed: seed)
        return (0..<count).map { i in
            var v = RiskFeatureVector()
            for f in RiskFeature.allCases { v[f] = (rng.uniform() * 4).rounded(.down) }
            let x = rng.uniform() * 10
            v[driver] = x
            // Rules stay quiet on this data (their features are held at zero).
            for f in [RiskFeature.avsMismatch, .cvvMismatch, .failedPaymentAttempts, .cardDistinctCustomers7d, .cardOrders1h,
                      .ipDistinctCustomers24h, .newCustomerHighValue, .refundWithoutMatchingSale, .staffRefunds24h,
                      .manualDiscountShare, .staffDiscountOverrides24h, .customerGiftCardPurchases24h, .staffGiftCardSales24h] { v[f] = 0 }
            let fraud = x + rng.uniform() * 2 > 9.5
            return RiskExample(features: v, fraud: fraud, at: start.addingTimeInterval(Double(i) * spacing))
        }
    }
}
