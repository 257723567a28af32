/// The client's model of Shopify's leaky bucket (pure: times are passed in, in seconds on any monotonic clock).
///
/// Shopify charges a query's *requested* cost up front and refunds the difference to the actual cost;
/// the bucket refills at `restoreRate` points per second up to `maximumAvailable`. The model starts from
/// each response's `throttleStatus` and the time it was seen, and `reserve` subtracts what the client is
/// about to spend, so concurrent requests pace each other (the level may go negative: a debt that the
/// restore rate pays off before the next request may go).
///
/// ```swift
/// var bucket = CostBucket()
/// bucket.observe(ThrottleStatus(maximumAvailable: 50, currentlyAvailable: 8, restoreRate: 10), at: 0)
/// bucket.reserve(12, at: 0)   // 0.4: wait 0.4 s for the 4 missing points
/// ```
public struct CostBucket: Sendable, Hashable {
    /// Bucket size in points; nil until the first response is seen.
    public private(set) var maximumAvailable: Double?
    /// Points restored per second; nil until the first response is seen.
    public private(set) var restoreRate: Double?
    /// Points available at `observedAt` (negative after reservations that outran the bucket).
    public private(set) var level: Double
    public private(set) var observedAt: Double

    public init() {
        maximumAvailable = nil; restoreRate = nil; level = 0; observedAt = 0
    }

    /// True once a `throttleStatus` has been seen (before that the client sends without waiting).
    public var isKnown: Bool { maximumAvailable != nil && restoreRate != nil }

    /// The points the bucket holds at `now`: the last level plus what was restored since, capped at the size.
    public func available(at now: Double) -> Double {
        guard let maximum = maximumAvailable, let rate = restoreRate else { return .infinity }
        return min(maximum, level + max(0, now - observedAt) * rate)
    }

    /// Seconds from `now` until the bucket holds `cost` points (0 when it already does or is unknown).
    public func waitTime(for cost: Double, at now: Double) -> Double {
        guard let rate = restoreRate, isKnown else { return 0 }
        let missing = cost - available(at: now)
        guard missing > 0 else { return 0 }
        return rate > 0 ? missing / rate : .infinity
    }

    /// Takes `cost` points for a request about to be sent at `now` and returns the seconds to wait first.
    @discardableResult
    public mutating func reserve(_ cost: Double, at now: Double) -> Double {
        guard isKnown else { return 0 }
        let wait = waitTime(for: cost, at: now)
        level = available(at: now) - cost
        observedAt = now
        return wait
    }

    /// Resets the model from Shopify's own report, seen at `now` (Shopify's number wins over the estimate).
    public mutating func observe(_ status: ThrottleStatus, at now: Double) {
        maximumAvailable = status.maximumAvailable
        restoreRate = status.restoreRate
        level = status.currentlyAvailable
        observedAt = now
    }
}
