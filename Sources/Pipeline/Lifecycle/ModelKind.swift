import Foundation
import Monitoring
import Storage

/// One kind of model the lifecycle trains, registers, serves and watches (forecast, customer
/// value, recommendations, …). Each conformance is one small file under `Pipeline/Kinds/`;
/// the registry, scheduler, worker, router and monitor know kinds only through this protocol,
/// so adding a kind is a new file there and one line in `ModelKinds.standard`.
public protocol ModelKind: Sendable {
    /// The registry name: "forecast", "customer-value", "recommendations".
    var name: String { get }
    /// How people read it: "Demand forecast".
    var title: String { get }
    /// The holdout metric promotion compares, and its direction.
    var primaryMetric: String { get }
    var higherIsBetter: Bool { get }
    /// The projection tables the kind reads (for the data identity digest).
    var projectionTables: [String] { get }
    /// The parameters a candidate trained now would use (from configuration).
    var parameters: [String: String] { get }

    /// Trains a candidate on the shop's data with `parameters`: evaluates it on a time holdout,
    /// fits it on everything, stores its artifact (the kind's run) and returns what the registry
    /// records. Throws when the shop has too little data (the error says what is missing).
    func train(shopID: Int64, parameters: [String: String], progress: @escaping @Sendable (String) -> Void) async throws -> TrainedModel

    /// Live accuracy of `version` from the actuals that arrived after its training, or nil when
    /// the kind has no live accuracy or no actuals are in yet.
    func liveAccuracy(shopID: Int64, version: ModelVersion) async throws -> LiveAccuracyRecord?

    /// Prediction drift columns of a version over its artifact (e.g. the forecast's expected
    /// units per series), compared by the monitor between the champion at promotion and now;
    /// empty when the kind has none.
    func predictionColumns(shopID: Int64, version: ModelVersion) async throws -> [FeatureColumn]
}

/// What `ModelKind.train` returns; the runner adds identity, trigger and creator.
public struct TrainedModel: Sendable, Hashable {
    public var holdoutMetrics: [String: Double]
    /// `forecast-run:42`, `customer-value-run:7`, `recommendation-run:12`.
    public var artifactURI: String
    /// Hex SHA-256 of the artifact's content.
    public var artifactDigest: String
    /// The last day of data it saw ("YYYY-MM-DD"), when the kind has one.
    public var asOfDay: String?
    public var summary: [String: Double]

    public init(holdoutMetrics: [String: Double], artifactURI: String, artifactDigest: String, asOfDay: String?, summary: [String: Double]) {
        self.holdoutMetrics = holdoutMetrics; self.artifactURI = artifactURI; self.artifactDigest = artifactDigest
        self.asOfDay = asOfDay; self.summary = summary
    }
}
