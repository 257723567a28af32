/// Why an item is recommended, short enough to show under it ("bought together 123 times").
public struct Reason: Sendable, Equatable, Hashable {
    public var kind: SignalKind
    /// The evidence count (co-purchases, shared customers, the customer's own purchases, sales).
    public var count: Int
    /// The seed item the evidence is about (the product on the page, a cart item), when any.
    public var anchor: Int32?

    public init(kind: SignalKind, count: Int, anchor: Int32? = nil) {
        self.kind = kind; self.count = count; self.anchor = anchor
    }

    /// The reason in words; `name` names the anchor item.
    public func text(naming name: (Int32) -> String) -> String {
        let times = count == 1 ? "once" : "\(count) times"
        switch kind {
        case .boughtTogether:
            if let anchor { return "Bought together with \(name(anchor)) \(times)" }
            return "Bought together \(times)"
        case .alsoBought:
            let people = count == 1 ? "1 customer" : "\(count) customers"
            if let anchor { return "\(people) who bought \(name(anchor)) also bought this" }
            return "\(people) also bought this"
        case .completeTheLook:
            if let anchor { return "Goes with \(name(anchor))" }
            return "Completes the look"
        case .buyAgain: return "You bought this \(times)"
        case .trending: return "Trending: \(count) sold recently"
        case .popular: return "Best seller: \(count) orders"
        case .pinned: return "Recommended by the shop"
        }
    }
}
