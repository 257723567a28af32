import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import Metrics
import NIOCore
import Storage

/// Sends model alerts to the merchant's webhook, signed the way Shopify signs its webhooks:
/// `X-Storewise-Hmac-Sha256` is base64(HMAC-SHA256(secret, raw body)), so a receiver that already
/// verifies Shopify webhooks verifies these with the same code and its own secret.
///
/// Body: `{"id","shop_id","kind","version","type","severity","message","details","created_at"}`.
/// Each alert gets up to `tries` attempts (5 s timeout each, backoff between them); an alert
/// the webhook accepted (2xx) is marked notified so it is never sent twice.
///
/// ```swift
/// let notifier = AlertNotifier(url: "https://hooks.example.com/storewise", secret: "s3cret", store: store)
/// try await notifier.send(alert)
/// ```
public struct AlertNotifier: Sendable {
    public var url: String
    public var secret: String
    let store: (any ModelMonitoringStore)?
    let client: HTTPClient
    public var timeoutSeconds: Int64
    public var tries: Int
    public var backoff: RetryBackoff
    let logger: Logger

    public init(url: String, secret: String, store: (any ModelMonitoringStore)?, client: HTTPClient = .shared, timeoutSeconds: Int64 = 5,
                tries: Int = 3, backoff: RetryBackoff = RetryBackoff(baseSeconds: 1, capSeconds: 10),
                logger: Logger = Logger(label: "storewise.alerts")) {
        self.url = url; self.secret = secret; self.store = store; self.client = client; self.timeoutSeconds = timeoutSeconds
        self.tries = max(1, tries); self.backoff = backoff; self.logger = logger
    }

    /// The notifier the options configure, or nil when no webhook URL is set. A URL without a
    /// secret signs with the empty key (the receiver can still read it, but should configure one).
    public init?(webhookURL: String?, webhookSecret: String?, store: (any ModelMonitoringStore)?, logger: Logger = Logger(label: "storewise.alerts")) {
        guard let webhookURL, !webhookURL.isEmpty else { return nil }
        self.init(url: webhookURL, secret: webhookSecret ?? "", store: store, logger: logger)
    }

    /// The JSON body sent for `alert` (keys sorted, dates ISO 8601 UTC).
    public static func body(_ alert: ModelAlert) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(Payload(alert))
    }

    /// base64(HMAC-SHA256(secret, body)): the `X-Storewise-Hmac-Sha256` header.
    public static func signature(body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// Posts the alert; true when the webhook answered 2xx (then the alert is marked notified).
    /// Never throws for delivery failures: they are logged and the alert stays un-notified.
    @discardableResult
    public func send(_ alert: ModelAlert) async -> Bool {
        let body: Data
        do {
            body = try Self.body(alert)
        } catch {
            logger.error("alert not encoded", metadata: ["alert": "\(alert.id)", "error": "\(String(reflecting: error))"])
            return false
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Storewise-Topic", value: "model_alert")
        request.headers.add(name: "X-Storewise-Hmac-Sha256", value: Self.signature(body: body, secret: secret))
        request.body = .bytes(ByteBuffer(bytes: body))

        for attempt in 1...tries {
            do {
                let response = try await client.execute(request, timeout: .seconds(timeoutSeconds), logger: logger)
                // Drain (and bound) the body so the connection goes back to the pool.
                _ = try? await response.body.collect(upTo: 64 * 1024)
                if (200..<300).contains(response.status.code) {
                    if let store {
                        do {
                            try await store.markAlertNotified(id: alert.id)
                        } catch {
                            logger.warning("alert sent but not marked notified",
                                           metadata: ["alert": "\(alert.id)", "error": "\(String(reflecting: error))"])
                        }
                    }
                    logger.info("alert webhook delivered", metadata: ["alert": "\(alert.id)", "attempt": "\(attempt)"])
                    return true
                }
                logger.warning("alert webhook refused",
                               metadata: ["alert": "\(alert.id)", "status": "\(response.status.code)", "attempt": "\(attempt)"])
            } catch {
                logger.warning("alert webhook failed",
                               metadata: ["alert": "\(alert.id)", "attempt": "\(attempt)", "error": "\(String(reflecting: error))"])
            }
            guard attempt < tries, !Task.isCancelled else { break }
            try? await Task.sleep(for: .milliseconds(Int64(backoff.delay(attempt: attempt) * 1000)))
        }
        return false
    }

    /// The wire shape of an alert (snake_case keys as the merchant's receiver reads them).
    struct Payload: Encodable {
        var id: Int64
        var shopID: Int64
        var kind: String
        var version: Int?
        var type: String
        var severity: String
        var message: String
        var details: [String: Double]
        var createdAt: Date

        init(_ alert: ModelAlert) {
            id = alert.id; shopID = alert.shopID; kind = alert.kind; version = alert.version; type = alert.type
            severity = alert.severity; message = alert.message; details = alert.details; createdAt = alert.createdAt
        }

        enum CodingKeys: String, CodingKey {
            case id, kind, version, type, severity, message, details
            case shopID = "shop_id"
            case createdAt = "created_at"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(shopID, forKey: .shopID); try c.encode(kind, forKey: .kind)
            // An explicit null, so every documented key is present.
            try c.encode(version, forKey: .version)
            try c.encode(type, forKey: .type); try c.encode(severity, forKey: .severity); try c.encode(message, forKey: .message)
            try c.encode(details, forKey: .details); try c.encode(createdAt, forKey: .createdAt)
        }
    }
}

extension AlertNotifier {
    /// Stores an alert (a repeat of an open one is not stored again), logs it at warning with its
    /// details, counts it in `storewise_model_alerts_total{type}` and sends it when a notifier is
    /// configured. Returns the stored alert, nil for a repeat.
    @discardableResult
    public static func raise(_ alert: ModelAlert, store: any ModelMonitoringStore, notifier: AlertNotifier?, logger: Logger) async throws -> ModelAlert? {
        guard let stored = try await store.raiseAlert(alert) else {
            logger.debug("alert already open", metadata: ["shop": "\(alert.shopID)", "kind": "\(alert.kind)", "type": "\(alert.type)"])
            return nil
        }
        var meta: Logger.Metadata = ["alert": "\(stored.id)", "shop": "\(stored.shopID)", "kind": "\(stored.kind)",
                                     "type": "\(stored.type)", "severity": "\(stored.severity)"]
        if let version = stored.version { meta["version"] = "\(version)" }
        for (key, value) in stored.details { meta[key] = "\(value)" }
        logger.warning("model alert: \(stored.message)", metadata: meta)
        Counter(label: "storewise_model_alerts_total", dimensions: [("type", stored.type)]).increment()
        if let notifier { await notifier.send(stored) }
        return stored
    }
}
