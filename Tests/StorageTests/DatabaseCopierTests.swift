import Commerce
import Foundation
@testable import Storage
import Testing
import TestSupport

/// `storewise db copy`: a SQLite shop with events, a model version, audit entries, a proposal, a
/// job and a forecast run moves to PostgreSQL whole; the copy verifies; a second copy is refused;
/// ids handed out after the copy are fresh. PostgreSQL only (skips with the printed reason).
@Suite("Database copy, SQLite to PostgreSQL")
struct DatabaseCopierTests {
    let t0 = utc("2024-05-01T09:00:00Z")

    /// A SQLite database with two shops; `copy.myshopify.com` has some of everything.
    func source() async throws -> (store: SQLiteStore, shop: ShopRecord, directory: URL) {
        let (store, directory) = try SQLiteStore.temporary()
        let shop = try await store.createShop(Shop(domain: "copy.myshopify.com", name: "Copy", currency: "USD", timeZone: "America/New_York"),
                                              webhookSecret: "secret", apiTokenHash: "hash-copy", at: t0)
        _ = try await store.createShop(Shop(domain: "stays.myshopify.com", name: "Stays", currency: "USD", timeZone: "UTC"),
                                       webhookSecret: "secret", apiTokenHash: "hash-stays", at: t0)
        // Five orders (orders, line items, customers, daily demand through the projector).
        let events = (1...5).map { i in
            orderEvent(shopID: shop.id, makeOrder(id: Int64(100 + i), createdAt: "2024-03-0\(i)T15:00:00Z",
                                                  lines: [line(Int64(1_000 + i), variant: 11, quantity: i, price: 1_250)],
                                                  customer: SampleOrders.customer(id: 7_000 + Int64(i), email: "buyer\(i)@example.com"),
                                                  email: "buyer\(i)@example.com"), topic: .ordersCreate)
        }
        let outcomes = try await store.ingest(events)
        #expect(outcomes.allSatisfy { if case .stored = $0 { true } else { false } })
        _ = try await store.registerModelVersion(ModelVersionDraft(
            shopID: shop.id, kind: "forecast", createdBy: "scheduler", trigger: "schedule", jobID: nil,
            parameters: ["model": "SeasonalMean(7, 4)"],
            data: TrainingDataIdentity(firstEventID: 1, lastEventID: 5, eventCount: 5, projectionDigest: "abc", asOfDay: "2024-03-05"),
            holdoutMetrics: ["mase": 0.9], primaryMetric: "mase", higherIsBetter: false, artifactURI: "forecast-run:1", artifactDigest: "d1",
            status: .ready, statusMessage: nil, summary: ["series": 1], catalog: [], reference: Data([0, 1, 2, 255])), at: t0)
        _ = try await store.enqueueJob(JobDraft(shopID: shop.id, type: "train", payload: #"{"kind":"forecast"}"#, runAfter: t0, requestedBy: "test"), at: t0)
        for i in 0..<3 {
            _ = try await store.appendAudit(audit(shop.id, "model.promoted", at: t0.addingTimeInterval(Double(i))))
        }
        _ = try await store.createProposal(
            ProposalDraft(shopID: shop.id, actionType: "order-risk-assessment", targetType: "order", targetID: "gid://shopify/Order/101",
                          payload: #"{"riskLevel":"LOW"}"#, payloadHash: String(repeating: "a", count: 64), modelKind: "risk",
                          modelVersion: 3, confidence: 0.91, reason: "Risk score 0.04", proposedBy: "order-risk", dedupeKey: "risk:101",
                          amountMinor: 1_250, currency: "USD", expiresAt: t0.addingTimeInterval(86_400)),
            verdict: .requirePerson, rule: "r", audit: audit(shop.id, "proposal.created", at: t0.addingTimeInterval(10)), at: t0.addingTimeInterval(10))
        _ = try await store.saveForecastRun(
            ForecastRun(shopID: shop.id, modelName: "SeasonalMean", modelVersion: "1", createdAt: t0, asOfDay: "2024-03-05", horizon: 2,
                        levels: [80], seriesCount: 1, failedCount: 0, status: .completed, durationSeconds: 0.5, metrics: ["expected_units": 3]),
            series: [ForecastSeries(variantID: 11, locationID: 0, historyStartDay: "2024-03-01", historyDays: 5, censoredDays: 0, expectedUnits: 3,
                                    days: [ForecastDay(day: "2024-03-06", mean: 1.5, lower: [1], upper: [2]),
                                           ForecastDay(day: "2024-03-07", mean: 1.5, lower: [1], upper: [2.25])])],
            keepRuns: 10)
        return (store, shop, directory)
    }

    func audit(_ shopID: Int64, _ action: String, at: Date) -> AuditEntryDraft {
        AuditEntryDraft(shopID: shopID, at: at, actorType: .system, actorID: "test", action: action, targetType: "order",
                        targetID: "gid://shopify/Order/101", source: "scheduler")
    }

    @Test("A shop moves whole: counts, audit head and digest match; a second copy is refused; new ids are fresh")
    func copiesOneShop() async throws {
        guard TestPostgres.isAvailable else {
            print(TestPostgres.skipReason)
            return
        }
        let (source, shop, directory) = try await source()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (target, lifetime) = try await TestPostgres.freshStore()
        // Batches of 2 rows: paging by key and one transaction per batch are exercised.
        let copier = DatabaseCopier(source: source, target: target, batchSize: 2)
        let report = try await copier.copy(domains: ["COPY.myshopify.com"])
        #expect(report.isMatching, "\(report.table)")

        // The counts the fixture wrote (worked out from it, not read from the copier).
        let expected: [String: Int] = ["shops": 1, "events": 5, "orders": 5, "line_items": 5, "model_versions": 1, "jobs": 1,
                                       "audit_log": 4, "action_proposals": 1, "forecast_runs": 1, "forecast_series": 1, "forecast_days": 2]
        for (table, rows) in expected {
            let count = report.counts.first { $0.table == table && $0.shopID == shop.id }
            #expect(count?.source == rows, "\(table) in the source")
            #expect(count?.target == rows, "\(table) in the target")
        }
        #expect(try await target.scalar("SELECT count(*) FROM shops") == 1, "the other shop stays behind")
        let audit = try #require(report.shops.first)
        #expect(audit.targetAudit?.isIntact == true)
        #expect(audit.targetAudit?.rows == 4)
        #expect(audit.targetAudit?.headHash == audit.sourceAudit?.headHash)
        #expect(audit.targetAudit?.headHash.isEmpty == false)
        #expect(audit.sourceDigest == audit.targetDigest)
        // The blob survives byte for byte.
        let version = try await target.modelVersion(shopID: shop.id, kind: "forecast", version: 1)
        #expect(version?.draft.reference == Data([0, 1, 2, 255]))

        // A second copy of the same shop is refused, naming it.
        do {
            _ = try await copier.copy(domains: ["copy.myshopify.com"])
            Issue.record("a second copy of copy.myshopify.com was accepted")
        } catch let error as DatabaseCopyError {
            #expect(error.description.contains("copy.myshopify.com"))
        }

        // Identity sequences were advanced past the copied ids.
        let copiedJobID = try #require(try await target.scalar("SELECT max(id) FROM jobs"))
        let job = try await target.enqueueJob(JobDraft(shopID: shop.id, type: "monitor", runAfter: t0, requestedBy: "test"), at: t0)
        #expect(job.id > copiedJobID)
        let copiedSequence = try #require(try await target.scalar("SELECT max(sequence) FROM events"))
        let outcome = try await target.ingest([orderEvent(shopID: shop.id, makeOrder(id: 200, createdAt: "2024-03-09T15:00:00Z",
                                                                                      lines: [line(2_000, variant: 11, quantity: 1, price: 1_250)]),
                                                          topic: .ordersCreate)])
        guard case .stored(let sequence, _) = outcome.first else { Issue.record("not stored: \(outcome)"); return }
        #expect(sequence > copiedSequence)
        let copiedVersionRow = try #require(try await target.scalar("SELECT max(id) FROM model_versions"))
        let proposalID = try #require(try await target.scalar("SELECT max(id) FROM action_proposals"))
        #expect(copiedVersionRow >= 1 && proposalID >= 1)
        withExtendedLifetime(lifetime) {}
    }
}
