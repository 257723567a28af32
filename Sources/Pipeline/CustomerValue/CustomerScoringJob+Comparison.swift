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
        guard let shop = try await store.shop(id: shopID) else { throw CustomerScoringJobError.unknownShop(shopID: shopID) }
        let rows = try await store.customerOrders(shopID: shopID)
        let resolver = CustomerIdentityResolver(contacts: try await store.customerContacts(shopID: shopID))
        let history = try CustomerHistory(orders: rows, resolver: resolver, currency: shop.shop.currency)
        guard history.countedCustomers >= options.minimumCustomers else {
            throw CustomerScoringJobError.notEnoughCustomers(shopID: shopID, customers: history.countedCustomers, minimum: options.minimumCustomers)
        }
        let asOf = max(try Self.asOfDay(options.asOfDay, now: now, timeZone: shop.shop.timeZone), history.lastDay)
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
