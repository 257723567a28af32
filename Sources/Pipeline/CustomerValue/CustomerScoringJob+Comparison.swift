import Commerce
import CustomerValue
import Foundation
import Storage

extension CustomerScoringJob {
    /// One purchase model fitted on a shop: its parameters on the whole history and its holdout check.
    public struct ModelComparison: Sendable {
        public var kind: PurchaseModelKind
        public var parameters: [(name: String, value: Double)]
        public var logLikelihood: Double
        public var holdout: CustomerHoldout?
        /// Seconds the fit on the whole history took.
        public var fitSeconds: Double
        /// Why the model could not be fitted, if it could not.
        public var failure: String?
    }

    /// Fits every purchase model on the shop's history and checks each on the same holdout,
    /// without storing anything: how a data scientist picks `model` for the shop.
    public func compareModels(shopID: Int64, now: Date = Date(), kinds: [PurchaseModelKind] = PurchaseModelKind.allCases) async throws -> [ModelComparison] {
        try options.validate()
        let (history, asOf) = try await readHistory(shopID: shopID, now: now)
        let summaries = try Self.summaries(history.transactions, through: asOf).map(\.summary)
        return kinds.map { kind in
            var job = self
            job.options.model = kind
            let started = ContinuousClock.now
            do {
                let model = try FittedPurchaseModel.fit(kind, summaries, penalizer: options.penalizer)
                let elapsed = started.duration(to: .now)
                return ModelComparison(
                    kind: kind, parameters: model.parameters, logLikelihood: model.logLikelihood(summaries),
                    holdout: try job.holdoutCheck(history, asOf: asOf),
                    fitSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, failure: nil)
            } catch {
                return ModelComparison(kind: kind, parameters: [], logLikelihood: .nan, holdout: nil, fitSeconds: 0, failure: "\(error)")
            }
        }
    }
}
