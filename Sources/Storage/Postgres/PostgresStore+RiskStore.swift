import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: RiskStore {
    public func saveRiskAssessment(_ record: RiskAssessmentRecord) async throws {
        throw PostgresStoreError.notImplemented("RiskStore.saveRiskAssessment")
    }

    public func saveRiskAssessments(_ records: [RiskAssessmentRecord]) async throws {
        throw PostgresStoreError.notImplemented("RiskStore.saveRiskAssessments")
    }

    public func riskAssessment(shopID: Int64, subjectKind: RiskSubjectKind, subjectID: Int64) async throws -> RiskAssessmentRecord? {
        throw PostgresStoreError.notImplemented("RiskStore.riskAssessment")
    }

    public func flaggedRiskAssessments(shopID: Int64, minimumLevel: String, since: Date?, limit: Int) async throws -> [RiskAssessmentRecord] {
        throw PostgresStoreError.notImplemented("RiskStore.flaggedRiskAssessments")
    }

    public func saveRiskModel(shopID: Int64, model: Data, summary: [String: Double], at: Date) async throws -> RiskModelRecord {
        throw PostgresStoreError.notImplemented("RiskStore.saveRiskModel")
    }

    public func riskModel(shopID: Int64, id: Int64) async throws -> RiskModelRecord? {
        throw PostgresStoreError.notImplemented("RiskStore.riskModel")
    }

    public func disputes(shopID: Int64) async throws -> [Dispute] {
        throw PostgresStoreError.notImplemented("RiskStore.disputes")
    }

    public func riskLabels(shopID: Int64) async throws -> [RiskLabel] {
        throw PostgresStoreError.notImplemented("RiskStore.riskLabels")
    }

    public func riskEvents(shopID: Int64, after: Int64, receivedSince: Date?, limit: Int) async throws -> [StoredEvent] {
        throw PostgresStoreError.notImplemented("RiskStore.riskEvents")
    }
}
