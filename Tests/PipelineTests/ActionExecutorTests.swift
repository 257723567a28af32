import FakeShopify
import Foundation
import Pipeline
import ShopifyAdmin
import Storage
import Testing

/// The executor against the local fake Shopify and a real (in-memory) SQLite queue: exactly one
/// applied mutation per approved proposal, none for rejected ones, and a retried execution applied once.
@Suite(.serialized) struct ActionExecutorTests {
    /// A far-future "now" keeps these clocks apart from the real clock the fake stamps.
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    static let ana = ActionActor.user("ana@shop", source: "cli")
    // seedSyntheticOrders: customers 5,000,000,000…, orders 6,000,000,000…, variants 4,000,000,000…19.
    static let customer = "gid://shopify/Customer/5000000000"
    static let order = "gid://shopify/Order/6000000000"
    static let variant = "gid://shopify/ProductVariant/4000000003"

    struct Fixture {
        let fake: FakeShopify
        let store: SQLiteStore
        let shop: Int64
        let approvals: ApprovalService
        let client: AdminClient
        let outbox: URL

        func executor(_ options: ActionExecutorOptions = ActionExecutorOptions()) -> ActionExecutor {
            ActionExecutor(store: store, clients: FixedAdminClientProvider(clients: [shop: client]), outbox: outbox, options: options)
        }

        /// Proposes and (when the policy left it pending) approves.
        func approved(_ action: ProposedAction) async throws -> ActionProposal {
            let proposal = try await approvals.propose(action, shopID: shop, at: t0).proposal
            guard proposal.status == .pending else { return proposal }
            return try await approvals.approve(shopID: shop, id: proposal.id, by: ana, reason: "ok", at: t0)
        }

        func applied(_ field: String) async -> [RecordedMutation] {
            await fake.recordedMutations(field: field).filter(\.applied)
        }

        func close() async {
            await fake.stop()
            try? FileManager.default.removeItem(at: outbox)
        }
    }

    static func fixture() async throws -> Fixture {
        let fake = try await FakeShopify.start()
        await fake.seedSyntheticOrders(count: 3, customers: 2)
        let (store, shop) = try await SQLiteStore.lifecycleShop()
        // Few, short client retries: the executor's own retry is what these tests exercise.
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared,
                                 options: AdminClientOptions(maxAttempts: 2, baseBackoff: 0.01, maxBackoff: 0.05, requestTimeout: 20))
        let outbox = FileManager.default.temporaryDirectory.appending(path: "storewise-outbox-\(UUID().uuidString)", directoryHint: .isDirectory)
        return Fixture(fake: fake, store: store, shop: shop, approvals: ApprovalService(store: store, policy: .standard), client: client, outbox: outbox)
    }

    static func tags(_ customer: String = customer, _ tags: JSONValue = ["win-back"]) -> ProposedAction {
        ProposedAction(type: .customerTags, targetType: "customer", targetID: customer, payload: ["id": .string(customer), "tags": tags],
                       modelKind: "customer-value", modelVersion: 2, reason: "No order in 140 days", proposer: "customer-segments")
    }

    static func draftOrder(customer: String = customer) -> ProposedAction {
        ProposedAction(type: .draftOrder, targetType: "customer", targetID: customer,
                       payload: ["customerId": .string(customer), "lineItems": [["variantId": .string(variant), "quantity": 2]],
                                 "note": "Reorder", "tags": ["reorder"]],
                       reason: "Usually reorders every 30 days", proposer: "reorder")
    }

    static func assessment(level: String = "HIGH") -> ProposedAction {
        ProposedAction(type: .orderRiskAssessment, targetType: "order", targetID: order,
                       payload: ["orderId": .string(order), "riskLevel": .string(level),
                                 "facts": [["description": "Billing and shipping countries differ", "sentiment": "NEGATIVE"]]],
                       modelKind: "order-risk", modelVersion: 1, confidence: 0.7, reason: "Risk score 0.7", proposer: "order-risk")
    }

    @Test func approvedTagsAddIsSentOnceWithTheRightVariables() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        let p = try await f.approved(Self.tags())
        let done = try #require(try await f.executor().execute(proposalID: p.id, now: Self.t0))
        #expect(done.status == .executed)
        #expect(try await f.executor().executeDue(now: Self.t0.addingTimeInterval(3600)) == 0)
        let sent = await f.fake.recordedMutations(field: "tagsAdd")
        #expect(sent.count == 1)
        #expect(sent.first?.applied == true)
        #expect(sent.first?.variables == ["id": .string(Self.customer), "tags": ["win-back"]])
        #expect(await f.fake.tags(of: Self.customer)?.contains("win-back") == true)
        let outcome = try JSONValue.parse(Data(try #require(done.outcome).utf8))
        #expect(outcome["id"] == .string(Self.customer))
        let rows = try await f.store.auditEntries(shopID: f.shop, after: 0, limit: 10, proposalID: p.id).map(\.entry)
        #expect(rows.map(\.action) == ["proposal.created", "proposal.approved", "execution.succeeded"])
        #expect(rows.last?.outcome == done.outcome)
        #expect(rows.last?.modelVersion == 2)
        #expect(try await f.store.verifyAudit(shopID: f.shop).isIntact)
    }

    @Test func rejectedAndPendingProposalsNeverReachShopify() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        let rejected = try await f.approvals.propose(Self.tags(), shopID: f.shop, at: Self.t0).proposal
        _ = try await f.approvals.reject(shopID: f.shop, id: rejected.id, by: Self.ana, reason: "not now", at: Self.t0)
        let pending = try await f.approvals.propose(Self.draftOrder(), shopID: f.shop, at: Self.t0).proposal
        #expect(pending.status == .pending)
        #expect(try await f.executor().executeDue(now: Self.t0.addingTimeInterval(60)) == 0)
        #expect(try await f.executor().execute(proposalID: rejected.id, now: Self.t0) == nil)
        #expect(await f.fake.recordedMutations().isEmpty)
    }

    @Test func lostDraftOrderResponseIsNotAppliedTwice() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        await f.fake.inject(.dropResponseAfterApply(field: "draftOrderCreate", count: 1))
        let p = try await f.approved(Self.draftOrder())
        let first = try #require(try await f.executor().execute(proposalID: p.id, now: Self.t0))
        // Shopify applied it, the answer was lost (503): retry later, not failed.
        #expect(first.status == .approved)
        #expect(first.attempts == 1)
        #expect(first.lastError?.contains("503") == true)
        // RetryBackoff(30 s base): the second attempt is due 30 s later, not before.
        #expect(try await f.executor().executeDue(now: Self.t0.addingTimeInterval(29)) == 0)
        #expect(try await f.executor().executeDue(now: Self.t0.addingTimeInterval(31)) == 1)
        let done = try #require(try await f.store.proposal(id: p.id, shopID: f.shop))
        #expect(done.status == .executed)
        #expect(done.attempts == 2)
        #expect(await f.applied("draftOrderCreate").count == 1)
        #expect(await f.fake.recordedMutations(field: "draftOrderCreate").count == 1)
        let drafts = await f.fake.draftOrders
        #expect(drafts.count == 1)
        #expect(drafts.first?.tags.contains("storewise-proposal-\(p.id)") == true)
        #expect(drafts.first?.tags.contains("reorder") == true)
        let outcome = try JSONValue.parse(Data(try #require(done.outcome).utf8))
        #expect(outcome["alreadyApplied"] == true)
        let actions = try await f.store.auditEntries(shopID: f.shop, after: 0, limit: 10, proposalID: p.id).map(\.entry.action)
        #expect(actions == ["proposal.created", "proposal.approved", "execution.failed", "execution.succeeded"])
    }

    @Test func lostRiskAssessmentResponseIsNotAppliedTwice() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        await f.fake.inject(.dropResponseAfterApply(field: "orderRiskAssessmentCreate", count: 1))
        let p = try await f.approved(Self.assessment())
        #expect(try await f.executor().execute(proposalID: p.id, now: Self.t0)?.status == .approved)
        #expect(try await f.executor().executeDue(now: Self.t0.addingTimeInterval(3600)) == 1)
        #expect(try await f.store.proposal(id: p.id, shopID: f.shop)?.status == .executed)
        #expect(await f.applied("orderRiskAssessmentCreate").count == 1)
        #expect(await f.fake.riskAssessments(orderID: 6_000_000_000).count == 1)
    }

    @Test func lowRiskAssessmentRunsWithoutAPerson() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        let p = try await f.approvals.propose(Self.assessment(level: "LOW"), shopID: f.shop, at: Self.t0).proposal
        #expect(p.status == .approved)
        #expect(try await f.executor().executeDue(now: Self.t0) == 1)
        let sent = await f.applied("orderRiskAssessmentCreate")
        #expect(sent.count == 1)
        #expect(sent.first?.variables == ["input": ["orderId": .string(Self.order), "riskLevel": "LOW",
                                                    "facts": [["description": "Billing and shipping countries differ", "sentiment": "NEGATIVE"]]]])
    }

    @Test func metafieldsAndFixedAmountDiscountReachTheFake() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        let metafields = try await f.approved(ProposedAction(
            type: .metafields, targetType: "customer", targetID: Self.customer,
            payload: ["metafields": [["ownerId": .string(Self.customer), "namespace": "storewise", "key": "clv", "type": "number_decimal",
                                      "value": "123.40"]]],
            modelKind: "customer-value", modelVersion: 5, reason: "Predicted value", proposer: "customer-segments"))
        let discount = try await f.approved(ProposedAction(
            type: .discountCode, targetType: "shop", targetID: "all",
            payload: ["title": "Ten off", "code": "TENOFF-A", "amount": "10", "currency": "USD", "startsAt": "2026-05-01T00:00:00Z",
                      "all": true, "appliesOncePerCustomer": false, "usageLimit": 100],
            reason: "Spring", proposer: "api:ana"))
        // 10.00 USD at stake.
        #expect(discount.draft.amountMinor == 1000)
        #expect(try await f.executor().executeDue(now: Self.t0) == 2)
        #expect(try await f.store.proposal(id: metafields.id, shopID: f.shop)?.status == .executed)
        #expect(try await f.store.proposal(id: discount.id, shopID: f.shop)?.status == .executed)
        #expect(await f.fake.metafields(of: Self.customer).count == 1)
        let sent = try #require(await f.applied("discountCodeBasicCreate").first)
        #expect(sent.variables["basicCodeDiscount"]["customerGets"] == ["value": ["discountAmount": ["amount": "10.00", "appliesOnEachItem": false]],
                                                                          "items": ["all": true]])
        #expect(sent.variables["basicCodeDiscount"]["context"] == ["all": "ALL"])
        #expect(sent.variables["basicCodeDiscount"]["usageLimit"] == 100)
        #expect(await f.fake.discounts.count == 1)
    }

    @Test func staleLeaseAfterACrashAppliesOnce() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        let discount = ProposedAction(
            type: .discountCode, targetType: "customer", targetID: Self.customer,
            payload: ["title": "Welcome back", "code": "BACK15-X1", "percentage": 0.15, "startsAt": "2026-05-01T00:00:00Z",
                      "customerIds": [.string(Self.customer)], "appliesOncePerCustomer": true],
            reason: "Win back", proposer: "win-back")
        let p = try await f.approved(discount)
        // An executor claims it, sends the mutation, and dies before recording anything.
        let claimed = try #require(try await f.store.claimExecution(proposalID: p.id, now: Self.t0, leaseSeconds: 60))
        #expect(claimed.1.attempt == 1)
        _ = try await f.client.execute(AdminDocuments.discountCodeBasicCreate, variables: ["basicCodeDiscount": [
            "title": "Welcome back", "code": "BACK15-X1", "startsAt": "2026-05-01T00:00:00Z", "appliesOncePerCustomer": true,
            "customerGets": ["value": ["percentage": 0.15], "items": ["all": true]],
            "context": ["customers": ["add": [.string(Self.customer)]]],
        ]])
        #expect(await f.applied("discountCodeBasicCreate").count == 1)
        // While the lease holds nobody runs it; once it has expired (60 s) the next executor does, and finds the code.
        #expect(try await f.executor().executeDue(now: Self.t0.addingTimeInterval(30)) == 0)
        #expect(try await f.executor().executeDue(now: Self.t0.addingTimeInterval(61)) == 1)
        let done = try #require(try await f.store.proposal(id: p.id, shopID: f.shop))
        #expect(done.status == .executed)
        #expect(done.attempts == 2)
        #expect(await f.applied("discountCodeBasicCreate").count == 1)
        #expect(await f.fake.discounts.count == 1)
        // The crashed executor's late completion is refused.
        #expect(try await f.store.completeExecution(claimed.1, outcome: "{}", audit: AuditEntryDraft(
            shopID: f.shop, at: Self.t0, actorType: .system, actorID: "executor", action: "execution.succeeded", targetType: "customer",
            targetID: Self.customer, source: "executor"), at: Self.t0) == false)
    }

    @Test func crashBeforeSendingStillSendsOnce() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        let p = try await f.approved(Self.draftOrder())
        _ = try #require(try await f.store.claimExecution(proposalID: p.id, now: Self.t0, leaseSeconds: 60))
        #expect(try await f.executor().executeDue(now: Self.t0.addingTimeInterval(61)) == 1)
        #expect(await f.applied("draftOrderCreate").count == 1)
        #expect(try await f.store.proposal(id: p.id, shopID: f.shop)?.status == .executed)
    }

    /// Five claims that never finish (each executor dies holding the lease, 60 s each): the sixth
    /// claim gives up without sending, and the proposal is failed with the reason.
    @Test func proposalThatNeverFinishesStopsAfterMaxAttempts() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        let p = try await f.approved(Self.draftOrder())
        for attempt in 1...5 {
            let claimed = try #require(try await f.store.claimExecution(proposalID: p.id, now: Self.t0.addingTimeInterval(Double(attempt - 1) * 61),
                                                                         leaseSeconds: 60))
            #expect(claimed.1.attempt == attempt)
        }
        #expect(try await f.executor(ActionExecutorOptions(maxAttempts: 5)).executeDue(now: Self.t0.addingTimeInterval(5 * 61)) == 1)
        let done = try #require(try await f.store.proposal(id: p.id, shopID: f.shop))
        #expect(done.status == .failed)
        #expect(done.attempts == 6)
        #expect(done.lastError?.contains("5 attempts did not finish") == true)
        #expect(await f.fake.recordedMutations(field: "draftOrderCreate").isEmpty)
    }

    @Test func twoExecutorsRacingApplyEachOnce() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        var ids: [Int64] = []
        for tag in ["a", "b", "c", "d"] { ids.append(try await f.approved(Self.tags(Self.customer, [.string("race-\(tag)")])).id) }
        ids.append(try await f.approved(Self.draftOrder()).id)
        let one = f.executor(), two = f.executor()
        async let ranOne = one.executeDue(now: Self.t0)
        async let ranTwo = two.executeDue(now: Self.t0)
        let total = try await ranOne + ranTwo
        #expect(total == 5)
        #expect(await f.applied("tagsAdd").count == 4)
        #expect(await f.applied("draftOrderCreate").count == 1)
        for id in ids { #expect(try await f.store.proposal(id: id, shopID: f.shop)?.status == .executed) }
    }

    @Test func userErrorsFailWithoutRetryNamingTheField() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        let p = try await f.approved(Self.draftOrder(customer: "gid://shopify/Customer/999"))
        let failed = try #require(try await f.executor().execute(proposalID: p.id, now: Self.t0))
        #expect(failed.status == .failed)
        #expect(failed.lastError?.contains("customerId") == true)
        #expect(failed.lastError?.contains("Customer does not exist") == true)
        #expect(try await f.executor().executeDue(now: Self.t0.addingTimeInterval(86_400)) == 0)
        #expect(await f.applied("draftOrderCreate").isEmpty)
        let row = try #require(try await f.store.auditEntries(shopID: f.shop, after: 0, limit: 10, proposalID: p.id).last).entry
        #expect(row.action == "execution.failed")
        #expect(row.outcome?.hasPrefix("error: ") == true)
    }

    @Test func unreachableShopifyIsRetriedThenFails() async throws {
        let f = try await Self.fixture()
        defer { Task { await f.close() } }
        await f.fake.inject(.httpStatus(500, count: 100))
        let p = try await f.approved(Self.tags())
        let executor = f.executor(ActionExecutorOptions(maxAttempts: 2, backoff: RetryBackoff(baseSeconds: 10, capSeconds: 10)))
        #expect(try await executor.execute(proposalID: p.id, now: Self.t0)?.status == .approved)
        #expect(try await executor.execute(proposalID: p.id, now: Self.t0.addingTimeInterval(11))?.status == .failed)
        #expect(await f.applied("tagsAdd").isEmpty)
    }
}
