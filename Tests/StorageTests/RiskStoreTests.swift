import Commerce
import Foundation
import Testing
@testable import Storage

@Suite("Risk store (v9): assessments, flagged, models, labels")
struct RiskStoreTests {
    func record(_ shopID: Int64, _ id: Int64, _ level: String, at: String, probability: Double = 0.5, version: Int? = nil) -> RiskAssessmentRecord {
        RiskAssessmentRecord(
            shopID: shopID, subjectKind: .order, subjectID: id, at: utc(at), probability: probability, level: level,
            factsJSON: #"[{"description":"AVS and CVV failed","sentiment":"NEGATIVE","contribution":1.5}]"#, scorer: "rules",
            modelVersion: version, featuresJSON: "[1,null,2.5]", scoredAt: utc(at).addingTimeInterval(1))
    }

    @Test("an assessment round-trips, and the newest scoring of a subject replaces it", arguments: Backend.all)
    func roundTrip(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let first = record(shop.id, 1001, "HIGH", at: "2024-03-15T12:00:00Z", probability: 0.91)
        try await db.store.saveRiskAssessment(first)
        #expect(try await db.store.riskAssessment(shopID: shop.id, subjectKind: .order, subjectID: 1001) == first)
        #expect(try await db.store.riskAssessment(shopID: shop.id, subjectKind: .refund, subjectID: 1001) == nil)
        var second = first
        second.level = "LOW"; second.probability = 0.02; second.modelVersion = 3; second.scorer = "model"
        try await db.store.saveRiskAssessment(second)
        #expect(try await db.store.riskAssessment(shopID: shop.id, subjectKind: .order, subjectID: 1001) == second)
        #expect(try await db.count("SELECT count(*) FROM risk_assessments") == 1)
    }

    @Test("a batch of 2,500 is saved whole (in several statements on PostgreSQL); a subject twice in one batch keeps its last record", arguments: Backend.all)
    func largeBatch(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        var records = (1...2_500).map { record(shop.id, Int64($0), $0.isMultiple(of: 10) ? "HIGH" : "LOW", at: "2024-03-01T00:00:00Z") }
        var last = record(shop.id, 7, "MEDIUM", at: "2024-03-02T00:00:00Z", probability: 0.4, version: 2)
        last.scorer = "model"
        records.append(last)
        try await db.store.saveRiskAssessments(records)
        #expect(try await db.count("SELECT count(*) FROM risk_assessments WHERE shop_id = ?", [shop.id]) == 2_500)
        #expect(try await db.store.riskAssessment(shopID: shop.id, subjectKind: .order, subjectID: 7) == last)
        #expect(try await db.store.riskAssessment(shopID: shop.id, subjectKind: .order, subjectID: 2_500) == records[2_499])
        // 250 HIGH (every tenth) and the one MEDIUM.
        #expect(try await db.store.flaggedRiskAssessments(shopID: shop.id, minimumLevel: "MEDIUM", since: nil, limit: 1_000).count == 251)
    }

    @Test("flagged: at the minimum level or above, since a time, newest first, limited", arguments: Backend.all)
    func flagged(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let other = try await db.makeShop(domain: "other.myshopify.com")
        try await db.store.saveRiskAssessments([
            record(shop.id, 1, "HIGH", at: "2024-03-01T00:00:00Z"),
            record(shop.id, 2, "MEDIUM", at: "2024-03-02T00:00:00Z"),
            record(shop.id, 3, "LOW", at: "2024-03-03T00:00:00Z"),
            record(shop.id, 4, "NONE", at: "2024-03-04T00:00:00Z"),
            record(shop.id, 5, "HIGH", at: "2024-03-05T00:00:00Z"),
            record(other.id, 6, "HIGH", at: "2024-03-06T00:00:00Z"),
        ])
        let medium = try await db.store.flaggedRiskAssessments(shopID: shop.id, minimumLevel: "MEDIUM", since: nil, limit: 10)
        #expect(medium.map(\.subjectID) == [5, 2, 1])
        let high = try await db.store.flaggedRiskAssessments(shopID: shop.id, minimumLevel: "HIGH", since: nil, limit: 10)
        #expect(high.map(\.subjectID) == [5, 1])
        let recent = try await db.store.flaggedRiskAssessments(shopID: shop.id, minimumLevel: "MEDIUM", since: utc("2024-03-02T00:00:00Z"), limit: 10)
        #expect(recent.map(\.subjectID) == [5, 2])
        let one = try await db.store.flaggedRiskAssessments(shopID: shop.id, minimumLevel: "NONE", since: nil, limit: 1)
        #expect(one.map(\.subjectID) == [5])
        #expect(try await db.store.flaggedRiskAssessments(shopID: shop.id, minimumLevel: "NONE", since: nil, limit: 10).count == 5)
    }

    @Test("a risk model's bytes are stored with their SHA-256 and read back by id", arguments: Backend.all)
    func models(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let bytes = Data("abc".utf8)
        let saved = try await db.store.saveRiskModel(shopID: shop.id, model: bytes, summary: ["orders": 12, "frauds": 3], at: utc("2024-03-15T12:00:00Z"))
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        #expect(saved.digest == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(saved.artifactURI == "risk-model:\(saved.id)")
        #expect(RiskModelRecord.id(fromArtifactURI: saved.artifactURI) == saved.id)
        let loaded = try await db.store.riskModel(shopID: shop.id, id: saved.id)
        #expect(loaded == saved)
        #expect(try await db.store.riskModel(shopID: shop.id + 1, id: saved.id) == nil)
    }

    @Test("labels: fraud cancellations at cancelledAt and fraud/chargeback tags at updatedAt, earliest per order; other orders are not labels", arguments: Backend.all)
    func labelsFromOrders(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        var cancelled = makeOrder(id: 11, createdAt: "2024-03-01T10:00:00Z", updatedAt: "2024-03-02T10:00:00Z",
                                  lines: [line(1, variant: 7, quantity: 1, price: 5000)], cancelledAt: "2024-03-02T09:00:00Z")
        cancelled.cancelReason = "fraud"
        var customerCancelled = makeOrder(id: 12, createdAt: "2024-03-01T11:00:00Z", updatedAt: "2024-03-01T12:00:00Z",
                                          lines: [line(2, variant: 7, quantity: 1, price: 5000)], cancelledAt: "2024-03-01T12:00:00Z")
        customerCancelled.cancelReason = "customer"
        let tagged = makeOrder(id: 13, createdAt: "2024-03-01T12:00:00Z", updatedAt: "2024-03-20T08:00:00Z",
                               lines: [line(3, variant: 7, quantity: 1, price: 5000)], note: " Chargeback")
        let notFraud = makeOrder(id: 14, createdAt: "2024-03-01T13:00:00Z", lines: [line(4, variant: 7, quantity: 1, price: 5000)],
                                 note: "fraud-checked")
        // Cancelled for fraud and tagged later: the cancellation came first.
        var both = makeOrder(id: 15, createdAt: "2024-03-01T14:00:00Z", updatedAt: "2024-03-10T00:00:00Z",
                             lines: [line(5, variant: 7, quantity: 1, price: 5000)], cancelledAt: "2024-03-03T00:00:00Z", note: "fraud")
        both.cancelReason = "fraud"
        let refunded = makeOrder(id: 16, createdAt: "2024-03-01T15:00:00Z", lines: [line(6, variant: 7, quantity: 1, price: 5000)])
        let returned = makeOrder(id: 17, createdAt: "2024-03-01T16:00:00Z", lines: [line(7, variant: 7, quantity: 1, price: 5000)])
        _ = try await db.ingest([cancelled, customerCancelled, tagged, notFraud, both, refunded, returned].map { orderEvent(shopID: shop.id, $0) })
        // A refund the merchant noted as fraud labels its order at the refund; an ordinary return does not.
        let fraudRefund = Refund(id: 61, orderID: 16, createdAt: utc("2024-03-05T10:00:00Z"), note: "Fraudulent order - refunded", lineItems: [])
        let returnRefund = Refund(id: 62, orderID: 17, createdAt: utc("2024-03-05T11:00:00Z"), note: "Changed mind", lineItems: [])
        _ = try await db.ingest([
            event(shopID: shop.id, .refund(fraudRefund), topic: .refundsCreate, webhookID: "r61"),
            event(shopID: shop.id, .refund(returnRefund), topic: .refundsCreate, webhookID: "r62"),
        ])
        let labels = try await db.store.riskLabels(shopID: shop.id)
        #expect(labels == [
            RiskLabel(orderID: 11, knownAt: utc("2024-03-02T09:00:00Z"), source: .fraudCancellation),
            RiskLabel(orderID: 13, knownAt: utc("2024-03-20T08:00:00Z"), source: .tag),
            RiskLabel(orderID: 15, knownAt: utc("2024-03-03T00:00:00Z"), source: .fraudCancellation),
            RiskLabel(orderID: 16, knownAt: utc("2024-03-05T10:00:00Z"), source: .refund),
        ])
    }

    @Test("labels from disputes: a fraud chargeback at initiatedAt (earlier than the order's tag); inquiries and other reasons are not labels; an update replaces the row", arguments: Backend.all)
    func labelsFromDisputes(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let tagged = makeOrder(id: 41, createdAt: "2024-03-01T10:00:00Z", updatedAt: "2024-04-20T00:00:00Z",
                               lines: [line(1, variant: 7, quantity: 1, price: 5000)], note: "fraud")
        let plain = makeOrder(id: 42, createdAt: "2024-03-01T11:00:00Z", lines: [line(2, variant: 7, quantity: 1, price: 5000)])
        let fraud = Dispute(id: 1, orderID: 41, type: "chargeback", amount: usd(5000), reason: "fraudulent", status: "needs_response",
                            initiatedAt: utc("2024-04-01T00:00:00Z"))
        let unrecognized = Dispute(id: 2, orderID: 42, type: "chargeback", amount: usd(5000), reason: "unrecognized", status: "needs_response",
                                   initiatedAt: utc("2024-04-05T00:00:00Z"))
        let inquiry = Dispute(id: 3, orderID: 42, type: "inquiry", amount: usd(5000), reason: "fraudulent", initiatedAt: utc("2024-04-02T00:00:00Z"))
        let notReceived = Dispute(id: 4, orderID: 41, type: "chargeback", amount: usd(5000), reason: "product_not_received",
                                  initiatedAt: utc("2024-03-20T00:00:00Z"))
        var won = unrecognized
        won.status = "won"; won.finalizedAt = utc("2024-05-01T00:00:00Z")
        let outcomes = try await db.ingest([
            orderEvent(shopID: shop.id, tagged), orderEvent(shopID: shop.id, plain),
            event(shopID: shop.id, .dispute(fraud), topic: .disputesCreate, webhookID: "d1"),
            event(shopID: shop.id, .dispute(unrecognized), topic: .disputesCreate, webhookID: "d2"),
            event(shopID: shop.id, .dispute(inquiry), topic: .disputesCreate, webhookID: "d3"),
            event(shopID: shop.id, .dispute(notReceived), topic: .disputesCreate, webhookID: "d4"),
            event(shopID: shop.id, .dispute(won), topic: .disputesUpdate, webhookID: "d2-won"),
        ])
        #expect(outcomes.allSatisfy { if case .stored = $0 { true } else { false } }, "\(outcomes)")
        let disputes = try await db.store.disputes(shopID: shop.id)
        #expect(disputes.map(\.id) == [4, 1, 3, 2])
        #expect(disputes.last == won)
        #expect(try await db.store.riskLabels(shopID: shop.id) == [
            RiskLabel(orderID: 41, knownAt: utc("2024-04-01T00:00:00Z"), source: .chargeback),
            RiskLabel(orderID: 42, knownAt: utc("2024-04-05T00:00:00Z"), source: .chargeback),
        ])
        // The risk replay reads dispute events too.
        #expect(try await db.store.riskEvents(shopID: shop.id, after: 0, limit: 100).count == 7)
        // A replay of the log rebuilds the same disputes.
        try await db.store.rebuildProjections(shopID: shop.id) { _, _ in }
        #expect(try await db.store.disputes(shopID: shop.id) == disputes)
    }

    @Test("risk events: orders, refunds and disputes in arrival order, other topics left out, paged", arguments: Backend.all)
    func riskEvents(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let order = makeOrder(id: 21, createdAt: "2024-03-01T10:00:00Z", lines: [line(1, variant: 7, quantity: 1, price: 5000)])
        let customer = Customer(id: 5, email: "a@example.com")
        let refund = Refund(id: 31, orderID: 21, createdAt: utc("2024-03-02T10:00:00Z"), lineItems: [])
        _ = try await db.ingest([
            orderEvent(shopID: shop.id, order, topic: .ordersCreate),
            event(shopID: shop.id, .customer(customer), topic: .customersUpdate, webhookID: "c5"),
            event(shopID: shop.id, .refund(refund), topic: .refundsCreate, webhookID: "r31"),
        ])
        let all = try await db.store.riskEvents(shopID: shop.id, after: 0, limit: 10)
        #expect(all.map(\.topic) == ["orders/create", "refunds/create"])
        let page = try await db.store.riskEvents(shopID: shop.id, after: all[0].sequence, limit: 10)
        #expect(page.map(\.topic) == ["refunds/create"])
        #expect(try await db.store.riskEvents(shopID: shop.id, after: 0, limit: 1).count == 1)
        // Received at 2024-03-15T12:00:00Z (the fixture's time): a later `receivedSince` leaves them out.
        #expect(try await db.store.riskEvents(shopID: shop.id, after: 0, receivedSince: utc("2024-03-15T12:00:00Z"), limit: 10).count == 2)
        #expect(try await db.store.riskEvents(shopID: shop.id, after: 0, receivedSince: utc("2024-03-15T12:00:01Z"), limit: 10).isEmpty)
    }
}
