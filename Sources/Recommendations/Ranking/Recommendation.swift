/// One shown recommendation: the item, its final score, why, and where it is placed.
public struct Recommendation: Sendable, Equatable {
    public var item: Int32
    /// The blended score after the margin boost (for a pin: its blended score, or 0 when no signal proposed it).
    public var score: Double
    public var reason: Reason
    /// 1-based place in the list as shown.
    public var position: Int

    public init(item: Int32, score: Double, reason: Reason, position: Int) {
        self.item = item; self.score = score; self.reason = reason; self.position = position
    }
}
