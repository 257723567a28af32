import Commerce
import Forecasting

/// Builds the global model's `GlobalPanel` from one shop's dense, censored-imputed histories.
///
/// - Day axis: every shop-local day from the earliest history start through the as-of day, then
///   `horizon` days. A series that started selling later is zero-padded before its first sale;
///   the global model reads days before a series' first sale as "not yet listed", not as zero
///   demand (`GlobalSeriesStatistics`), so the padding adds no false zeros.
/// - Calendar: weekday (ISO, Monday = 1), month and day of month of the civil date; the demand
///   projection knows no events or regional flags, so `event`/`eventType` are 0 and there are no
///   region flags.
/// - Prices: the unit price (revenue / units) on days with sales, carried forward over later
///   days (the horizon keeps the last one) and backward over the days before the first known
///   price; `.nan` throughout when no price is known.
/// - Groups: `product`, `location`, `productType` and `vendor`. Product and location codes number
///   the distinct ids in ascending order from 0 (a variant of unknown product counts as a product
///   of its own, ordered before the known ones); product type and vendor codes are 0 for unknown
///   (nil or empty) and number the names from 1 in sorted order.
///
/// ```swift
/// let panel = try ShopPanelBuilder(asOf: asOf, horizon: 28).panel(inputs)
/// let result = try GlobalModel().forecast(panel, levels: [80, 95])
/// ```
public struct ShopPanelBuilder: Sendable {
    /// One variant × location of the shop.
    public struct Input: Sendable {
        public var variantID: Int64
        public var locationID: Int64
        /// Through the as-of day (`history.endDay == asOf.dayNumber`).
        public var history: DemandHistory
        /// Unit price (any currency unit, consistently) by day number, on days with sales.
        public var unitPrices: [Int: Double]
        public var productID: Int64?
        public var productType: String?
        public var vendor: String?

        public init(
            variantID: Int64, locationID: Int64, history: DemandHistory, unitPrices: [Int: Double] = [:],
            productID: Int64? = nil, productType: String? = nil, vendor: String? = nil
        ) {
            self.variantID = variantID; self.locationID = locationID; self.history = history; self.unitPrices = unitPrices
            self.productID = productID; self.productType = productType; self.vendor = vendor
        }

        /// The panel series id, "variant@location".
        public var id: String { "\(variantID)@\(locationID)" }
    }

    /// What each group code means, in `GlobalPanel.Series.groups` order.
    public static let groupNames = ["product", "location", "productType", "vendor"]

    /// The last history day.
    public var asOf: CivilDate
    /// Days after `asOf` the calendar and prices cover.
    public var horizon: Int

    public init(asOf: CivilDate, horizon: Int) {
        self.asOf = asOf
        self.horizon = horizon
    }

    /// The panel of `inputs`, in input order; throws when there are none, a history does not end
    /// on the as-of day, or the panel is invalid (`GlobalPanel.validate()`).
    public func panel(_ inputs: [Input]) throws -> GlobalPanel {
        guard let start = inputs.map(\.history.startDay).min() else { throw ForecastError.emptySeries }
        guard horizon >= 0 else { throw ForecastError.invalidHorizon(horizon) }
        let end = asOf.dayNumber
        for input in inputs where input.history.endDay != end {
            throw ForecastError.invalidParameter(
                name: "\(input.id).history", reason: "ends on \(CivilDate(dayNumber: input.history.endDay)), not the as-of day \(asOf)")
        }
        let historyLength = end - start + 1
        let days = (0..<(historyLength + horizon)).map { Self.calendarDay(CivilDate(dayNumber: start + $0)) }

        // A variant of unknown product is a product of its own, keyed below every known id.
        let products = Self.codes(inputs.map { $0.productID.map(ProductKey.product) ?? .variant($0.variantID) })
        let locations = Self.codes(inputs.map(\.locationID))
        let types = Self.codes(inputs.map { $0.productType ?? "" }, unknown: "")
        let vendors = Self.codes(inputs.map { $0.vendor ?? "" }, unknown: "")

        let series = inputs.enumerated().map { i, input -> GlobalPanel.Series in
            var sales = [Double](repeating: 0, count: historyLength)
            let offset = input.history.startDay - start
            sales.replaceSubrange(offset..<historyLength, with: input.history.values)
            return GlobalPanel.Series(
                id: input.id, sales: sales, prices: Self.prices(input.unitPrices, start: start, count: days.count),
                groups: [products[i], locations[i], types[i], vendors[i]])
        }
        let panel = GlobalPanel(days: days, series: series, groupNames: Self.groupNames, historyLength: historyLength)
        try panel.validate()
        return panel
    }

    /// The ISO weekday of a civil date: Monday = 1 … Sunday = 7.
    public static func weekday(_ date: CivilDate) -> Int {
        // Day 0 (1970-01-01) was a Thursday, ISO weekday 4; the double modulo handles earlier days.
        ((date.dayNumber + 3) % 7 + 7) % 7 + 1
    }

    /// The calendar features of one civil date.
    static func calendarDay(_ date: CivilDate) -> GlobalPanel.Day {
        GlobalPanel.Day(dayOfWeek: weekday(date), month: date.month, dayOfMonth: date.day)
    }

    /// Daily prices over `count` days from day number `start`: known prices carried forward,
    /// the first one also backward; `.nan` when none is known. Non-positive or non-finite
    /// prices (refund-only revenue, say) are ignored.
    static func prices(_ known: [Int: Double], start: Int, count: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: count)
        var last = Double.nan
        for t in 0..<count {
            if let p = known[start + t], p.isFinite, p > 0 { last = p }
            out[t] = last
        }
        if let first = out.firstIndex(where: { !$0.isNaN }) {
            for t in 0..<first { out[t] = out[first] }
        }
        return out
    }

    /// A product group: the variant's product, or the variant alone when its product is unknown.
    enum ProductKey: Hashable, Comparable {
        case variant(Int64)
        case product(Int64)
    }

    /// Small integer codes for `keys`: distinct keys in ascending order from 0, or with
    /// `unknown` given, that key as 0 and the others from 1.
    static func codes<Key: Hashable & Comparable>(_ keys: [Key], unknown: Key? = nil) -> [Int] {
        var distinct = Set(keys)
        if let unknown { distinct.remove(unknown) }
        let base = unknown == nil ? 0 : 1
        let code = Dictionary(uniqueKeysWithValues: distinct.sorted().enumerated().map { ($1, $0 + base) })
        return keys.map { code[$0] ?? 0 }
    }
}
