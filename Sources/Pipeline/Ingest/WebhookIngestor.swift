import Commerce
import Foundation
import Logging
import Metrics
import ShopifyAdmin
import Storage

/// What became of one accepted webhook.
public struct WebhookReceipt: Sendable, Hashable {
    public var shopID: Int64
    public var topic: WebhookTopic
    public var outcome: IngestOutcome
}

/// The webhook ingest path: find the shop, verify the signature, decode, store durably.
///
/// The order matters: nothing is parsed before the HMAC is checked, and the caller answers 200
/// only after `receive` returns, that is after the event's transaction has committed.
///
/// ```swift
/// let receipt = try await ingestor.receive(headers: headers, body: body)
/// ```
public struct WebhookIngestor: Sendable {
    public let shops: ShopDirectory
    public let writer: IngestWriter
    public let privacy: PrivacyRequestHandler
    /// Told about each stored event (the proposal trigger queues its "propose" job there).
    public let observer: (any IngestObserver)?
    let logger: Logger

    public init(shops: ShopDirectory, writer: IngestWriter, privacy: PrivacyRequestHandler, observer: (any IngestObserver)? = nil,
                logger: Logger = Logger(label: "storewise.webhooks")) {
        self.shops = shops
        self.writer = writer
        self.privacy = privacy
        self.observer = observer
        self.logger = logger
    }

    /// Verifies, decodes and stores one delivery. Throws `IngestError` naming what is wrong.
    public func receive(headers: WebhookHeaders, body: Data, receivedAt: Date = Date()) async throws -> WebhookReceipt {
        guard var shop = try await shops.shop(domain: headers.shopDomain) else {
            count(headers.topic, "unknown_shop")
            throw IngestError.unknownShop(domain: headers.shopDomain)
        }
        if !WebhookSignature.isValid(body: body, header: headers.hmac, secret: shop.webhookSecret),
           let fresh = try await shops.shop(domain: headers.shopDomain, fresh: true) {
            // The cached secret may predate a reinstall handled by another replica: ask the store once.
            shop = fresh
        }
        guard WebhookSignature.isValid(body: body, header: headers.hmac, secret: shop.webhookSecret) else {
            count(headers.topic, "invalid_signature")
            throw IngestError.invalidSignature
        }
        let topic = WebhookTopic(headers.topic)
        let payload: WebhookPayload
        do {
            payload = try ShopifyJSON.decode(topic: topic, body: body, shopCurrency: shop.shop.currency)
        } catch {
            count(headers.topic, "malformed")
            throw IngestError.malformedPayload(field: error.field, reason: error.reason)
        }
        if case .unknown(let raw) = topic {
            logger.notice("keeping webhook of a topic Storewise does not interpret", metadata: ["topic": "\(raw)", "shop": "\(shop.shop.domain)"])
        }
        if case .shopRedact = payload {
            // shop/redact erases the shop: nothing of it, not even this event, may stay behind.
            try await privacy.redactShop(shop)
            shops.invalidate(domain: shop.shop.domain)
            count(headers.topic, "redacted")
            return WebhookReceipt(shopID: shop.id, topic: topic, outcome: .stored(sequence: 0, applied: true))
        }
        let event = IncomingEvent(
            shopID: shop.id, topic: topic, webhookID: headers.webhookID, body: body, payload: payload,
            receivedAt: receivedAt, source: .webhook, apiVersion: headers.apiVersion
        )
        let outcome = try await writer.submit(event)
        switch outcome {
        case .stored:
            count(headers.topic, "stored")
            try await privacy.afterStore(payload, shop: shop)
            await observer?.stored(event, shop: shop)
        case .duplicate:
            count(headers.topic, "duplicate")
        case .failed(let reason):
            count(headers.topic, "failed")
            logger.error("event log refused a webhook", metadata: [
                "topic": "\(headers.topic)", "shop": "\(shop.shop.domain)", "webhook_id": "\(headers.webhookID)", "reason": "\(reason)",
            ])
            throw IngestError.processingFailed(reason)
        }
        return WebhookReceipt(shopID: shop.id, topic: topic, outcome: outcome)
    }

    private func count(_ topic: String, _ outcome: String) {
        Counter(label: "storewise_webhooks_total", dimensions: [("topic", topic), ("outcome", outcome)]).increment()
    }
}
