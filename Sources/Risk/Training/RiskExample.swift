import Foundation

/// One labelled subject for training: its features when it happened, whether it turned out to be
/// fraud, and when the shop learnt that.
public struct RiskExample: Sendable, Hashable {
    public var features: RiskFeatureVector
    public var fraud: Bool
    /// When the subject happened (the order's processing time).
    public var at: Date
    /// When the fraud label became known (the chargeback, the fraud cancellation); nil = known
    /// as it happened. Ignored for genuine examples.
    public var labelKnownAt: Date?

    public init(features: RiskFeatureVector, fraud: Bool, at: Date, labelKnownAt: Date? = nil) {
        self.features = features; self.fraud = fraud; self.at = at; self.labelKnownAt = labelKnownAt
    }

    /// The label the shop had at `asOf`: a fraud learnt later still looked genuine then.
    public func label(asOf: Date) -> Bool {
        fraud && (labelKnownAt ?? at) <= asOf
    }
}
