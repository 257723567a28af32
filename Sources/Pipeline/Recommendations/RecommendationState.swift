import Foundation
import Recommendations
import Storage

/// A shop's trained counts kept in memory between runs, so orders that arrive later update the
/// neighbour lists of the products they touch instead of re-reading the whole history.
public struct RecommendationState: Sendable {
    public let shopID: Int64
    var trainer: RecommendationTrainer
    /// Dense index ↔ Shopify product id (catalog products first, then products seen only in orders).
    var products: ItemVocabulary<Int64>
    var customers: ItemVocabulary<Int64>
    /// Product types as groups for "complete the look" and diversity.
    var productTypes: ItemVocabulary<String>
    /// The last order read.
    var cursor: BasketCursor?
    /// The full run this state was built by, and how many incremental runs followed it.
    public private(set) var fullRun: RecommendationRun
    public internal(set) var increments: Int
    public internal(set) var latestRun: RecommendationRun
    public let builtAt: Date

    init(shopID: Int64, trainer: RecommendationTrainer, products: ItemVocabulary<Int64>, customers: ItemVocabulary<Int64>,
         productTypes: ItemVocabulary<String>, cursor: BasketCursor?, fullRun: RecommendationRun, builtAt: Date) {
        self.shopID = shopID; self.trainer = trainer; self.products = products; self.customers = customers
        self.productTypes = productTypes; self.cursor = cursor; self.fullRun = fullRun; self.increments = 0
        self.latestRun = fullRun; self.builtAt = builtAt
    }
}
