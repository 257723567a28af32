/// Best sellers and trending items from basket counts over all time and per day.
///
/// Trending compares two windows of whole UTC days: the `window` days ending with the newest
/// basket's day against the `window` days before them. An item's score is the smoothed ratio
/// (recent + α) / (previous + α): the pseudo-count α keeps a new item with 3 sales ((3+5)/5 = 1.6)
/// below one going from 50 to 100 ((105)/(55) = 1.9). Items need `minimum` recent sales and a
/// ratio above 1. Baskets without a time count for best sellers only.
public struct Popularity: Sendable {
    /// Baskets holding each item, all time.
    public private(set) var totals: [Int32] = []
    /// Per day (seconds / 86,400, floored): baskets holding each item that day.
    private var days: [Int64: PartnerTable] = [:]
    /// Basket times with their multiplicity, so the newest is known after removals too.
    private var times: [Int64: Int32] = [:]
    /// The newest basket time (nil when no basket has a time).
    public private(set) var newestTime: Int64?

    public init() {}

    /// Items are `0..<itemCount`.
    public var itemCount: Int { totals.count }

    /// Makes room for items `0..<count` (never shrinks).
    public mutating func reserveItems(_ count: Int) {
        if count > totals.count { totals.append(contentsOf: repeatElement(0, count: count - totals.count)) }
    }

    /// The day of a time (seconds since 1970), floored for times before 1970 too.
    @inline(__always) static func day(_ time: Int64) -> Int64 {
        time >= 0 ? time / 86_400 : -((-time + 86_399) / 86_400)
    }

    /// Counts one basket.
    public mutating func add(items: [Int32], time: Int64?) { apply(items, time, 1) }

    /// Takes back one basket counted before.
    public mutating func remove(items: [Int32], time: Int64?) { apply(items, time, -1) }

    private mutating func apply(_ items: [Int32], _ time: Int64?, _ delta: Int32) {
        var top: Int32 = -1
        for item in items where item > top { top = item }
        reserveItems(Int(top) + 1)
        for item in items where item >= 0 { totals[Int(item)] = max(0, totals[Int(item)] + delta) }
        guard let time else { return }
        let d = Self.day(time)
        var table = days.removeValue(forKey: d) ?? PartnerTable()
        for item in items where item >= 0 { table.add(item, delta) }
        days[d] = table
        let n = (times[time] ?? 0) + delta
        if n > 0 {
            times[time] = n
            if delta > 0, newestTime.map({ time > $0 }) ?? true { newestTime = time }
        } else {
            times[time] = nil
            if time == newestTime { newestTime = times.keys.max() }
        }
    }

    /// Sales per item in the recent window and the one before it (both `window` seconds, rounded
    /// up to whole days), or nil without timed baskets.
    public func windows(_ window: Int64) -> (recent: [Int32], previous: [Int32])? {
        guard let newestTime else { return nil }
        let last = Self.day(newestTime)
        let width = max(1, (window + 86_399) / 86_400)
        var recent = [Int32](repeating: 0, count: itemCount), previous = recent
        for (d, table) in days where d > last - 2 * width && d <= last {
            if d > last - width {
                table.forEach { recent[Int($0)] += $1 }
            } else {
                table.forEach { previous[Int($0)] += $1 }
            }
        }
        return (recent, previous)
    }

    /// The `limit` best sellers, best first (ties: lower item); score and count are all-time baskets.
    public func popular(limit: Int) -> [Neighbour] {
        var list: [Neighbour] = []
        for (i, n) in totals.enumerated() where n > 0 {
            list.append(Neighbour(item: Int32(i), score: Double(n), count: Int(n)))
        }
        return Neighbour.best(list, limit: limit)
    }

    /// The `limit` most trending items, best first; score is the smoothed ratio, count the recent sales.
    public func trending(window: Int64, smoothing α: Double, minimum: Int, limit: Int) -> [Neighbour] {
        guard let (recent, previous) = windows(window) else { return [] }
        var list: [Neighbour] = []
        for i in recent.indices where recent[i] > 0 && Int(recent[i]) >= minimum {
            let ratio = (Double(recent[i]) + α) / (Double(previous[i]) + α)
            if ratio > 1 { list.append(Neighbour(item: Int32(i), score: ratio, count: Int(recent[i]))) }
        }
        return Neighbour.best(list, limit: limit)
    }
}
