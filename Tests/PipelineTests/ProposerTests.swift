import Commerce
import Foundation
import Pipeline
import ShopifyAdmin
import Storage
import Testing

/// A UTC shop on a real SQLite file with customers (tags and consent as Shopify sends them),
/// hand-made scores and a customer-value champion, for the proposers.
struct ProposerFixture {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    let store: SQLiteStore
    let directory: URL
    let shopID: Int64
    let approvals: ApprovalService

    init() async throws {
        let (store, directory) = try SQLiteStore.temporary()
        self.store = store
        self.directory = directory
        shopID = try await store.createShop(Shop(domain: "proposers.myshopify.com", name: "Proposers", currency: "USD", timeZone: "UTC"),
                                            webhookSecret: "secret", apiTokenHash: "hash", at: Self.now).id
        approvals = ApprovalService(store: store, policy: .standard)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Stores customers through the ingest path (the projection keeps tags and consent).
    func customers(_ customers: [Customer]) async throws {
        let shopID = shopID
        _ = try await store.ingest(customers.map { customer in
            let payload = WebhookPayload.customer(customer)
            return IncomingEvent(shopID: shopID, topic: .customersCreate, webhookID: "c\(customer.id)", body: ShopifyJSON.encode(payload),
                                 payload: payload, receivedAt: Self.now, source: .webhook)
        })
    }

    /// A customer created 400 days ago and last updated `updatedDaysAgo` days before `now`.
    static func customer(_ id: Int64, tags: [String] = [], email: Bool = true, sms: Bool = false, updatedDaysAgo: Double = 0) -> Customer {
        Customer(id: id, email: "c\(id)@example.com", phone: "+1555010\(String(1000 + id).suffix(4))", firstName: "C\(id)", lastName: "Test",
                 state: "enabled", tags: tags, acceptsEmailMarketing: email, acceptsSMSMarketing: sms,
                 createdAt: now.addingTimeInterval(-400 * 86_400), updatedAt: now.addingTimeInterval(-updatedDaysAgo * 86_400))
    }

    static func score(_ id: Int64, segment: String, orders: Int = 2, pAlive: Double, clv: Int64, spend: Int64, age: Double = 100,
                      recency: Double = 50, orderValue: Int64 = 5000) -> CustomerScoreRow {
        CustomerScoreRow(customerID: id, orders: orders, onlineOrders: orders, posOrders: 0, frequency: Double(orders - 1), recencyDays: recency,
                         ageDays: age, firstOrderDay: "2025-09-23", lastOrderDay: "2025-12-29", spendMinor: spend, refundedMinor: 0,
                         currency: "USD", probabilityAlive: pAlive, expectedPurchases: 1.5, expectedOrderValueMinor: orderValue,
                         lifetimeValueMinor: clv, recencyScore: 5, frequencyScore: 5, monetaryScore: 5, segment: segment)
    }

    func scores(_ rows: [CustomerScoreRow]) async throws {
        let run = CustomerValueRun(shopID: shopID, createdAt: Self.now, model: "bgnbd", parameters: ["r": 1, "alpha": 1, "a": 1, "b": 1],
                                   spendParameters: [:], meanOrderValue: 50, unitDays: 1, logLikelihood: -100, customers: rows.count,
                                   repeatBuyers: rows.count, orders: 10, skippedOrders: 0, currency: "USD", horizonDays: 365, clvMonths: 12,
                                   holdout: nil, seconds: 0.1, eventCount: 10)
        _ = try await store.saveCustomerScores(run, scores: rows, keepRuns: 3)
    }

    /// Registers `versions` versions of `kind` and makes `champion` the champion.
    func champion(_ kind: String, versions: Int = 2, champion: Int = 2) async throws {
        for index in 1...versions {
            let draft = ModelVersionDraft(
                shopID: shopID, kind: kind, createdBy: "test", trigger: "initial", parameters: [:],
                data: TrainingDataIdentity(firstEventID: 1, lastEventID: 10, eventCount: 10, projectionDigest: "d\(index)", asOfDay: "2025-12-31"),
                holdoutMetrics: ["mae": 0.5], primaryMetric: "mae", higherIsBetter: false, artifactURI: "\(kind):\(index)", artifactDigest: "a\(index)")
            _ = try await store.registerModelVersion(draft, at: Self.now)
        }
        _ = try await store.moveAliases(shopID: shopID, kind: kind, [AliasChange(alias: "champion", version: champion)], actor: "test",
                                        action: "promote", reason: "fixture", at: Self.now)
    }

    func all() async throws -> [ActionProposal] {
        try await store.proposals(shopID: shopID, query: ProposalQuery(limit: 500)).rows
    }
}

@Suite("Proposers")
struct ProposerTests {
    typealias F = ProposerFixture

    // MARK: - Customer segments

    @Test("A champion customer gets a segment tag and metafields, proposed by the customer-value champion with P(alive) as confidence")
    func segmentProposals() async throws {
        let f = try await F()
        defer { f.remove() }
        try await f.customers([F.customer(1, tags: ["VIP"])])
        // 7 orders, T = 100 days, t_x = 97 days → last order 3 days before the run; CLV 420.00 USD.
        try await f.scores([F.score(1, segment: "champions", orders: 7, pAlive: 0.94, clv: 42_000, spend: 61_000, age: 100, recency: 97)])
        try await f.champion("customer-value", versions: 3, champion: 2)
        let proposer = CustomerSegmentProposer(store: f.store, approvals: f.approvals)

        let made = try await proposer.propose(shopID: f.shopID, customerID: 1, now: F.now)
        #expect(made.count == 2)
        let tags = try #require(made.first { $0.draft.actionType == "customer-tags" })
        let reason = "RFM segment Champions: 7 orders, last 3 days ago, P(alive) 0.94, predicted value 420.00 USD over 12 months"
        #expect(tags.draft.reason == reason)
        #expect(tags.draft.modelKind == "customer-value" && tags.draft.modelVersion == 2)
        #expect(tags.draft.confidence == 0.94)
        #expect(tags.draft.targetType == "customer" && tags.draft.targetID == "gid://shopify/Customer/1")
        #expect(try JSONValue.parse(Data(tags.draft.payload.utf8)) == ["id": "gid://shopify/Customer/1", "tags": ["storewise-champions"]])
        // No rule names customer tags: the standard policy's fallback asks a person.
        #expect(tags.status == .pending)

        let metafields = try #require(made.first { $0.draft.actionType == "metafields" })
        let items = try #require(try JSONValue.parse(Data(metafields.draft.payload.utf8))["metafields"].array)
        let byKey = Dictionary(uniqueKeysWithValues: items.map { ($0["key"].string ?? "", $0) })
        #expect(byKey["clv"] == ["ownerId": "gid://shopify/Customer/1", "namespace": "storewise", "key": "clv", "type": "number_decimal", "value": "420.00"])
        // churn risk 1 − 0.94 = 0.06.
        #expect(byKey["churn_risk"]?["value"] == "0.06" && byKey["churn_risk"]?["type"] == "number_decimal")
        #expect(byKey["segment"]?["value"] == "champions" && byKey["segment"]?["type"] == "single_line_text_field")

        // The same event delivered again (or a second order) proposes nothing new.
        _ = try await proposer.propose(shopID: f.shopID, customerID: 1, now: F.now.addingTimeInterval(60))
        #expect(try await f.all().count == 2)
    }

    @Test("A customer already carrying the segment tag gets only metafields; without a champion nothing is proposed")
    func segmentTagPresentAndNoChampion() async throws {
        let f = try await F()
        defer { f.remove() }
        try await f.customers([F.customer(1, tags: ["storewise-potential-loyalists"]), F.customer(2)])
        try await f.scores([F.score(1, segment: "potential_loyalists", pAlive: 0.8, clv: 10_000, spend: 9_000),
                            F.score(2, segment: "at_risk", pAlive: 0.3, clv: 5_000, spend: 20_000)])
        let proposer = CustomerSegmentProposer(store: f.store, approvals: f.approvals)
        #expect(try await proposer.propose(shopID: f.shopID, customerID: 1, now: F.now).isEmpty)

        try await f.champion("customer-value", versions: 1, champion: 1)
        let made = try await proposer.propose(shopID: f.shopID, customerID: 1, now: F.now)
        #expect(made.map(\.draft.actionType) == ["metafields"])
        // Unknown customers and customers without a score: nothing.
        #expect(try await proposer.propose(shopID: f.shopID, customerID: 99, now: F.now).isEmpty)
    }

    @Test("A rejected tag proposal is not proposed again")
    func rejectedTagStaysRejected() async throws {
        let f = try await F()
        defer { f.remove() }
        try await f.customers([F.customer(1)])
        try await f.scores([F.score(1, segment: "loyal", pAlive: 0.7, clv: 10_000, spend: 9_000)])
        try await f.champion("customer-value", versions: 1, champion: 1)
        let proposer = CustomerSegmentProposer(store: f.store, approvals: f.approvals)
        let first = try await proposer.propose(shopID: f.shopID, customerID: 1, now: F.now)
        let tag = try #require(first.first { $0.draft.actionType == "customer-tags" })
        _ = try await f.approvals.reject(shopID: f.shopID, id: tag.id, by: .user("ana", source: "test"), reason: "we do not tag loyal", at: F.now)
        _ = try await proposer.propose(shopID: f.shopID, customerID: 1, now: F.now.addingTimeInterval(3600))
        #expect(try await f.all().filter { $0.draft.actionType == "customer-tags" }.count == 1)
    }

    @Test("New scores supersede a pending metafields proposal of the same customer (rejected with the newer id as reason)")
    func supersedeStaleMetafields() async throws {
        let f = try await F()
        defer { f.remove() }
        try await f.customers([F.customer(1, tags: ["storewise-loyal"])])
        try await f.scores([F.score(1, segment: "loyal", pAlive: 0.7, clv: 10_000, spend: 9_000)])
        try await f.champion("customer-value", versions: 1, champion: 1)
        let proposer = CustomerSegmentProposer(store: f.store, approvals: f.approvals)
        let first = try #require(try await proposer.propose(shopID: f.shopID, customerID: 1, now: F.now).first)
        try await f.scores([F.score(1, segment: "loyal", pAlive: 0.6, clv: 8_000, spend: 9_000)])
        let second = try #require(try await proposer.propose(shopID: f.shopID, customerID: 1, now: F.now.addingTimeInterval(60)).first)
        #expect(second.id != first.id && second.status == .pending)
        let old = try #require(try await f.store.proposal(id: first.id, shopID: f.shopID))
        #expect(old.status == .rejected && old.decisionReason == "superseded by proposal \(second.id) (newer scores)")
        #expect(old.decidedBy == "system:customer-segments")
    }

    // MARK: - Trigger and job

    @Test("orders/create with a customer queues one propose job keyed by shop, topic and order; other events queue none")
    func triggerJobs() throws {
        let customer = F.customer(5)
        var order = Order(id: 1001, name: "#1001", createdAt: F.now, updatedAt: F.now, currency: "USD", channel: .web, customer: customer,
                          subtotalPrice: Money(minorUnits: 1000, currency: "USD"), totalPrice: Money(minorUnits: 1000, currency: "USD"),
                          totalDiscounts: Money(minorUnits: 0, currency: "USD"), totalTax: Money(minorUnits: 0, currency: "USD"), lineItems: [])
        func event(_ payload: WebhookPayload, _ topic: WebhookTopic) -> IncomingEvent {
            IncomingEvent(shopID: 3, topic: topic, webhookID: "w", body: Data(), payload: payload, receivedAt: F.now, source: .webhook)
        }
        let job = try #require(IngestProposalTrigger.job(for: event(.order(order), .ordersCreate)))
        #expect(job.type == "propose" && job.shopID == 3 && job.dedupeKey == "propose:3:orders/create:1001" && job.requestedBy == "webhook")
        let request = try ProposalRequest.parse(job.payload)
        #expect(request.proposer == .customerSegment && request.customerID == 5 && request.resourceID == 1001)
        #expect(IngestProposalTrigger.job(for: event(.customer(customer), .customersUpdate))?.dedupeKey == "propose:3:customers/update:5")
        #expect(IngestProposalTrigger.job(for: event(.order(order), .ordersUpdated)) == nil)
        // History is not news: a change from 49 h before it arrived (a replay, the demo's two years), or one
        // that came by backfill or import, proposes nothing; 47 h old (a late Shopify retry) still does.
        var late = order
        late.updatedAt = F.now.addingTimeInterval(-47 * 3600)
        #expect(IngestProposalTrigger.job(for: event(.order(late), .ordersCreate)) != nil)
        late.updatedAt = F.now.addingTimeInterval(-49 * 3600)
        #expect(IngestProposalTrigger.job(for: event(.order(late), .ordersCreate)) == nil)
        let backfilled = IncomingEvent(shopID: 3, topic: .ordersCreate, webhookID: "b", body: Data(), payload: .order(order), receivedAt: F.now,
                                       source: .backfill)
        #expect(IngestProposalTrigger.job(for: backfilled) == nil)
        order.customer = nil
        #expect(IngestProposalTrigger.job(for: event(.order(order), .ordersPaid)) == nil)
    }

    @Test("The trigger queues a durable job; the worker runs it and the proposals appear")
    func triggerToProposal() async throws {
        let f = try await F()
        defer { f.remove() }
        try await f.customers([F.customer(1)])
        try await f.scores([F.score(1, segment: "champions", pAlive: 0.9, clv: 30_000, spend: 50_000)])
        try await f.champion("customer-value", versions: 1, champion: 1)
        let trigger = IngestProposalTrigger(jobs: f.store)
        let record = try #require(try await f.store.shop(id: f.shopID))
        let payload = WebhookPayload.customer(F.customer(1))
        let event = IncomingEvent(shopID: f.shopID, topic: .customersUpdate, webhookID: "u1", body: Data(), payload: payload, receivedAt: F.now,
                                  source: .webhook)
        await trigger.stored(event, shop: record)
        await trigger.stored(event, shop: record)  // a second delivery while the job waits: same job
        let queued = try await f.store.jobs(shopID: f.shopID, states: [.queued], limit: 10)
        #expect(queued.count == 1 && queued.first?.draft.type == "propose")

        let handler = ProposalJobHandler(store: f.store, approvals: f.approvals)
        let worker = JobWorker(store: f.store, handlers: [handler], options: LifecycleOptions(), idleSeconds: 0.01)
        #expect(await worker.runOnce(now: F.now.addingTimeInterval(1)))
        let job = try #require(try await f.store.job(id: queued[0].id))
        #expect(job.state == .succeeded)
        #expect(Set(try await f.all().map(\.draft.actionType)) == ["customer-tags", "metafields"])
    }

    @Test("A propose job with a bad payload fails permanently, naming the field")
    func badJobPayload() async throws {
        let f = try await F()
        defer { f.remove() }
        let handler = ProposalJobHandler(store: f.store, approvals: f.approvals)
        func record(_ payload: String) -> JobRecord {
            JobRecord(id: 1, draft: JobDraft(shopID: f.shopID, type: "propose", payload: payload, runAfter: F.now, requestedBy: "test"),
                      state: .running, attempts: 1, leaseOwner: nil, leaseToken: nil, leaseExpiresAt: nil, runAfter: F.now, lastError: nil,
                      result: nil, createdAt: F.now, updatedAt: F.now, finishedAt: nil)
        }
        for (payload, field) in [(#"{"proposer":"customer-segment"}"#, "customer_id"), (#"{"topic":"x"}"#, "proposer"),
                                 (#"{"proposer":"teleport"}"#, "proposer")] {
            do {
                _ = try await handler.run(record(payload)) {}
                Issue.record("\(payload) was accepted")
            } catch let failure as JobFailure {
                #expect(failure.permanent && failure.description.contains(field), "\(failure)")
            }
        }
    }

    // MARK: - Purchase orders

    @Test("One purchase-order proposal per vendor × location with lines and totals; the amount decides the policy")
    func purchaseOrders() async throws {
        let f = try await F()
        defer { f.remove() }
        try await f.champion("forecast", versions: 2, champion: 1)
        let plan = ReplenishmentPlanRun(shopID: f.shopID, forecastRunID: 1, createdAt: F.now, asOfDay: "2025-12-31", lineCount: 3,
                                        orderLineCount: 3, durationSeconds: 0.1)
        func line(_ variant: Int64, _ location: Int64, _ sku: String, _ quantity: Int, _ cost: Int64) -> PurchaseOrderLine {
            PurchaseOrderLine(variantID: variant, locationID: location, sku: sku, title: "Item \(sku)", quantity: quantity, suggestedQuantity: quantity,
                              unitCostMinor: cost, reason: "below reorder point")
        }
        // Acme: location 1: 10 × 12.50 + 4 × 30.00 = 245.00; location 2: 300 × 20.00 = 6,000.00 (above 5,000.00 → person).
        // Zed: location 1: 0 units only → no proposal.
        let acme = PurchaseOrderDraft(shopID: f.shopID, planRunID: 0, vendor: "Acme", createdAt: F.now, updatedAt: F.now, expectedArrivalDay: "2026-01-15",
                                      currency: "USD", lines: [line(11, 1, "B-2", 4, 3000), line(10, 1, "A-1", 10, 1250), line(12, 2, "C-3", 300, 2000)])
        let zed = PurchaseOrderDraft(shopID: f.shopID, planRunID: 0, vendor: "Zed", createdAt: F.now, updatedAt: F.now, expectedArrivalDay: nil,
                                     currency: "USD", lines: [line(20, 1, "Z-1", 0, 100)])
        _ = try await f.store.saveReplenishmentPlan(plan, lines: [], transfers: [], drafts: [acme, zed], keepPlans: 5)
        let proposer = PurchaseOrderProposer(store: f.store, approvals: f.approvals)
        let made = try await proposer.propose(shopID: f.shopID, now: F.now)
        #expect(made.count == 2)
        let small = try #require(made.first { $0.draft.amountMinor == 24_500 })
        let large = try #require(made.first { $0.draft.amountMinor == 600_000 })
        #expect(small.status == .approved && small.policyRule == "routine-purchase-orders")
        #expect(large.status == .pending && large.policyRule == "large-purchase-orders")
        #expect(small.draft.modelKind == "forecast" && small.draft.modelVersion == 1 && small.draft.targetID == "Acme")
        let payload = try JSONValue.parse(Data(small.draft.payload.utf8))
        #expect(payload["vendor"] == "Acme" && payload["locationId"] == "gid://shopify/Location/1" && payload["currency"] == "USD")
        #expect(payload["totalMinor"] == 24_500)
        #expect(payload["lines"] == [
            ["sku": "A-1", "variantId": "gid://shopify/ProductVariant/10", "title": "Item A-1", "quantity": 10, "unitCostMinor": 1250],
            ["sku": "B-2", "variantId": "gid://shopify/ProductVariant/11", "title": "Item B-2", "quantity": 4, "unitCostMinor": 3000],
        ])
        #expect(small.draft.reason.hasPrefix("Replenishment plan of 2025-12-31: 2 lines, 14 units from Acme for location 1, 245.00 USD, expected 2026-01-15"))
        // Proposing again adds nothing (the pending one by dedupe, the approved one by history).
        _ = try await proposer.propose(shopID: f.shopID, now: F.now.addingTimeInterval(60))
        #expect(try await f.all().count == 2)

        // The next day's plan makes new drafts (new ids) for the same needs, the earlier orders not yet
        // marked ordered: both vendor × location places still have an open purchase order in the queue,
        // so nothing new is proposed; a place without one (Acme at location 3) is.
        let next = ReplenishmentPlanRun(shopID: f.shopID, forecastRunID: 1, createdAt: F.now.addingTimeInterval(86_400), asOfDay: "2026-01-01",
                                        lineCount: 3, orderLineCount: 3, durationSeconds: 0.1)
        let again = PurchaseOrderDraft(shopID: f.shopID, planRunID: 0, vendor: "Acme", createdAt: F.now, updatedAt: F.now, expectedArrivalDay: nil,
                                       currency: "USD", lines: [line(10, 1, "A-1", 10, 1250), line(12, 2, "C-3", 300, 2000), line(13, 3, "D-4", 2, 500)])
        _ = try await f.store.saveReplenishmentPlan(next, lines: [], transfers: [], drafts: [again], keepPlans: 5)
        let fresh = try await proposer.propose(shopID: f.shopID, now: F.now.addingTimeInterval(86_400))
        #expect(fresh.map(\.draft.amountMinor) == [1_000])
        #expect(try await f.all().count == 3)
    }

    // MARK: - Win-back

    @Test("Win-back: churn risk ≥ 0.6, top-quartile CLV or spend, and consent; 15 % for 30 days, one use, that customer; a person decides")
    func winBack() async throws {
        let f = try await F()
        defer { f.remove() }
        // CLV sorted 100, 200, 300, 400, 600, 650, 700, 800: nearest-rank 75th percentile = 6th = 650.
        // Spend sorted 300, 400, 500, 1000, 6000, 7000, 8000, 9000: 6th = 7000.
        //   1: churn 0.10 — not at risk.            2: churn 0.70, CLV 700 ≥ 650, email → yes.
        //   3: churn 0.80, spend 9000 ≥ 7000, sms → yes.   4: churn 0.60 but CLV 600, spend 500, and no consent → no.
        //   5: churn 0.50 — below 0.6.              6, 7: not valuable.   8: spend 6000 < 7000, CLV 400 → no.
        try await f.customers([F.customer(1), F.customer(2), F.customer(3, email: false, sms: true), F.customer(4, email: false, sms: false),
                               F.customer(5), F.customer(6), F.customer(7), F.customer(8)])
        try await f.scores([
            F.score(1, segment: "champions", pAlive: 0.9, clv: 800, spend: 8000),
            F.score(2, segment: "at_risk", pAlive: 0.3, clv: 700, spend: 1000, age: 300, recency: 100, orderValue: 8000),
            F.score(3, segment: "cant_lose", pAlive: 0.2, clv: 100, spend: 9000),
            F.score(4, segment: "at_risk", pAlive: 0.4, clv: 600, spend: 500),
            F.score(5, segment: "at_risk", pAlive: 0.5, clv: 650, spend: 7000),
            F.score(6, segment: "hibernating", pAlive: 0.1, clv: 200, spend: 300),
            F.score(7, segment: "hibernating", pAlive: 0.35, clv: 300, spend: 400),
            F.score(8, segment: "at_risk", pAlive: 0.39, clv: 400, spend: 6000),
        ])
        try await f.champion("customer-value", versions: 1, champion: 1)
        let proposer = WinBackProposer(store: f.store, approvals: f.approvals)
        let made = try await proposer.propose(shopID: f.shopID, now: F.now)
        #expect(made.map(\.draft.targetID) == ["gid://shopify/Customer/3", "gid://shopify/Customer/2"])
        #expect(made.allSatisfy { $0.status == .pending && $0.policyRule == "discounts-need-a-person" && $0.draft.actionType == "discount-code" })

        let two = try #require(made.last)
        let payload = try JSONValue.parse(Data(two.draft.payload.utf8))
        #expect(payload["percentage"] == 0.15 && payload["usageLimit"] == 1 && payload["appliesOncePerCustomer"] == true)
        #expect(payload["customerIds"] == ["gid://shopify/Customer/2"])
        #expect(payload["startsAt"] == "2026-01-01T00:00:00Z" && payload["endsAt"] == "2026-01-31T00:00:00Z")
        let code = try #require(payload["code"].string)
        #expect(code.hasPrefix("COMEBACK-") && code.count == 17 && code.dropFirst(9).allSatisfy { "0123456789ABCDEF".contains($0) })
        // Confidence is the churn risk; the money at stake is 15 % of one expected order (80.00 → 12.00).
        #expect(abs((two.draft.confidence ?? 0) - 0.7) < 1e-9 && two.draft.amountMinor == 1200)
        #expect(two.draft.reason.hasPrefix("Churn risk 70 %: last order 200 days ago, 2 orders, spent 10.00 USD, predicted value 7.00 USD."))

        // Scoring again within the cooldown offers nothing new.
        #expect(try await proposer.propose(shopID: f.shopID, now: F.now.addingTimeInterval(86_400)).isEmpty)
        #expect(try await f.all().count == 2)
    }

    @Test("Win-back offers waiting for a person are capped, the most valuable first; a decision makes room for the next")
    func winBackCap() async throws {
        let f = try await F()
        defer { f.remove() }
        // Eight customers, all at risk (P(alive) 0.2), consenting, spend 1000…8000: top quartile by spend is the
        // 6th value, 6000, so customers 6, 7, 8 qualify (highest spend first: 8, 7, 6).
        try await f.customers((1...8).map { F.customer(Int64($0)) })
        try await f.scores((1...8).map { F.score(Int64($0), segment: "at_risk", pAlive: 0.2, clv: 0, spend: Int64($0) * 1000) })
        try await f.champion("customer-value", versions: 1, champion: 1)
        var proposer = WinBackProposer(store: f.store, approvals: f.approvals)
        proposer.maximumPending = 2
        let first = try await proposer.propose(shopID: f.shopID, now: F.now)
        #expect(first.map(\.draft.targetID) == ["gid://shopify/Customer/8", "gid://shopify/Customer/7"])
        #expect(try await proposer.propose(shopID: f.shopID, now: F.now.addingTimeInterval(60)).isEmpty)
        _ = try await f.approvals.reject(shopID: f.shopID, id: first[0].id, by: .user("ana", source: "ui"), reason: "no discounts for them",
                                        at: F.now.addingTimeInterval(120))
        let next = try await proposer.propose(shopID: f.shopID, now: F.now.addingTimeInterval(180))
        #expect(next.map(\.draft.targetID) == ["gid://shopify/Customer/6"])
    }

    @Test("Upper quartile by nearest rank, by hand")
    func quartile() {
        #expect(WinBackProposer.upperQuartile([1, 2, 3, 4, 5, 6, 7, 8]) == 6)
        #expect(WinBackProposer.upperQuartile([5]) == 5)
        #expect(WinBackProposer.upperQuartile([4, 1, 3, 2]) == 3)  // rank ⌈3⌉ = 3
        #expect(WinBackProposer.upperQuartile([]) == .max)
    }
}

/// A handler that succeeds at once, standing in for the training runner.
struct SucceedingHandler: JobHandler {
    var type: String { "train" }
    func run(_ job: JobRecord, heartbeat: @escaping @Sendable () async -> Void) async throws -> String { "{}" }
}

@Suite("Proposal follow-ups")
struct ProposalFollowUpTests {
    @Test("A successful customer-value training queues one win-back propose job; a forecast training queues none")
    func followUps() async throws {
        let f = try await ProposerFixture()
        defer { f.remove() }
        let followUp = ProposalFollowUp(wrapping: SucceedingHandler(), jobs: f.store)
        let worker = JobWorker(store: f.store, handlers: [followUp], options: LifecycleOptions(), idleSeconds: 0.01)
        for kind in ["forecast", "customer-value", "customer-value"] {
            _ = try await f.store.enqueueJob(JobDraft(shopID: f.shopID, type: "train", payload: try TrainingPayload(kind: kind, trigger: "test").json(),
                                                      runAfter: ProposerFixture.now, requestedBy: "test"), at: ProposerFixture.now)
        }
        for _ in 0..<3 { #expect(await worker.runOnce(now: Date())) }
        let queued = try await f.store.jobs(shopID: f.shopID, states: [.queued], limit: 10)
        #expect(queued.count == 1)
        #expect(queued.first?.draft.type == "propose" && queued.first?.draft.dedupeKey == "propose:\(f.shopID):win-back")
        #expect(try ProposalRequest.parse(queued[0].draft.payload).proposer == .winBack)
    }
}
