/// The answer to a `RecommendationQuery`, as logged and returned.
public struct RecommendationResponse: Sendable, Equatable {
    public var requestID: String
    /// The neighbour lists' version (`r12` after a full build, `r12.3` after incremental updates),
    /// or `none` when the shop has no model yet and only best sellers could be served.
    public var modelVersion: String
    public var surface: String
    public var products: [RecommendedProduct]

    public init(requestID: String, modelVersion: String, surface: String, products: [RecommendedProduct]) {
        self.requestID = requestID; self.modelVersion = modelVersion; self.surface = surface; self.products = products
    }
}
