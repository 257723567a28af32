import Commerce
import Foundation
import Logging
import Risk
import ShopifyAdmin
import Storage

/// What the risk service reads and writes: assessments, models, labels and the log (`RiskStore`),
/// the registry for each shop's champion risk model, and the shops (currency for decoding).
public typealias RiskServiceStore = RiskStore & ModelRegistry & ShopStore

/// Scores orders as they arrive and POS actions before an associate completes them.
///
/// Per shop it keeps a `RiskFeatureState` in memory, warmed from the last `retentionDays` of the
/// shop's log on first use and then kept current by ingest (orders, refunds, disputes) and, before
/// each scoring, by a catch-up from the log (`catchUp`: what other `serve` replicas stored). Orders
/// are scored with the shop's champion "risk" model from the registry (rules alone when there is
/// none; looked up again every `championCheckSeconds`, so a promotion reaches serving).
///
/// On orders/create the features and the score are computed in the webhook's observer call (a
/// few hundred microseconds); the assessment's write (batched: one transaction for all that
/// arrived meanwhile) and its `orderRiskAssessmentCreate` proposal run after, off the request
/// (`drain()` waits for them). Only fresh webhook orders are proposed
/// (Shopify retries a delivery for 48 h; older changes are history). LOW/NONE proposals are
/// auto-approved by the standard policy, MEDIUM/HIGH wait for a person.
///
/// ```swift
/// let risk = RiskService(store: store, approvals: approvals)
/// let assessment = try await risk.assessOrder(order, shopID: 1, source: .webhook, receivedAt: .now)
/// let check = try await risk.precheck(shopID: 1, subject: .refund(RefundCheck(at: .now, locationID: 7, staffID: 3, amount: amount)))
/// ```
public actor RiskService {
    public let options: RiskServiceOptions
    let store: any RiskServiceStore
    let approvals: ApprovalService?
    let logger: Logger

    /// Each shop's feature state, once warm.
    var shops: [Int64: ShopRiskState] = [:]
    /// Warm-ups under way (a second caller waits for the first).
    var warming: [Int64: Task<ShopRiskState, any Error>] = [:]
    /// Each shop's scorer and when the registry was last asked.
    var scorers: [Int64: (scorer: RiskScorer, checkedAt: Date)] = [:]
    /// Assessments waiting for the batched write, and the task writing them.
    var pendingRecords: [RiskAssessmentRecord] = []
    var flushing: Task<Void, Never>?
    /// Proposals not yet filed (see `drain()`).
    var background: [Int: Task<Void, Never>] = [:]
    var nextBackground = 0

    public init(store: any RiskServiceStore, approvals: ApprovalService?, options: RiskServiceOptions = RiskServiceOptions(),
                logger: Logger = Logger(label: "storewise.risk")) {
        self.store = store; self.approvals = approvals; self.options = options; self.logger = logger
    }

    // MARK: Serving

    /// Scores an order as it arrives (features before the order is recorded, exactly as training
    /// replays), records it in the shop's state, and stores and proposes the assessment in the
    /// background. Test orders are scored but neither stored nor proposed.
    @discardableResult
    public func assessOrder(_ order: Order, shopID: Int64, source: EventSource, receivedAt: Date) async throws -> RiskAssessment {
        let scorer = try await scorer(shopID: shopID, now: receivedAt)
        try await warm(shopID: shopID, excludingOrderID: order.id)
        // Last before the state is used: no suspension between the catch-up and the use below.
        try await catchUp(shopID: shopID, excludingOrderID: order.id)
        // In place (`shops[shopID]!`): a copy of the state would copy every history.
        let vector = shops[shopID]!.vector(.order(order))
        shops[shopID]!.record(order)
        let assessment = await scorer.assess(vector, logger: logger)
        guard !order.test else { return assessment }
        let record = RiskAssessmentRecord(
            shopID: shopID, subjectKind: .order, subjectID: order.id, at: order.processedAt ?? order.createdAt,
            probability: assessment.probability, level: assessment.level.rawValue, factsJSON: RiskCoding.factsJSON(assessment.facts),
            scorer: assessment.scorer, modelVersion: scorer.version, featuresJSON: RiskCoding.featuresJSON(vector), scoredAt: receivedAt)
        let fresh = source == .webhook && receivedAt.timeIntervalSince(order.createdAt) <= IngestProposalTrigger.freshness
        let proposal = fresh && options.propose ? approvals.map { ($0, Self.proposal(order: order, assessment: assessment, version: scorer.version,
                                                                                           shopID: shopID, proposer: options.proposer)) } : nil
        enqueue(record)
        if let (approvals, action) = proposal {
            let logger = self.logger
            runInBackground {
                do {
                    _ = try await approvals.propose(action, shopID: shopID, at: receivedAt)
                } catch {
                    logger.error("risk assessment not proposed", metadata: [
                        "shop": "\(shopID)", "order": "\(order.id)", "error": "\(String(reflecting: error))",
                    ])
                }
            }
        }
        return assessment
    }

    /// A POS pre-check (refund, gift-card sale, discount override, or an order being rung up):
    /// scored against the shop's current state, neither recorded nor stored nor proposed.
    public func precheck(shopID: Int64, subject: RiskSubject) async throws -> RiskAssessment {
        let scorer = try await scorer(shopID: shopID, now: Date())
        try await warm(shopID: shopID, excludingOrderID: nil)
        try await catchUp(shopID: shopID, excludingOrderID: nil)
        let vector = shops[shopID]!.vector(subject)
        return await scorer.assess(vector, logger: logger)
    }

    /// Warms the shop's feature state now (at startup, so the first webhook does not wait for it).
    public func warmUp(shopID: Int64) async throws {
        try await warm(shopID: shopID, excludingOrderID: nil)
    }

    /// Records a refund in the shop's state (refund velocity, refund rates).
    public func recordRefund(_ refund: Refund, shopID: Int64) async throws {
        try await warm(shopID: shopID, excludingOrderID: nil)
        shops[shopID]!.record(refund)
    }

    /// Records an order seen without scoring (an update of an order the state missed).
    public func recordOrder(_ order: Order, shopID: Int64) async throws {
        try await warm(shopID: shopID, excludingOrderID: nil)
        shops[shopID]!.record(order)
    }

    /// Stored assessments at `minimumLevel` or above, newest first.
    public func flagged(shopID: Int64, minimumLevel: RiskLevel = .medium, since: Date? = nil, limit: Int = 50) async throws -> [StoredRiskAssessment] {
        try await store.flaggedRiskAssessments(shopID: shopID, minimumLevel: minimumLevel.rawValue, since: since, limit: limit)
            .map(RiskCoding.record)
    }

    /// The stored assessment of an order, if it was scored.
    public func assessment(shopID: Int64, orderID: Int64) async throws -> StoredRiskAssessment? {
        try await store.riskAssessment(shopID: shopID, subjectKind: .order, subjectID: orderID).map(RiskCoding.record)
    }

    /// Waits for the background writes and proposals started so far.
    public func drain() async {
        while true {
            if let flushing {
                await flushing.value
            } else if let (key, task) = background.first {
                await task.value
                background[key] = nil
            } else {
                return
            }
        }
    }

    /// Forgets a shop's state and scorer (the next use warms again), e.g. after a replay.
    public func reset(shopID: Int64) {
        shops[shopID] = nil
        scorers[shopID] = nil
    }

    // MARK: Internals

    /// Queues an assessment for the next batched write (one transaction for every assessment
    /// that arrived while the previous batch was being written).
    func enqueue(_ record: RiskAssessmentRecord) {
        pendingRecords.append(record)
        if flushing == nil { flushing = Task { await self.flushPending() } }
    }

    func flushPending() async {
        while !pendingRecords.isEmpty {
            let batch = pendingRecords
            pendingRecords = []
            do {
                try await store.saveRiskAssessments(batch)
            } catch {
                logger.error("risk assessments not stored", metadata: [
                    "count": "\(batch.count)", "error": "\(String(reflecting: error))",
                ])
            }
        }
        flushing = nil
    }

    func runInBackground(_ work: @escaping @Sendable () async -> Void) {
        let key = nextBackground
        nextBackground += 1
        background[key] = Task { [weak self] in
            await work()
            await self?.finished(key)
        }
    }

    func finished(_ key: Int) { background[key] = nil }

    /// The `orderRiskAssessmentCreate` proposal of an assessment; one per order and model version.
    static func proposal(order: Order, assessment: RiskAssessment, version: Int?, shopID: Int64, proposer: String) -> ProposedAction {
        let gid = "gid://shopify/Order/\(order.id)"
        let top = assessment.facts.first { $0.sentiment == .negative }?.description
        let reason = RiskCoding.summary(assessment) + (top.map { ": " + $0 } ?? "")
        return ProposedAction(
            type: .orderRiskAssessment, targetType: "order", targetID: gid,
            payload: RiskCoding.proposalPayload(orderID: order.id, assessment: assessment),
            modelKind: version == nil ? nil : RiskKind.kindName, modelVersion: version, reason: reason, proposer: proposer,
            dedupeKey: "risk:\(shopID):\(order.id):\(version.map(String.init) ?? "rules")",
            amountMinor: order.totalPrice.minorUnits, currency: order.totalPrice.currency)
    }
}
