/// `extensions.cost` of an Admin GraphQL response.
public struct QueryCost: Sendable, Hashable, Codable {
    public var requestedQueryCost: Int
    public var actualQueryCost: Int?
    public var throttleStatus: ThrottleStatus

    public init(requestedQueryCost: Int, actualQueryCost: Int?, throttleStatus: ThrottleStatus) {
        self.requestedQueryCost = requestedQueryCost; self.actualQueryCost = actualQueryCost; self.throttleStatus = throttleStatus
    }
}

/// The leaky bucket as Shopify reports it: points available now, the size, and points restored per second.
public struct ThrottleStatus: Sendable, Hashable, Codable {
    public var maximumAvailable: Double
    public var currentlyAvailable: Double
    public var restoreRate: Double

    public init(maximumAvailable: Double, currentlyAvailable: Double, restoreRate: Double) {
        self.maximumAvailable = maximumAvailable; self.currentlyAvailable = currentlyAvailable; self.restoreRate = restoreRate
    }
}
