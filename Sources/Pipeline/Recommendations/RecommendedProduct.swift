/// One recommended product as served: what a theme needs to render it and why it is there.
public struct RecommendedProduct: Sendable, Equatable, Encodable {
    public var productID: Int64
    public var title: String
    public var handle: String?
    public var productType: String?
    public var vendor: String?
    /// Lowest variant price, in minor units of `currency`.
    public var priceMinor: Int64
    public var currency: String
    /// Units available over all locations; nil when the shop does not track its stock.
    public var available: Int?
    public var position: Int
    public var score: Double
    /// The signal behind it (`bought_together`, `also_bought`, `complete_the_look`, `buy_again`,
    /// `trending`, `popular`, `pinned`).
    public var signal: String
    /// The evidence count for that signal.
    public var evidence: Int
    /// The reason in words ("Bought together with Dripper 123 times").
    public var reason: String

    public init(productID: Int64, title: String, handle: String?, productType: String?, vendor: String?, priceMinor: Int64,
                currency: String, available: Int?, position: Int, score: Double, signal: String, evidence: Int, reason: String) {
        self.productID = productID; self.title = title; self.handle = handle; self.productType = productType
        self.vendor = vendor; self.priceMinor = priceMinor; self.currency = currency; self.available = available
        self.position = position; self.score = score; self.signal = signal; self.evidence = evidence; self.reason = reason
    }
}
