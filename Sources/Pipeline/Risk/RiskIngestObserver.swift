import Commerce
import Foundation
import Logging
import Storage

/// Feeds stored webhooks to the `RiskService`: orders/create is scored (and its assessment
/// stored and proposed after), other order events, refunds and disputes keep the shop's state
/// current. Never fails the delivery: errors are logged.
public struct RiskIngestObserver: IngestObserver {
    let service: RiskService
    let logger: Logger

    public init(service: RiskService, logger: Logger = Logger(label: "storewise.risk")) {
        self.service = service; self.logger = logger
    }

    public func stored(_ event: IncomingEvent, shop: ShopRecord) async {
        do {
            switch event.payload {
            case .order(let order) where event.topic == .ordersCreate:
                try await service.assessOrder(order, shopID: shop.id, source: event.source, receivedAt: event.receivedAt)
            case .order(let order):
                try await service.recordOrder(order, shopID: shop.id)
            case .refund(let refund):
                try await service.recordRefund(refund, shopID: shop.id)
            default:
                return
            }
        } catch {
            logger.error("risk scoring failed", metadata: [
                "shop": "\(shop.id)", "topic": "\(event.topic.rawValue)", "error": "\(String(reflecting: error))",
            ])
        }
    }
}

/// Several ingest observers, told in order.
public struct IngestObservers: IngestObserver {
    public let observers: [any IngestObserver]

    public init(_ observers: [any IngestObserver]) { self.observers = observers }

    public func stored(_ event: IncomingEvent, shop: ShopRecord) async {
        for observer in observers { await observer.stored(event, shop: shop) }
    }
}
