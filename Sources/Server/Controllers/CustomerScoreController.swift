import CustomerValue
import Foundation
import Hummingbird
import NIOCore
import Pipeline
import Storage
import Synchronization

/// `GET /api/v1/customers/{id}/score`: one customer's purchase prediction from the registered
/// customer-value version the router picks for them. Assignment is sticky by customer: a
/// customer in the canary share always gets the challenger, everyone else the champion; with
/// shadowing on, the challenger's prediction is computed and logged, never returned.
///
/// The prediction is computed from the served version's own fitted parameters (its scoring
/// run's BG/NBD, MBG/NBD or Pareto/NBD parameters) on the customer's current summary
/// (repeat purchases, recency, age), so any registered version can serve, not only the one whose
/// scores are stored. Lifetime value comes from the stored scores and is given only when the
/// served version is the stored run. A shop without a registered version gets its stored scores.
struct CustomerScoreController {
    let shops: any ShopStore
    let customers: any CustomerValueStore
    let router: ServingRouter?
    /// Scoring runs by shop and id (runs are immutable).
    let runs = ScoringRunCache()

    static let kind = "customer-value"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.group("api/v1/customers").add(middleware: BearerAuthMiddleware(shops: shops)).get(":id/score", use: score)
    }

    /// What one version predicts for one customer.
    struct Prediction: Sendable {
        var runID: Int64
        var probabilityAlive: Double
        var expectedPurchases: Double
        var horizonDays: Double
    }

    @Sendable func score(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let id = try CustomerAPIController.customerID(context.parameters.get("id") ?? "")
        let started = ContinuousClock.now
        guard let row = try await customers.customerScore(shopID: record.id, customerID: id) else {
            throw APIError.notFound("customer \(id) has no score in shop \(record.shop.domain): run `storewise customers score`")
        }
        let requestID = try RecommendationAPIController.requestID(request) ?? UUID().uuidString
        guard let router, let decision = try await router.route(shopID: record.id, kind: Self.kind, subject: "customer:\(id)", requestID: requestID) else {
            return json(Self.body(row, prediction: Prediction(runID: row.runID, probabilityAlive: row.probabilityAlive,
                                                              expectedPurchases: row.expectedPurchases, horizonDays: 0), model: nil))
        }
        let served = try await predict(row, version: decision.served, shopID: record.id)
        if decision.sampled {
            let elapsed = (ContinuousClock.now - started).components
            let micros = Int(elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000)
            router.record(decision, version: decision.served, arm: decision.arm, output: Self.output(served), latencyMicros: micros)
            if let shadow = decision.shadow {
                let other = try await predict(row, version: shadow, shopID: record.id)
                router.record(decision, version: shadow, arm: .shadow, output: Self.output(other), latencyMicros: micros)
            }
        }
        return json(Self.body(row, prediction: served, model: decision))
    }

    /// The version's prediction for the customer's summary, from its scoring run's parameters.
    func predict(_ row: CustomerScoreRow, version: ServedVersion, shopID: Int64) async throws -> Prediction {
        guard let runID = version.runID, let run = try await run(shopID: shopID, id: runID) else {
            throw APIError.notFound("customer-value v\(version.version)'s scoring run (\(version.artifactURI)) is gone")
        }
        if run.id == row.runID {
            return Prediction(runID: run.id, probabilityAlive: row.probabilityAlive, expectedPurchases: row.expectedPurchases, horizonDays: run.horizonDays)
        }
        guard let kind = PurchaseModelKind(rawValue: run.model) else {
            throw APIError.notFound("customer-value v\(version.version) uses an unknown model \(run.model)")
        }
        let model = try FittedPurchaseModel(kind: kind, parameters: run.parameters)
        // The stored summary is in days (`unitDays` 1), as every run fits.
        let summary = RFMSummary(frequency: row.frequency, recency: row.recencyDays, age: row.ageDays)
        return Prediction(runID: run.id, probabilityAlive: model.probabilityAlive(summary),
                          expectedPurchases: try model.conditionalExpectedPurchases(in: run.horizonDays, for: summary), horizonDays: run.horizonDays)
    }

    private func run(shopID: Int64, id: Int64) async throws -> CustomerValueRun? {
        if let cached = runs.runs.withLock({ $0[shopID]?[id] }) { return cached }
        guard let found = try await customers.customerValueRuns(shopID: shopID, limit: 1000).first(where: { $0.id == id }) else { return nil }
        runs.runs.withLock { $0[shopID, default: [:]][id] = found }
        return found
    }

    /// The logged prediction.
    static func output(_ prediction: Prediction) -> String {
        "{\"run_id\":\(prediction.runID),\"p_alive\":\(prediction.probabilityAlive),\"expected_purchases\":\(prediction.expectedPurchases)}"
    }

    static func body(_ row: CustomerScoreRow, prediction: Prediction, model decision: RoutingDecision?) -> String {
        var text = "{\"customer_id\":\(row.customerID),\"run_id\":\(prediction.runID),\"probability_alive\":\(prediction.probabilityAlive),"
            + "\"churn_risk\":\(1 - prediction.probabilityAlive),\"expected_purchases\":\(prediction.expectedPurchases),"
            + "\"frequency\":\(row.frequency),\"recency_days\":\(row.recencyDays),\"age_days\":\(row.ageDays)"
        if prediction.runID == row.runID {
            text += ",\"lifetime_value_minor\":\(row.lifetimeValueMinor),\"currency\":\"\(row.currency)\",\"segment\":\"\(row.segment)\""
        }
        if let decision {
            text += ",\"model\":{\"kind\":\"\(decision.kind)\",\"version\":\(decision.served.version),\"arm\":\"\(decision.arm.rawValue)\"}"
        }
        return text + "}"
    }

    private func json(_ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Scoring runs read by `CustomerScoreController`, by shop and run id (runs never change).
final class ScoringRunCache: Sendable {
    let runs = Mutex<[Int64: [Int64: CustomerValueRun]]>([:])
}
