import Foundation
import Risk
import Storage

/// A stored assessment as the API and dashboard read it: what was scored, when, by which model,
/// the assessment with its facts, and the features it saw.
public struct StoredRiskAssessment: Sendable, Hashable {
    public var subjectKind: RiskSubjectKind
    public var subjectID: Int64
    /// When the subject happened.
    public var at: Date
    public var assessment: RiskAssessment
    /// The registry version of the risk model; nil for rules alone.
    public var modelVersion: Int?
    public var features: RiskFeatureVector
    public var scoredAt: Date

    public init(subjectKind: RiskSubjectKind, subjectID: Int64, at: Date, assessment: RiskAssessment, modelVersion: Int?,
                features: RiskFeatureVector, scoredAt: Date) {
        self.subjectKind = subjectKind; self.subjectID = subjectID; self.at = at; self.assessment = assessment
        self.modelVersion = modelVersion; self.features = features; self.scoredAt = scoredAt
    }
}
