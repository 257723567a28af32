import Foundation

/// Exponential backoff for failed jobs: attempt n waits `min(cap, base · 2^(n−1))` seconds, so
/// a flaky dependency is retried soon while a persistent failure backs off to the cap instead of
/// hammering the shop's data or the worker.
///
/// ```swift
/// let backoff = RetryBackoff(baseSeconds: 30, capSeconds: 3600)
/// backoff.delay(attempt: 3)   // 120
/// ```
public struct RetryBackoff: Sendable, Hashable {
    public var baseSeconds: Double
    public var capSeconds: Double

    public init(baseSeconds: Double, capSeconds: Double) {
        self.baseSeconds = baseSeconds; self.capSeconds = capSeconds
    }

    /// Seconds to wait after the `attempt`-th failed attempt (1-based; values below 1 count as 1).
    public func delay(attempt: Int) -> Double {
        let n = max(1, attempt)
        // 2^(n−1) overflows nothing as a Double, but stop early once the cap is reached so a
        // huge attempt count stays cheap and exact.
        var delay = baseSeconds
        var step = 1
        while step < n, delay < capSeconds {
            delay *= 2
            step += 1
        }
        return min(capSeconds, delay)
    }

    /// When a job that failed its `attempt`-th attempt at `now` runs again.
    public func retryAt(attempt: Int, now: Date) -> Date {
        now.addingTimeInterval(delay(attempt: attempt))
    }
}
