import Foundation
import Storage

/// Told about each webhook event after its transaction committed (`IngestOutcome.stored`), before
/// the webhook is answered. Observers must be quick and must not fail the delivery: they queue
/// durable work (a job) rather than doing it, and log their own errors.
public protocol IngestObserver: Sendable {
    func stored(_ event: IncomingEvent, shop: ShopRecord) async
}
