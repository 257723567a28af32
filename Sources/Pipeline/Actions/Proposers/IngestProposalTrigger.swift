import Commerce
import Foundation
import Logging
import Storage

/// Queues a durable "propose" job after webhooks that can change a customer's segment
/// (orders/create, orders/paid, customers/update). The webhook request does no model work:
/// the job runs on the `JobWorker`, after the delivery was answered, and survives a restart.
///
/// The job's dedupe key is `propose:<shop>:<topic>:<resource id>`, so a re-delivery queued while
/// the first job still waits adds nothing (and an event the log already had never reaches here).
///
/// ```swift
/// let trigger = IngestProposalTrigger(jobs: store)
/// let ingestor = WebhookIngestor(shops: directory, writer: writer, privacy: privacy, observer: trigger)
/// ```
public struct IngestProposalTrigger: IngestObserver {
    public static let topics: Set<String> = ["orders/create", "orders/paid", "customers/update"]

    let jobs: any JobQueue
    /// How long after the event the job may run: a small delay lets a burst of updates settle.
    let delaySeconds: Double
    let logger: Logger

    public init(jobs: any JobQueue, delaySeconds: Double = 0, logger: Logger = Logger(label: "storewise.proposals")) {
        self.jobs = jobs; self.delaySeconds = delaySeconds; self.logger = logger
    }

    public func stored(_ event: IncomingEvent, shop: ShopRecord) async {
        guard let draft = Self.job(for: event, delaySeconds: delaySeconds) else { return }
        do {
            _ = try await jobs.enqueueJob(draft, at: event.receivedAt)
        } catch {
            // The event is stored; losing its proposal is not worth failing the delivery (Shopify
            // would re-deliver, and the log would call it a duplicate). The next event or the
            // scoring pass proposes again.
            logger.error("propose job not queued", metadata: [
                "shop": "\(shop.id)", "topic": "\(event.topic.rawValue)", "error": "\(String(reflecting: error))",
            ])
        }
    }

    /// How old a change may be when it arrives and still lead to a proposal: Shopify retries a
    /// delivery for 48 hours, so anything older is history (a replay, an import, the demo's two
    /// years) that the scoring passes cover, not news about a customer.
    public static let freshness: TimeInterval = 48 * 3600

    /// The "propose" job for an event, or nil when the event concerns no known customer, did not
    /// come as a webhook, or tells of a change older than `freshness`.
    public static func job(for event: IncomingEvent, delaySeconds: Double = 0) -> JobDraft? {
        let topic = event.topic.rawValue
        guard topics.contains(topic), event.source == .webhook else { return nil }
        let resourceID: Int64
        let customerID: Int64
        let changedAt: Date
        switch event.payload {
        case .order(let order):
            guard let customer = order.customer, !order.test else { return nil }
            resourceID = order.id; customerID = customer.id; changedAt = order.updatedAt
        case .customer(let customer):
            resourceID = customer.id; customerID = customer.id; changedAt = customer.updatedAt ?? event.receivedAt
        default:
            return nil
        }
        guard event.receivedAt.timeIntervalSince(changedAt) <= freshness else { return nil }
        let request = ProposalRequest(proposer: .customerSegment, customerID: customerID, topic: topic, resourceID: resourceID)
        return JobDraft(shopID: event.shopID, type: ProposalJobHandler.jobType, payload: request.json(),
                        dedupeKey: "propose:\(event.shopID):\(topic):\(resourceID)", maxAttempts: 5,
                        runAfter: event.receivedAt.addingTimeInterval(delaySeconds), requestedBy: "webhook")
    }
}
