import Foundation

/// Settings of `RiskFeatureState`: what counts as high value, night, express shipping, and how
/// long history is kept. Missing keys decode to the defaults, so a stored settings file keeps
/// working when an option is added.
public struct RiskFeatureOptions: Sendable, Codable, Hashable {
    /// A first order is "high value" at or above this multiple of the shop's median order total.
    public var highValueMultiple: Double
    /// The shop's offset from UTC, for `placedAtNight` (orders carry instants, not local times).
    public var utcOffsetSeconds: Int
    /// The last local hour (inclusive) that counts as night: hours 0 … `nightLastHour`.
    /// 6 as in the Fraud Detection Handbook (`hour ≤ 6`, 00:00–06:59).
    public var nightLastHour: Int
    /// History older than this before the newest `prune(before:)` date is dropped.
    public var retention: TimeInterval
    /// How many of the shop's most recently recorded order totals the running median uses.
    public var shopMedianWindow: Int
    /// Lower-case words that mark a shipping line (title or code) as express.
    public var expressShippingWords: [String]

    public init(
        highValueMultiple: Double = 3, utcOffsetSeconds: Int = 0, nightLastHour: Int = 6,
        retention: TimeInterval = 90 * 86_400, shopMedianWindow: Int = 1_000,
        expressShippingWords: [String] = RiskFeatureOptions.defaultExpressShippingWords
    ) {
        self.highValueMultiple = highValueMultiple; self.utcOffsetSeconds = utcOffsetSeconds
        self.nightLastHour = nightLastHour; self.retention = retention
        self.shopMedianWindow = max(1, shopMedianWindow); self.expressShippingWords = expressShippingWords
    }

    /// Rate names merchants and carriers use for faster-than-standard delivery.
    public static let defaultExpressShippingWords = [
        "express", "overnight", "next day", "next-day", "nextday", "priority", "2-day", "two-day", "2 day",
        "same day", "same-day", "rush", "expedited",
    ]

    private enum CodingKeys: String, CodingKey {
        case highValueMultiple, utcOffsetSeconds, nightLastHour, retention, shopMedianWindow, expressShippingWords
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RiskFeatureOptions()
        self.init(
            highValueMultiple: try c.decodeIfPresent(Double.self, forKey: .highValueMultiple) ?? d.highValueMultiple,
            utcOffsetSeconds: try c.decodeIfPresent(Int.self, forKey: .utcOffsetSeconds) ?? d.utcOffsetSeconds,
            nightLastHour: try c.decodeIfPresent(Int.self, forKey: .nightLastHour) ?? d.nightLastHour,
            retention: try c.decodeIfPresent(TimeInterval.self, forKey: .retention) ?? d.retention,
            shopMedianWindow: try c.decodeIfPresent(Int.self, forKey: .shopMedianWindow) ?? d.shopMedianWindow,
            expressShippingWords: try c.decodeIfPresent([String].self, forKey: .expressShippingWords)
                ?? d.expressShippingWords)
    }
}
