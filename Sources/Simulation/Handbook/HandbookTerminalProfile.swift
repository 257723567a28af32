/// One simulated merchant terminal: a location on the 100 × 100 square (spec §3.2).
public struct HandbookTerminalProfile: Sendable, Hashable {
    public let id: Int
    public let x: Double
    public let y: Double

    public init(id: Int, x: Double, y: Double) {
        self.id = id
        self.x = x
        self.y = y
    }
}
