/// Where a recommendation comes from; stored with neighbour lists and shown as the reason.
public enum SignalKind: String, Sendable, CaseIterable, Codable {
    /// Bought in the same order (co-purchase lift with shrinkage).
    case boughtTogether = "bought_together"
    /// Bought by the same customers, in any order (item-to-item similarity of histories).
    case alsoBought = "also_bought"
    /// Goes with it by product type or collection (type-level co-purchase).
    case completeTheLook = "complete_the_look"
    /// The customer buys it again and again.
    case buyAgain = "buy_again"
    /// Sells more now than before.
    case trending
    /// Among the shop's best sellers (the fallback).
    case popular
    /// Placed by the merchant.
    case pinned
}
