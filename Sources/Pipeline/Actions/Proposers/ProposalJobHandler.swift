import Foundation
import Logging
import Storage

/// What the proposers read and write: customer scores, replenishment plans, the model registry
/// (champions) and the approval queue.
public typealias ProposerStore = CustomerValueStore & ReplenishmentStore & ModelRegistry & ApprovalStore

/// Runs "propose" jobs (`ProposalRequest` payloads) on the `JobWorker`: the customer-segment
/// proposer after a webhook, the purchase-order and win-back proposers after plans and scorings.
/// Re-running a job is harmless: every proposal carries a dedupe key.
///
/// ```swift
/// let handler = ProposalJobHandler(store: store, approvals: approvals)
/// let worker = JobWorker(store: store, handlers: [runner, handler], options: options)
/// try await handler.proposePurchaseOrders(shopID: 1)      // CLI / demo
/// ```
public struct ProposalJobHandler: JobHandler {
    public static let jobType = "propose"
    public var type: String { Self.jobType }

    public let segments: CustomerSegmentProposer
    public let purchaseOrders: PurchaseOrderProposer
    public let winBack: WinBackProposer
    let logger: Logger

    public init(store: any ProposerStore, approvals: ApprovalService, logger: Logger = Logger(label: "storewise.proposals")) {
        self.segments = CustomerSegmentProposer(store: store, approvals: approvals)
        self.purchaseOrders = PurchaseOrderProposer(store: store, approvals: approvals)
        self.winBack = WinBackProposer(store: store, approvals: approvals)
        self.logger = logger
    }

    public func run(_ job: JobRecord, heartbeat: @escaping @Sendable () async -> Void) async throws -> String {
        guard let shopID = job.draft.shopID else { throw JobFailure("propose job \(job.id) has no shop", permanent: true) }
        let request = try ProposalRequest.parse(job.draft.payload)
        let proposals: [ActionProposal]
        switch request.proposer {
        case .customerSegment:
            guard let customerID = request.customerID else {
                throw JobFailure("propose job payload: field customer_id is required for customer-segment", permanent: true)
            }
            proposals = try await segments.propose(shopID: shopID, customerID: customerID)
        case .purchaseOrders:
            proposals = try await purchaseOrders.propose(shopID: shopID)
        case .winBack:
            proposals = try await winBack.propose(shopID: shopID)
        }
        logger.info("proposals made", metadata: [
            "shop": "\(shopID)", "proposer": "\(request.proposer.rawValue)", "proposals": "\(proposals.count)",
        ])
        return #"{"proposals":[\#(proposals.map { String($0.id) }.joined(separator: ","))]}"#
    }

    /// Proposes the latest replenishment plan's purchase orders now (CLI, demo).
    @discardableResult
    public func proposePurchaseOrders(shopID: Int64, now: Date = Date()) async throws -> [ActionProposal] {
        try await purchaseOrders.propose(shopID: shopID, now: now)
    }

    /// Proposes win-back discounts from the latest scoring now (CLI, demo).
    @discardableResult
    public func proposeWinBack(shopID: Int64, now: Date = Date()) async throws -> [ActionProposal] {
        try await winBack.propose(shopID: shopID, now: now)
    }

    /// A "propose" job for the purchase-order or win-back proposer (to queue after a plan or a
    /// scoring), deduped per shop while one waits.
    public static func job(shopID: Int64, proposer: ProposalRequest.Proposer, runAfter: Date = Date(), requestedBy: String) -> JobDraft {
        JobDraft(shopID: shopID, type: jobType, payload: ProposalRequest(proposer: proposer).json(),
                 dedupeKey: "propose:\(shopID):\(proposer.rawValue)", maxAttempts: 5, runAfter: runAfter, requestedBy: requestedBy)
    }
}
