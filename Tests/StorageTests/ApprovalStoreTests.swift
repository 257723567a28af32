import Commerce
import Foundation
import GRDB
import Logging
import PostgresNIO
@testable import Storage
import Testing
import TestSupport

/// `ApprovalStore` on both backends: verdicts, dedupe, decisions, execution leases, listing, and
/// the audit row that goes with every state change (and never with a refused one).
@Suite struct ApprovalStoreTests {
    let t0 = utc("2024-05-01T09:00:00Z")

    func makeStore(_ backend: Backend) async throws -> (store: any StorewiseStore, shopID: Int64, database: ConformanceDatabase) {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        return (database.store, shop.id, database)
    }

    func draft(_ shopID: Int64, key: String? = nil, target: String = "gid://shopify/Order/1001", expiresIn: Double = 86_400)
        -> ProposalDraft {
        ProposalDraft(shopID: shopID, actionType: "order-risk-assessment", targetType: "order", targetID: target,
                      payload: #"{"riskLevel":"LOW"}"#, payloadHash: String(repeating: "a", count: 64), modelKind: "risk",
                      modelVersion: 3, confidence: 0.91, reason: "Risk score 0.04", proposedBy: "order-risk", dedupeKey: key,
                      amountMinor: 1250, currency: "USD", expiresAt: t0.addingTimeInterval(expiresIn))
    }

    func audit(_ shopID: Int64, _ action: String, at: Date? = nil) -> AuditEntryDraft {
        AuditEntryDraft(shopID: shopID, at: at ?? t0, actorType: .system, actorID: "test", action: action, targetType: "order",
                        targetID: "gid://shopify/Order/1001", source: "scheduler")
    }

    func auditRows(_ database: ConformanceDatabase, _ shopID: Int64) async throws -> Int {
        try await database.count("SELECT count(*) FROM audit_log WHERE shop_id = ?", [shopID])
    }

    @Test(arguments: Backend.all) func verdictsSetTheStatusAndTheDecider(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        let (pending, created) = try await store.createProposal(draft(shopID, target: "a"), verdict: .requirePerson, rule: "person",
                                                                audit: audit(shopID, "proposal.created"), at: t0)
        #expect(created && pending.status == .pending && pending.verdict == .requirePerson && pending.policyRule == "person")
        #expect(pending.decidedBy == nil && pending.decidedAt == nil && pending.attempts == 0)
        #expect(pending.draft == draft(shopID, target: "a") && pending.createdAt == t0 && pending.updatedAt == t0)

        let (approved, _) = try await store.createProposal(draft(shopID, target: "b"), verdict: .autoApprove, rule: "low-risk",
                                                           audit: audit(shopID, "proposal.created"), at: t0)
        #expect(approved.status == .approved && approved.decidedBy == "policy:low-risk" && approved.decidedAt == t0)

        let (rejected, _) = try await store.createProposal(draft(shopID, target: "c"), verdict: .reject, rule: "blocked",
                                                           audit: audit(shopID, "proposal.created"), at: t0)
        #expect(rejected.status == .rejected && rejected.decidedBy == "policy:blocked")

        // One audit row per proposal, carrying its id.
        let rows = try await store.auditEntries(shopID: shopID, after: 0, limit: 10, proposalID: nil)
        #expect(rows.map(\.sequence) == [1, 2, 3])
        #expect(rows.map(\.entry.proposalID) == [pending.id, approved.id, rejected.id])
        #expect(try await store.auditEntries(shopID: shopID, after: 0, limit: 10, proposalID: approved.id).map(\.sequence) == [2])
        _ = database
    }

    @Test(arguments: Backend.all) func aLiveDedupeKeyReturnsTheExistingProposal(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        let (first, created) = try await store.createProposal(draft(shopID, key: "risk:1001"), verdict: .requirePerson, rule: "r",
                                                              audit: audit(shopID, "proposal.created"), at: t0)
        #expect(created)
        let (again, createdAgain) = try await store.createProposal(draft(shopID, key: "risk:1001"), verdict: .autoApprove, rule: "r",
                                                                   audit: audit(shopID, "proposal.created"), at: t0.addingTimeInterval(5))
        #expect(!createdAgain && again == first)
        #expect(try await auditRows(database, shopID) == 1)

        // Approved is live too; rejected is not: a new proposal with that key may follow.
        _ = try await store.decideProposal(id: first.id, shopID: shopID, .approve, by: "user:ana", reason: nil,
                                           audit: audit(shopID, "proposal.approved"), at: t0)
        #expect(try await store.createProposal(draft(shopID, key: "risk:1001"), verdict: .requirePerson, rule: "r",
                                               audit: audit(shopID, "proposal.created"), at: t0).created == false)
        let (_, lease) = try #require(try await store.claimExecution(proposalID: first.id, now: t0, leaseSeconds: 60))
        _ = try await store.failExecution(lease, error: "boom", retryAt: nil, audit: audit(shopID, "execution.failed"), at: t0)
        let (second, createdSecond) = try await store.createProposal(draft(shopID, key: "risk:1001"), verdict: .requirePerson,
                                                                     rule: "r", audit: audit(shopID, "proposal.created"), at: t0)
        #expect(createdSecond && second.id != first.id)

        // Keys are per shop.
        let other = try await database.makeShop(domain: "other.myshopify.com")
        #expect(try await store.createProposal(draft(other.id, key: "risk:1001"), verdict: .requirePerson, rule: "r",
                                               audit: audit(other.id, "proposal.created"), at: t0).created)
    }

    @Test(arguments: Backend.all) func decisions(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        func pending(_ target: String) async throws -> ActionProposal {
            try await store.createProposal(draft(shopID, target: target), verdict: .requirePerson, rule: "r",
                                           audit: audit(shopID, "proposal.created"), at: t0).proposal
        }
        let later = t0.addingTimeInterval(120)
        let a = try await store.decideProposal(id: try await pending("a").id, shopID: shopID, .approve, by: "user:ana",
                                               reason: "fine", audit: audit(shopID, "proposal.approved"), at: later)
        #expect(a.status == .approved && a.decidedBy == "user:ana" && a.decidedAt == later && a.decisionReason == "fine")
        #expect(a.editedPayload == nil && a.effectivePayload == #"{"riskLevel":"LOW"}"# && a.updatedAt == later)

        let editedHash = String(repeating: "b", count: 64)
        let e = try await store.decideProposal(id: try await pending("e").id, shopID: shopID,
                                               .edit(payload: #"{"riskLevel":"MEDIUM"}"#, payloadHash: editedHash), by: "user:ana",
                                               reason: nil, audit: audit(shopID, "proposal.edited"), at: later)
        #expect(e.status == .approved && e.effectivePayload == #"{"riskLevel":"MEDIUM"}"# && e.effectivePayloadHash == editedHash)
        #expect(e.draft.payload == #"{"riskLevel":"LOW"}"#)

        let r = try await store.decideProposal(id: try await pending("r").id, shopID: shopID, .reject, by: "user:ana",
                                               reason: "no", audit: audit(shopID, "proposal.rejected"), at: later)
        #expect(r.status == .rejected)
        let x = try await store.decideProposal(id: try await pending("x").id, shopID: shopID, .expire, by: "system:expiry",
                                               reason: nil, audit: audit(shopID, "proposal.expired"), at: later)
        #expect(x.status == .expired && x.decidedBy == "system:expiry")
        #expect(try await auditRows(database, shopID) == 8)

        // Refused: not pending, unknown id, another shop's id. Nothing written.
        await #expect(throws: StorageError.proposalNotPending(id: r.id, status: "rejected")) {
            try await store.decideProposal(id: r.id, shopID: shopID, .approve, by: "user:bob", reason: nil,
                                           audit: audit(shopID, "proposal.approved"), at: later)
        }
        await #expect(throws: StorageError.proposalNotPending(id: a.id, status: "approved")) {
            try await store.decideProposal(id: a.id, shopID: shopID, .reject, by: "user:bob", reason: nil,
                                           audit: audit(shopID, "proposal.rejected"), at: later)
        }
        await #expect(throws: StorageError.unknownProposal(id: 999)) {
            try await store.decideProposal(id: 999, shopID: shopID, .approve, by: "user:bob", reason: nil,
                                           audit: audit(shopID, "proposal.approved"), at: later)
        }
        let other = try await database.makeShop(domain: "other.myshopify.com")
        let p = try await pending("p")
        await #expect(throws: StorageError.unknownProposal(id: p.id)) {
            try await store.decideProposal(id: p.id, shopID: other.id, .approve, by: "user:bob", reason: nil,
                                           audit: audit(other.id, "proposal.approved"), at: later)
        }
        #expect(try await auditRows(database, shopID) == 9)
        #expect(try await auditRows(database, other.id) == 0)
        #expect(try await store.proposal(id: r.id, shopID: shopID) == r)
        #expect(try await store.proposal(id: p.id, shopID: shopID)?.status == .pending)
        #expect(try await store.proposal(id: p.id, shopID: other.id) == nil)
    }

    @Test(arguments: Backend.all) func aChangeWhoseAuditRowFailsIsRolledBack(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        let p = try await store.createProposal(draft(shopID), verdict: .requirePerson, rule: "r",
                                               audit: audit(shopID, "proposal.created"), at: t0).proposal
        // Make every audit insert fail (as a full disk or a bug would), through a second connection.
        if let sqlite = database.sqlite {
            let raw = try DatabaseQueue(path: sqlite.writer.path)
            try await raw.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END
                    """)
            }
        } else if let postgres = database.postgres {
            try await postgres.execute("""
                CREATE FUNCTION audit_refuses() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$
                """)
            try await postgres.execute("""
                CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_refuses()
                """)
        }
        await #expect(throws: (any Error).self) {
            try await store.decideProposal(id: p.id, shopID: shopID, .approve, by: "user:ana", reason: nil,
                                           audit: audit(shopID, "proposal.approved"), at: t0)
        }
        await #expect(throws: (any Error).self) {
            try await store.createProposal(draft(shopID, target: "other"), verdict: .autoApprove, rule: "r",
                                           audit: audit(shopID, "proposal.created"), at: t0)
        }
        #expect(try await store.proposal(id: p.id, shopID: shopID) == p)
        #expect(try await store.proposals(shopID: shopID, query: ProposalQuery()).total == 1)
        #expect(try await auditRows(database, shopID) == 1)
        #expect(try await store.verifyAudit(shopID: shopID).isIntact)
    }

    @Test(arguments: Backend.all) func expiredPendingProposalsOldestFirst(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let late = try await store.createProposal(draft(shopID, target: "late", expiresIn: 7200), verdict: .requirePerson, rule: "r",
                                                  audit: audit(shopID, "proposal.created"), at: t0).proposal
        let early = try await store.createProposal(draft(shopID, target: "early", expiresIn: 3600), verdict: .requirePerson,
                                                   rule: "r", audit: audit(shopID, "proposal.created"), at: t0).proposal
        _ = try await store.createProposal(draft(shopID, target: "approved", expiresIn: 60), verdict: .autoApprove, rule: "r",
                                           audit: audit(shopID, "proposal.created"), at: t0)
        #expect(try await store.expiredPendingProposals(now: t0.addingTimeInterval(3599), limit: 10).isEmpty)
        #expect(try await store.expiredPendingProposals(now: t0.addingTimeInterval(3600), limit: 10).map(\.id) == [early.id])
        #expect(try await store.expiredPendingProposals(now: t0.addingTimeInterval(9000), limit: 10).map(\.id) == [early.id, late.id])
        #expect(try await store.expiredPendingProposals(now: t0.addingTimeInterval(9000), limit: 1).map(\.id) == [early.id])
    }

    @Test(arguments: Backend.all) func executionLeases(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        let p = try await store.createProposal(draft(shopID), verdict: .autoApprove, rule: "low-risk",
                                               audit: audit(shopID, "proposal.created"), at: t0).proposal
        // A pending proposal is never claimed.
        _ = try await store.createProposal(draft(shopID, target: "pending"), verdict: .requirePerson, rule: "r",
                                           audit: audit(shopID, "proposal.created"), at: t0)

        let (claimedA, leaseA) = try #require(try await store.claimExecution(shopID: shopID, now: t0, leaseSeconds: 60))
        #expect(claimedA.id == p.id && claimedA.status == .executing && claimedA.attempts == 1 && leaseA.attempt == 1)
        #expect(claimedA.leaseToken == leaseA.token && claimedA.leaseExpiresAt == t0.addingTimeInterval(60))
        #expect(try await store.claimExecution(shopID: nil, now: t0.addingTimeInterval(59), leaseSeconds: 60) == nil)
        #expect(try await store.claimExecution(proposalID: p.id, now: t0.addingTimeInterval(59), leaseSeconds: 60) == nil)

        // The lease runs out: a second executor takes it with a new token and attempt 2.
        let later = t0.addingTimeInterval(60)
        let (claimedB, leaseB) = try #require(try await store.claimExecution(shopID: nil, now: later, leaseSeconds: 60))
        #expect(claimedB.id == p.id && leaseB.attempt == 2 && leaseB.token != leaseA.token)

        // The first executor comes back: refused, nothing written.
        let before = try await auditRows(database, shopID)
        #expect(try await store.completeExecution(leaseA, outcome: #"{"from":"A"}"#, audit: audit(shopID, "execution.succeeded"),
                                                  at: later) == false)
        #expect(try await store.failExecution(leaseA, error: "A", retryAt: later, audit: audit(shopID, "execution.failed"),
                                              at: later) == nil)
        #expect(try await auditRows(database, shopID) == before)
        #expect(try await store.proposal(id: p.id, shopID: shopID) == claimedB)

        // A failure with a retry time: approved again, due at that time.
        let retryAt = later.addingTimeInterval(300)
        let retried = try #require(try await store.failExecution(leaseB, error: "HTTP 503", retryAt: retryAt,
                                                                 audit: audit(shopID, "execution.failed"), at: later))
        #expect(retried.status == .approved && retried.nextAttemptAt == retryAt && retried.lastError == "HTTP 503")
        #expect(retried.leaseToken == nil && retried.attempts == 2)
        #expect(try await store.claimExecution(shopID: shopID, now: retryAt.addingTimeInterval(-1), leaseSeconds: 60) == nil)
        let (_, leaseC) = try #require(try await store.claimExecution(proposalID: p.id, now: retryAt, leaseSeconds: 60))
        #expect(leaseC.attempt == 3)

        #expect(try await store.completeExecution(leaseC, outcome: #"{"id":"gid://shopify/OrderRiskAssessment/1"}"#,
                                                  audit: audit(shopID, "execution.succeeded"), at: retryAt))
        #expect(try await store.completeExecution(leaseC, outcome: "again", audit: audit(shopID, "execution.succeeded"),
                                                  at: retryAt) == false)
        let done = try #require(try await store.proposal(id: p.id, shopID: shopID))
        #expect(done.status == .executed && done.executedAt == retryAt && done.outcome == #"{"id":"gid://shopify/OrderRiskAssessment/1"}"#)
        #expect(try await store.claimExecution(shopID: nil, now: retryAt.addingTimeInterval(3600), leaseSeconds: 60) == nil)
        let actions = try await store.auditEntries(shopID: shopID, after: 0, limit: 20, proposalID: p.id).map(\.entry.action)
        #expect(actions == ["proposal.created", "execution.failed", "execution.succeeded"])

        // A failure without a retry time is final.
        let q = try await store.createProposal(draft(shopID, target: "q"), verdict: .autoApprove, rule: "r",
                                               audit: audit(shopID, "proposal.created"), at: t0).proposal
        let (_, leaseQ) = try #require(try await store.claimExecution(proposalID: q.id, now: retryAt, leaseSeconds: 60))
        let failed = try #require(try await store.failExecution(leaseQ, error: "userErrors: invalid", retryAt: nil,
                                                                audit: audit(shopID, "execution.failed"), at: retryAt))
        #expect(failed.status == .failed && failed.lastError == "userErrors: invalid")
        #expect(try await store.claimExecution(proposalID: q.id, now: retryAt.addingTimeInterval(3600), leaseSeconds: 60) == nil)
    }

    @Test(arguments: Backend.all) func claimsTakeTheOldestDueOfTheShopAsked(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        let other = try await database.makeShop(domain: "other.myshopify.com")
        let newer = try await store.createProposal(draft(shopID, target: "newer"), verdict: .autoApprove, rule: "r",
                                                   audit: audit(shopID, "proposal.created"), at: t0.addingTimeInterval(10)).proposal
        let older = try await store.createProposal(draft(other.id, target: "older"), verdict: .autoApprove, rule: "r",
                                                   audit: audit(other.id, "proposal.created"), at: t0).proposal
        let now = t0.addingTimeInterval(60)
        #expect(try await store.claimExecution(shopID: shopID, now: now, leaseSeconds: 60)?.0.id == newer.id)
        #expect(try await store.claimExecution(shopID: shopID, now: now, leaseSeconds: 60) == nil)
        #expect(try await store.claimExecution(shopID: nil, now: now, leaseSeconds: 60)?.0.id == older.id)
        #expect(try await store.claimExecution(shopID: nil, now: now, leaseSeconds: 60) == nil)
    }

    @Test(arguments: Backend.all) func eightConcurrentClaimersOneWinner(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let p = try await store.createProposal(draft(shopID), verdict: .autoApprove, rule: "r",
                                               audit: audit(shopID, "proposal.created"), at: t0).proposal
        let t0 = self.t0
        let winners = try await withThrowingTaskGroup(of: ExecutionLease?.self) { group in
            for index in 0..<8 {
                group.addTask {
                    index.isMultiple(of: 2)
                        ? try await store.claimExecution(proposalID: p.id, now: t0, leaseSeconds: 60)?.1
                        : try await store.claimExecution(shopID: nil, now: t0, leaseSeconds: 60)?.1
                }
            }
            var leases: [ExecutionLease] = []
            for try await lease in group { if let lease { leases.append(lease) } }
            return leases
        }
        #expect(winners.count == 1)
        #expect(try await store.proposal(id: p.id, shopID: shopID)?.attempts == 1)
        #expect(try await store.proposal(id: p.id, shopID: shopID)?.leaseToken == winners.first?.token)
    }

    @Test(arguments: Backend.all) func listingNewestFirstWithCounts(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        var ids: [Int64] = []
        for (index, verdict) in [PolicyVerdict.requirePerson, .autoApprove, .requirePerson, .reject].enumerated() {
            ids.append(try await store.createProposal(draft(shopID, target: "t\(index)"), verdict: verdict, rule: "r",
                                                      audit: audit(shopID, "proposal.created"),
                                                      at: t0.addingTimeInterval(Double(index))).proposal.id)
        }
        var purchaseOrder = draft(shopID, target: "Acme")
        purchaseOrder.actionType = "purchase-order"
        let po = try await store.createProposal(purchaseOrder, verdict: .requirePerson, rule: "r",
                                                audit: audit(shopID, "proposal.created"), at: t0.addingTimeInterval(10)).proposal
        let other = try await database.makeShop(domain: "other.myshopify.com")
        _ = try await store.createProposal(draft(other.id), verdict: .requirePerson, rule: "r",
                                           audit: audit(other.id, "proposal.created"), at: t0)

        let all = try await store.proposals(shopID: shopID, query: ProposalQuery())
        #expect(all.total == 5 && all.rows.map(\.id) == [po.id, ids[3], ids[2], ids[1], ids[0]])
        let pending = try await store.proposals(shopID: shopID, query: ProposalQuery(statuses: [.pending], limit: 2))
        #expect(pending.total == 3 && pending.rows.map(\.id) == [po.id, ids[2]])
        let page2 = try await store.proposals(shopID: shopID, query: ProposalQuery(statuses: [.pending], limit: 2, offset: 2))
        #expect(page2.rows.map(\.id) == [ids[0]])
        let decided = try await store.proposals(shopID: shopID, query: ProposalQuery(statuses: [.approved, .rejected]))
        #expect(decided.total == 2 && decided.rows.map(\.id) == [ids[3], ids[1]])
        let pos = try await store.proposals(shopID: shopID, query: ProposalQuery(actionType: "purchase-order"))
        #expect(pos.total == 1 && pos.rows.map(\.id) == [po.id])
        #expect(try await store.proposals(shopID: shopID, query: ProposalQuery(statuses: [])).total == 0)

        let counts = try await store.proposalCounts(shopID: shopID)
        #expect(counts[.pending] == 3 && counts[.approved] == 1 && counts[.rejected] == 1 && counts[.executed] == 0)
        #expect(counts.count == ProposalStatus.allCases.count)
    }

    /// SQLite only: it reads SQLite's query plans (PostgreSQL's planner picks by table statistics,
    /// and seq-scans a table this small whatever the indexes).
    @Test func listingQueriesUseIndexes() async throws {
        let database = try TestDatabase()
        let store = database.store
        let shopID = try await database.makeShop().id
        let detail = try await store.writer.read { db in
            try [
                "SELECT * FROM action_proposals WHERE shop_id = \(shopID) AND status IN ('pending') ORDER BY created_at DESC, id DESC",
                "SELECT * FROM action_proposals WHERE shop_id = \(shopID) ORDER BY created_at DESC, id DESC",
                "SELECT id FROM action_proposals WHERE status = 'pending' AND expires_at <= 0 ORDER BY expires_at, id",
            ].map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: " | ")
            }
        }
        #expect(detail[0].contains("action_proposals_shop"))
        #expect(detail[1].contains("action_proposals_shop_created"))
        #expect(detail[2].contains("action_proposals_expiry"))
        #expect(detail.allSatisfy { !$0.contains("SCAN action_proposals") })
    }

    @Test(arguments: Backend.all) func shopRedactDeletesActionsData(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        let other = try await database.makeShop(domain: "other.myshopify.com")
        for id in [shopID, other.id] {
            _ = try await store.createProposal(draft(id), verdict: .requirePerson, rule: "r", audit: audit(id, "proposal.created"),
                                               at: t0)
            try await store.saveCredential(ShopCredential(shopID: id, sealedToken: Data([1, 2, 3]), scopes: "read_orders",
                                                          installedAt: t0))
            try await store.saveBackfillCheckpoint(BackfillCheckpoint(shopID: id, resource: "orders", status: .running,
                                                                      startedAt: t0, updatedAt: t0))
        }
        try await store.saveOAuthState(nonce: "n1", shopDomain: "demo.myshopify.com", expiresAt: t0.addingTimeInterval(600))
        try await store.saveOAuthState(nonce: "n2", shopDomain: "other.myshopify.com", expiresAt: t0.addingTimeInterval(600))
        try await store.deleteShopData(shopID: shopID)
        for table in ["action_proposals", "audit_log", "audit_heads", "shop_credentials", "backfill_checkpoints"] {
            #expect(try await database.count("SELECT count(*) FROM \(table) WHERE shop_id = ?", [shopID]) == 0, "\(table)")
            #expect(try await database.count("SELECT count(*) FROM \(table) WHERE shop_id = ?", [other.id]) == 1, "\(table)")
        }
        #expect(try await database.count("SELECT count(*) FROM oauth_states") == 1)
        #expect(try await store.verifyAudit(shopID: other.id).isIntact)
    }

    /// Two executors (two clients, as two worker processes would have) claim concurrently until the
    /// queue is empty: each of 50 approved proposals is leased exactly once.
    @Test(.enabled(if: TestPostgres.isAvailable)) func twoPostgresExecutorsClaimEachProposalOnce() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        var quiet = Logger(label: "storewise.test.postgres")
        quiet.logLevel = .error  // the pool's notices (a query racing the client's start) are not findings
        let clients = try (0..<2).map { _ in try PostgresStore(url: url, maximumConnections: 4, logger: quiet) }
        let lifetimes = clients.map(PostgresLifetime.init)
        let shop = try await clients[0].createShop(Shop(id: 9, domain: "demo.myshopify.com", name: "Demo", currency: "USD",
                                                        timeZone: "UTC"), webhookSecret: "s", apiTokenHash: "h", at: t0)
        var ids: Set<Int64> = []
        for index in 0..<50 {
            ids.insert(try await clients[index % 2].createProposal(draft(shop.id, target: "t\(index)"), verdict: .autoApprove,
                                                                   rule: "r", audit: audit(shop.id, "proposal.created"),
                                                                   at: t0).proposal.id)
        }
        let t0 = self.t0
        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for executor in 0..<4 {
                let client = clients[executor % 2]
                group.addTask {
                    var mine: [Int64] = []
                    while let claim = try await client.claimExecution(shopID: executor < 2 ? nil : shop.id, now: t0,
                                                                      leaseSeconds: 600) {
                        mine.append(claim.0.id)
                    }
                    return mine
                }
            }
            var all: [Int64] = []
            for try await mine in group { all += mine }
            return all
        }
        #expect(claimed.count == 50 && Set(claimed) == ids)
        let attempts = try await clients[1].proposals(shopID: shop.id, query: ProposalQuery(limit: 100)).rows.map(\.attempts)
        #expect(attempts == Array(repeating: 1, count: 50))
        #expect(try await clients[0].verifyAudit(shopID: shop.id).isIntact)
        _ = lifetimes
    }
}
