/// An item proposed by a signal before merchant rules are applied.
public struct Candidate: Sendable, Equatable {
    public var item: Int32
    /// Blended score across signals; higher first.
    public var score: Double
    /// The strongest signal behind it.
    public var reason: Reason

    public init(item: Int32, score: Double, reason: Reason) {
        self.item = item; self.score = score; self.reason = reason
    }
}
