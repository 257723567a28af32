/// What a scoring run fits on a customer base: a purchase model for how often customers buy and
/// whether they are still active, and a Gamma-Gamma spend model for how much they spend per order.
///
/// The spend model is fitted on repeat buyers with a positive mean repeat spend (Fader & Hardie
/// note 025 needs x > 0 and m̄ > 0). With fewer than ``minimumRepeatBuyers`` of them the fit is
/// too noisy to trust, so ``spend`` is nil and every customer's expected order value is the mean
/// order value of the base (``meanOrderValue``); the same happens when the fit gives q ≤ 1, where
/// the Gamma-Gamma mean does not exist.
///
/// ```swift
/// let model = try CustomerValueModel.fit(summaries, kind: .bgnbd, unitDays: 1)
/// let scores = try CustomerScorer().score(summaries, spend: totals, model: model)
/// ```
public struct CustomerValueModel: Sendable, Equatable {
    /// Repeat buyers the Gamma-Gamma fit needs.
    public static let minimumRepeatBuyers = 20

    public var purchases: FittedPurchaseModel
    /// The Gamma-Gamma model, or nil when it could not be fitted (see the type's summary).
    public var spend: GammaGammaModel?
    /// Mean order value over every customer's purchases, the fallback for ``spend``.
    public var meanOrderValue: Double
    /// Days per model time unit (1 for days, 7 for weeks), as the summaries were built.
    public var unitDays: Double
    /// Σ log-likelihood of the purchase model on the fitting data (without penalty).
    public var logLikelihood: Double
    /// Customers and repeat buyers the models were fitted on.
    public var customers: Int
    public var repeatBuyers: Int

    public init(purchases: FittedPurchaseModel, spend: GammaGammaModel?, meanOrderValue: Double, unitDays: Double,
                logLikelihood: Double, customers: Int, repeatBuyers: Int) {
        self.purchases = purchases; self.spend = spend; self.meanOrderValue = meanOrderValue; self.unitDays = unitDays
        self.logLikelihood = logLikelihood; self.customers = customers; self.repeatBuyers = repeatBuyers
    }

    /// Fits the purchase model of `kind` and the spend model on `summaries`. `orderValues` is the
    /// mean order value over all customers' purchases (first ones included), used when the spend
    /// model cannot be fitted; `unitDays` is the summaries' time unit in days.
    public static func fit(_ summaries: [CustomerSummary], kind: PurchaseModelKind = .bgnbd, unitDays: Double,
                           meanOrderValue: Double, penalizer: Double = 0) throws -> CustomerValueModel {
        guard unitDays.isFinite, unitDays > 0 else {
            throw CustomerValueError.invalidParameter(name: "unitDays", reason: "must be positive, got \(unitDays)")
        }
        guard meanOrderValue.isFinite, meanOrderValue >= 0 else {
            throw CustomerValueError.invalidParameter(name: "meanOrderValue", reason: "must be a finite number ≥ 0, got \(meanOrderValue)")
        }
        let rows = summaries.map(\.summary)
        let purchases = try FittedPurchaseModel.fit(kind, rows, penalizer: penalizer)
        var frequency: [Double] = [], monetary: [Double] = []
        for row in rows where row.frequency > 0 {
            if let m = row.monetary, m > 0 { frequency.append(row.frequency); monetary.append(m) }
        }
        var spend: GammaGammaModel?
        if frequency.count >= minimumRepeatBuyers,
           let fit = try? GammaGammaModel.fit(frequency: frequency, monetary: monetary, penalizer: penalizer), fit.model.q > 1 {
            spend = fit.model
        }
        return CustomerValueModel(
            purchases: purchases, spend: spend, meanOrderValue: meanOrderValue, unitDays: unitDays,
            logLikelihood: purchases.logLikelihood(rows), customers: rows.count, repeatBuyers: frequency.count)
    }

    /// E[Z | x, m̄]: the expected value of this customer's future orders.
    public func expectedOrderValue(_ c: RFMSummary) -> Double {
        guard let spend else { return meanOrderValue }
        guard let m = c.monetary, c.frequency > 0, m > 0 else { return spend.populationMeanProfit }
        return spend.conditionalExpectedAverageProfit(frequency: c.frequency, monetary: m)
    }
}
