import Foundation
import Pipeline
import ShopifyAdmin
import Storage
import Testing

/// The approval service on a real (in-memory) SQLite store: verdicts, dedupe, decisions and
/// their audit rows, edits revalidated, expiry.
@Suite struct ApprovalServiceTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    let ana = ActionActor.user("ana@shop", source: "ui")

    func service() async throws -> (ApprovalService, SQLiteStore, Int64) {
        let (store, shopID) = try await SQLiteStore.lifecycleShop()
        return (ApprovalService(store: store, policy: .standard), store, shopID)
    }

    static func risk(_ level: String, order: Int = 1001, dedupe: String? = nil) -> ProposedAction {
        ProposedAction(type: .orderRiskAssessment, targetType: "order", targetID: "gid://shopify/Order/\(order)",
                       payload: ["orderId": .string("gid://shopify/Order/\(order)"), "riskLevel": .string(level),
                                 "facts": [["description": "Shipping and billing countries differ", "sentiment": "NEGATIVE"]]],
                       modelKind: "order-risk", modelVersion: 3, confidence: 0.8, reason: "Risk score 0.81", proposer: "order-risk",
                       dedupeKey: dedupe)
    }

    static func tags(_ customer: Int = 9, ttl: Double? = nil) -> ProposedAction {
        ProposedAction(type: .customerTags, targetType: "customer", targetID: "gid://shopify/Customer/\(customer)",
                       payload: ["id": .string("gid://shopify/Customer/\(customer)"), "tags": ["win-back"]],
                       reason: "No order in 140 days", proposer: "customer-segments", timeToLive: ttl)
    }

    /// A person answering after the deadline finds the proposal expired (even before the sweep ran):
    /// the approval is refused, the proposal is expired, and the audit row says so.
    @Test func approvingAfterTheDeadlineIsRefused() async throws {
        let (approvals, store, shop) = try await service()
        let p = try await approvals.propose(Self.tags(ttl: 3600), shopID: shop, at: Self.t0).proposal
        #expect(p.status == .pending)
        await #expect(throws: StorageError.proposalNotPending(id: p.id, status: "expired")) {
            try await approvals.approve(shopID: shop, id: p.id, by: self.ana, reason: "late", at: Self.t0.addingTimeInterval(3600))
        }
        #expect(try await store.proposal(id: p.id, shopID: shop)?.status == .expired)
        let actions = try await store.auditEntries(shopID: shop, after: 0, limit: 10, proposalID: p.id).map(\.entry.action)
        #expect(actions == ["proposal.created", "proposal.expired"])
    }

    @Test func verdictsDecideTheStartingStatus() async throws {
        let (approvals, store, shop) = try await service()
        let low = try await approvals.propose(Self.risk("LOW"), shopID: shop, at: Self.t0)
        #expect(low.created)
        #expect(low.proposal.status == .approved)
        #expect(low.proposal.policyRule == "low-risk-assessments")
        #expect(low.proposal.decidedBy == "policy:low-risk-assessments")
        let high = try await approvals.propose(Self.risk("HIGH", order: 1002), shopID: shop, at: Self.t0)
        #expect(high.proposal.status == .pending)
        // 72 h default time to live: 259,200 s.
        #expect(high.proposal.draft.expiresAt == Self.t0.addingTimeInterval(259_200))

        let rejecting = ApprovalService(store: store, policy: ApprovalPolicy(rules: [ApprovalRule(name: "no", verdict: .reject)]))
        let rejected = try await rejecting.propose(Self.tags(), shopID: shop, at: Self.t0)
        #expect(rejected.proposal.status == .rejected)

        // The creation row: the model as actor, verdict and rule, the payload and its hash.
        let rows = try await store.auditEntries(shopID: shop, after: 0, limit: 10, proposalID: low.proposal.id)
        #expect(rows.count == 1)
        let row = try #require(rows.first).entry
        #expect(row.action == "proposal.created")
        #expect(row.actorType == .model)
        #expect(row.actorID == "order-risk v3")
        #expect(row.decision == "auto-approve (low-risk-assessments)")
        #expect(row.newValue == low.proposal.draft.payload)
        #expect(row.payloadHash == ActionPayload.hash(canonical: low.proposal.draft.payload))
        #expect(row.modelVersion == 3)
    }

    @Test func proposerNamesTheActor() async throws {
        let (approvals, store, shop) = try await service()
        var byPerson = Self.tags(1)
        byPerson.proposer = "api:ana@shop"
        var byJob = Self.tags(2)
        byJob.proposer = "winback"
        for action in [byPerson, byJob] { _ = try await approvals.propose(action, shopID: shop, at: Self.t0) }
        let rows = try await store.auditEntries(shopID: shop, after: 0, limit: 10, proposalID: nil).map(\.entry)
        #expect(rows.map(\.actorType) == [.user, .system])
        #expect(rows.map(\.actorID) == ["ana@shop", "winback"])
        #expect(rows.map(\.source) == ["api", "scheduler"])
    }

    @Test func dedupeReturnsTheOpenProposal() async throws {
        let (approvals, store, shop) = try await service()
        let first = try await approvals.propose(Self.risk("HIGH", dedupe: "risk:1001"), shopID: shop, at: Self.t0)
        let again = try await approvals.propose(Self.risk("HIGH", dedupe: "risk:1001"), shopID: shop, at: Self.t0.addingTimeInterval(5))
        #expect(!again.created)
        #expect(again.proposal.id == first.proposal.id)
        #expect(try await store.auditEntries(shopID: shop, after: 0, limit: 10, proposalID: nil).count == 1)
        // Once rejected the key is free again.
        _ = try await approvals.reject(shopID: shop, id: first.proposal.id, by: ana, reason: "known customer", at: Self.t0)
        let third = try await approvals.propose(Self.risk("HIGH", dedupe: "risk:1001"), shopID: shop, at: Self.t0)
        #expect(third.created)
        #expect(third.proposal.id != first.proposal.id)
    }

    @Test func invalidProposalsAreRefused() async throws {
        let (approvals, _, shop) = try await service()
        var bad = Self.tags()
        bad.payload = ["id": "gid://shopify/Customer/9", "tags": [1]]
        await #expect(throws: ActionError.invalidPayload(field: "payload.tags[0]", reason: "must be a string")) {
            try await approvals.propose(bad, shopID: shop, at: Self.t0)
        }
        var noReason = Self.tags()
        noReason.reason = "  "
        await #expect(throws: ActionError.self) { try await approvals.propose(noReason, shopID: shop, at: Self.t0) }
    }

    @Test func decisionsWriteAuditRows() async throws {
        let (approvals, store, shop) = try await service()
        let a = try await approvals.propose(Self.tags(1), shopID: shop, at: Self.t0).proposal
        let b = try await approvals.propose(Self.tags(2), shopID: shop, at: Self.t0).proposal
        let approved = try await approvals.approve(shopID: shop, id: a.id, by: ana, reason: "looks right", at: Self.t0.addingTimeInterval(60))
        #expect(approved.status == .approved)
        #expect(approved.decidedBy == "user:ana@shop")
        #expect(approved.decisionReason == "looks right")
        // Deciding twice is refused and writes nothing.
        await #expect(throws: StorageError.proposalNotPending(id: a.id, status: "approved")) {
            try await approvals.approve(shopID: shop, id: a.id, by: ana, reason: nil)
        }
        await #expect(throws: ActionError.reasonRequired(decision: "rejection")) {
            try await approvals.reject(shopID: shop, id: b.id, by: ana, reason: " ")
        }
        let rejected = try await approvals.reject(shopID: shop, id: b.id, by: ana, reason: "already a VIP", at: Self.t0)
        #expect(rejected.status == .rejected)

        let rowsA = try await store.auditEntries(shopID: shop, after: 0, limit: 10, proposalID: a.id).map(\.entry)
        #expect(rowsA.map(\.action) == ["proposal.created", "proposal.approved"])
        #expect(rowsA[1].actorType == .user)
        #expect(rowsA[1].actorID == "ana@shop")
        #expect(rowsA[1].source == "ui")
        #expect(rowsA[1].decision == "approve")
        #expect(rowsA[1].reason == "looks right")
        let rowsB = try await store.auditEntries(shopID: shop, after: 0, limit: 10, proposalID: b.id).map(\.entry)
        #expect(rowsB.map(\.action) == ["proposal.created", "proposal.rejected"])
        #expect(rowsB[1].reason == "already a VIP")
        #expect(try await store.verifyAudit(shopID: shop).isIntact)
    }

    @Test func editRevalidatesAndRecordsOldAndNew() async throws {
        let (approvals, store, shop) = try await service()
        let p = try await approvals.propose(Self.tags(5), shopID: shop, at: Self.t0).proposal
        await #expect(throws: ActionError.invalidPayload(field: "payload.tags", reason: "must not be empty")) {
            try await approvals.edit(shopID: shop, id: p.id, payload: ["id": "gid://shopify/Customer/5", "tags": []], by: ana, reason: nil,
                                   at: Self.t0)
        }
        #expect(try await store.proposal(id: p.id, shopID: shop)?.status == .pending)
        let edited = try await approvals.edit(shopID: shop, id: p.id, payload: ["id": "gid://shopify/Customer/5", "tags": ["vip", " win-back "]],
                                              by: ana, reason: "also VIP", at: Self.t0)
        #expect(edited.status == .approved)
        let expected = #"{"id":"gid:\/\/shopify\/Customer\/5","tags":["vip","win-back"]}"#.replacingOccurrences(of: "\\/", with: "/")
        #expect(edited.effectivePayload == expected)
        #expect(edited.effectivePayloadHash == ActionPayload.hash(canonical: expected))
        #expect(edited.draft.payload == #"{"id":"gid://shopify/Customer/5","tags":["win-back"]}"#)
        let row = try #require(try await store.auditEntries(shopID: shop, after: 0, limit: 10, proposalID: p.id).last).entry
        #expect(row.action == "proposal.edited")
        #expect(row.oldValue == p.draft.payload)
        #expect(row.newValue == expected)
        #expect(row.decision == "edit")
    }

    @Test func expiry() async throws {
        let (approvals, store, shop) = try await service()
        let short = try await approvals.propose(Self.tags(1, ttl: 60), shopID: shop, at: Self.t0).proposal
        let long = try await approvals.propose(Self.tags(2, ttl: 3600), shopID: shop, at: Self.t0).proposal
        #expect(try await approvals.expireDue(now: Self.t0.addingTimeInterval(59)) == 0)
        #expect(try await approvals.expireDue(now: Self.t0.addingTimeInterval(61)) == 1)
        #expect(try await approvals.expireDue(now: Self.t0.addingTimeInterval(61)) == 0)
        #expect(try await store.proposal(id: short.id, shopID: shop)?.status == .expired)
        #expect(try await store.proposal(id: short.id, shopID: shop)?.decidedBy == "system:expiry")
        #expect(try await store.proposal(id: long.id, shopID: shop)?.status == .pending)
        let row = try #require(try await store.auditEntries(shopID: shop, after: 0, limit: 10, proposalID: short.id).last).entry
        #expect(row.action == "proposal.expired")
        #expect(row.actorType == .system)
        #expect(row.decision == "expire")
        // An expired proposal cannot be approved.
        await #expect(throws: StorageError.self) { try await approvals.approve(shopID: shop, id: short.id, by: ana, reason: nil) }
    }
}
