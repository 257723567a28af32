import Commerce
import CustomerValue
import Foundation
import Logging
import Storage

/// Scores a shop's customers and stores the run: reads every order (online and POS, joined to
/// one customer by ``CustomerIdentityResolver``), builds buy-till-you-die summaries in days,
/// checks the model on a holdout (the last `holdoutDays` hidden, predicted from the rest),
/// fits the purchase and spend models on the whole history, scores every customer (P(alive),
/// churn risk, expected purchases in the horizon, CLV, RFM segment) and saves run and scores in
/// one transaction.
///
/// ```swift
/// let run = try await CustomerScoringJob(store: store).run(shopID: shop.id)
/// ```
public struct CustomerScoringJob: Sendable {
    public typealias Store = CustomerValueStore & ShopStore & EventLog

    public struct Options: Sendable, Hashable {
        public var model: PurchaseModelKind = .bgnbd
        /// L2 penalty on the model parameters (lifetimes' `penalizer_coef`; 0.001–0.1 helps small shops).
        public var penalizer = 0.0
        /// Days ahead for "expected purchases" (90: the usual win-back window).
        public var horizonDays = 90
        public var clvMonths = 12
        public var monthlyDiscountRate = 0.01
        /// Days hidden for the holdout check (0: none). Skipped when the history is too short.
        public var holdoutDays = 90
        /// Customers with a counted order the fit needs.
        public var minimumCustomers = 10
        public var keepRuns = 20
        public var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// Score as of this shop-local day ("YYYY-MM-DD"); default: today in the shop's time zone.
        public var asOfDay: String?

        public init() {}

        public func validate() throws {
            func check(_ ok: Bool, _ name: String, _ reason: String) throws {
                if !ok { throw CustomerScoringJobError.invalidOption(name: name, reason: reason) }
            }
            try check(penalizer.isFinite && penalizer >= 0, "penalizer", "must be a finite number ≥ 0, got \(penalizer)")
            try check(horizonDays >= 1, "horizonDays", "must be at least 1, got \(horizonDays)")
            try check((1...120).contains(clvMonths), "clvMonths", "must be in 1...120, got \(clvMonths)")
            try check(monthlyDiscountRate.isFinite && monthlyDiscountRate >= 0 && monthlyDiscountRate < 1, "monthlyDiscountRate",
                      "must be in [0, 1), got \(monthlyDiscountRate)")
            try check(holdoutDays >= 0, "holdoutDays", "must be ≥ 0, got \(holdoutDays)")
            try check(minimumCustomers >= 2, "minimumCustomers", "must be at least 2, got \(minimumCustomers)")
            try check(keepRuns >= 1, "keepRuns", "must be at least 1, got \(keepRuns)")
            try check(threads >= 1, "threads", "must be at least 1, got \(threads)")
            if let asOfDay { try check(CivilDate(asOfDay) != nil, "asOfDay", "must be a YYYY-MM-DD date, got \"\(asOfDay)\"") }
        }
    }

    let store: any Store
    var options: Options
    let logger: Logger

    public init(store: any Store, options: Options = Options(), logger: Logger = Logger(label: "storewise.customers")) {
        self.store = store
        self.options = options
        self.logger = logger
    }

    /// Scores the shop and stores the run. `progress` hears each step as it starts.
    @discardableResult
    public func run(shopID: Int64, now: Date = Date(), progress: @Sendable (String) -> Void = { _ in }) async throws -> CustomerValueRun {
        try options.validate()
        let started = ContinuousClock.now
        let eventCount = try await store.eventCount(shopID: shopID)
        progress("reading orders")
        let (history, asOf) = try await readHistory(shopID: shopID, now: now)

        progress("checking on a \(options.holdoutDays)-day holdout")
        let holdout = try holdoutCheck(history, asOf: asOf)

        progress("fitting \(options.model.title) and Gamma-Gamma on \(history.countedCustomers) customers")
        let summaries = try Self.summaries(history.transactions, through: asOf)
        let model: CustomerValueModel
        do {
            model = try CustomerValueModel.fit(summaries, kind: options.model, unitDays: 1, meanOrderValue: history.meanOrderValue,
                                               penalizer: options.penalizer)
        } catch {
            throw CustomerScoringJobError.modelFailed(reason: "\(error)")
        }

        progress("scoring \(summaries.count) customers")
        let spend = summaries.map { Double(history.customers[Int64($0.customerID) ?? 0]?.spendMinor ?? 0) }
        let scorer = CustomerScorer(horizonDays: Double(options.horizonDays), clvMonths: options.clvMonths,
                                    monthlyDiscountRate: options.monthlyDiscountRate, threads: options.threads)
        let scores: [CustomerScore]
        do { scores = try scorer.score(summaries, spend: spend, model: model) } catch {
            throw CustomerScoringJobError.modelFailed(reason: "\(error)")
        }
        let rowsToSave = zip(summaries, scores).compactMap { summary, score -> CustomerScoreRow? in
            guard let id = Int64(summary.customerID), let facts = history.customers[id] else { return nil }
            return CustomerScoreRow(
                customerID: id, orders: facts.orders, onlineOrders: facts.onlineOrders, posOrders: facts.posOrders,
                frequency: summary.summary.frequency, recencyDays: summary.summary.recency, ageDays: summary.summary.age,
                firstOrderDay: CivilDate(dayNumber: facts.firstDay).description, lastOrderDay: CivilDate(dayNumber: facts.lastDay).description,
                spendMinor: facts.spendMinor, refundedMinor: facts.refundedMinor, currency: history.currency,
                probabilityAlive: score.probabilityAlive, expectedPurchases: score.expectedPurchases,
                expectedOrderValueMinor: Self.minor(score.expectedOrderValue), lifetimeValueMinor: Self.minor(score.lifetimeValue),
                recencyScore: score.rfm.recency, frequencyScore: score.rfm.frequency, monetaryScore: score.rfm.monetary,
                segment: score.rfm.segment.rawValue)
        }

        progress("saving")
        let elapsed = started.duration(to: .now)
        let run = CustomerValueRun(
            shopID: shopID, createdAt: now, model: options.model.rawValue,
            parameters: Dictionary(uniqueKeysWithValues: model.purchases.parameters.map { ($0.name, $0.value) }),
            spendParameters: model.spend.map { ["p": $0.p, "q": $0.q, "v": $0.v] } ?? [:],
            meanOrderValue: model.meanOrderValue, unitDays: 1, logLikelihood: model.logLikelihood, customers: model.customers,
            repeatBuyers: model.repeatBuyers, orders: history.orders, skippedOrders: history.skippedOrders, currency: history.currency,
            horizonDays: Double(options.horizonDays), clvMonths: options.clvMonths, holdout: holdout,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, eventCount: eventCount)
        let saved = try await store.saveCustomerScores(run, scores: rowsToSave, keepRuns: options.keepRuns)
        logger.info("scored customers", metadata: [
            "shop": "\(shopID)", "customers": "\(saved.customers)", "model": "\(saved.model)",
            "skipped_orders": "\(history.skippedOrders)", "seconds": "\(saved.seconds)",
            "holdout_mae": "\(holdout.map { "\($0.meanAbsoluteError)" } ?? "none")",
        ])
        return saved
    }

    /// The shop's counted orders and the day to score as of; throws when the shop is unknown or
    /// has too few customers.
    func readHistory(shopID: Int64, now: Date) async throws -> (CustomerHistory, asOf: Int) {
        guard let shop = try await store.shop(id: shopID) else { throw CustomerScoringJobError.unknownShop(shopID: shopID) }
        let rows = try await store.customerOrders(shopID: shopID)
        let resolver = CustomerIdentityResolver(contacts: try await store.customerContacts(shopID: shopID))
        let history = try CustomerHistory(orders: rows, resolver: resolver, currency: shop.shop.currency)
        guard history.countedCustomers >= options.minimumCustomers else {
            throw CustomerScoringJobError.notEnoughCustomers(shopID: shopID, customers: history.countedCustomers, minimum: options.minimumCustomers)
        }
        return (history, max(try Self.asOfDay(options.asOfDay, now: now, timeZone: shop.shop.timeZone), history.lastDay))
    }

    /// Fits on the history before the last `holdoutDays` and compares each customer's predicted
    /// purchase days in the holdout with what they did. Nil when the holdout is off, or when the
    /// calibration period would hold fewer than `minimumCustomers` customers.
    func holdoutCheck(_ history: CustomerHistory, asOf: Int) throws -> CustomerHoldout? {
        guard options.holdoutDays > 0 else { return nil }
        let calibrationEnd = asOf - options.holdoutDays
        let builder = SummaryBuilder(calibrationEnd: calibrationEnd, holdoutEnd: asOf, unitDays: 1)
        let summaries = try builder.summaries(history.transactions).map(Self.atLeastHalfADay)
        guard summaries.count >= options.minimumCustomers, summaries.contains(where: { $0.summary.frequency > 0 }) else { return nil }
        do {
            let model = try FittedPurchaseModel.fit(options.model, summaries.map(\.summary), penalizer: options.penalizer)
            var absolute = 0.0, predicted = 0.0, actual = 0
            for s in summaries {
                let p = try model.conditionalExpectedPurchases(in: s.holdoutDuration, for: s.summary)
                absolute += abs(p - Double(s.holdoutFrequency))
                predicted += p
                actual += s.holdoutFrequency
            }
            return CustomerHoldout(days: options.holdoutDays, customers: summaries.count, meanAbsoluteError: absolute / Double(summaries.count),
                                   predictedPurchases: predicted, actualPurchases: actual)
        } catch {
            // A holdout that cannot be fitted (too little history) is reported as absent, not fatal.
            logger.warning("holdout check skipped", metadata: ["reason": "\(error)"])
            return nil
        }
    }

    /// Summaries in days through `asOf`, every customer at least half a day old.
    static func summaries(_ transactions: [CustomerTransaction], through asOf: Int) throws -> [CustomerSummary] {
        try SummaryBuilder(calibrationEnd: asOf, unitDays: 1).summaries(transactions).map(atLeastHalfADay)
    }

    /// A customer first seen on the last day has age 0, which no model admits; counting them as
    /// half a day old (the expected age of a purchase made some time that day) keeps them in.
    static func atLeastHalfADay(_ s: CustomerSummary) -> CustomerSummary {
        guard s.summary.age <= 0 else { return s }
        var copy = s
        copy.summary.age = 0.5
        return copy
    }

    static func asOfDay(_ text: String?, now: Date, timeZone: String) throws -> Int {
        if let text, let day = CivilDate(text) { return day.dayNumber }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1).dayNumber
    }

    static func minor(_ value: Double) -> Int64 {
        value.isFinite ? Int64(value.rounded()) : 0
    }
}
