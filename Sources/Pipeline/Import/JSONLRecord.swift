import Commerce
import Foundation

/// One line of a JSONL import, decoded and keyed.
struct JSONLRecord {
    var topic: WebhookTopic
    /// The natural key: the wrapper's id, else topic + resource id + updated_at.
    var key: String
    /// The Shopify payload bytes (the inner `payload` of a wrapped line).
    var body: Data
    var payload: WebhookPayload

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses a bare payload of `defaultTopic`, or a `{"topic", "id", "payload"}` wrapper.
    static func parse(_ line: Data, defaultTopic: WebhookTopic, shopCurrency: String) -> Result<JSONLRecord, Problem> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: line)
        } catch {
            return .failure(Problem(description: "not valid JSON"))
        }
        guard let dictionary = object as? [String: Any] else {
            return .failure(Problem(description: "a line must be a JSON object"))
        }
        var topic = defaultTopic
        var body = line
        var explicitKey: String?
        if let wrappedTopic = dictionary["topic"] as? String, let inner = dictionary["payload"] {
            topic = WebhookTopic(wrappedTopic)
            guard JSONSerialization.isValidJSONObject(inner),
                  let innerBody = try? JSONSerialization.data(withJSONObject: inner) else {
                return .failure(Problem(description: "field payload: must be a JSON object"))
            }
            body = innerBody
            explicitKey = (dictionary["id"] as? String) ?? (dictionary["webhook_id"] as? String)
        }
        let payload: WebhookPayload
        do {
            payload = try ShopifyJSON.decode(topic: topic, body: body, shopCurrency: shopCurrency)
        } catch {
            return .failure(Problem(description: error.field.isEmpty ? error.reason : "field \(error.field): \(error.reason)"))
        }
        let key = explicitKey ?? "jsonl:\(topic.rawValue):\(naturalKey(payload, body: body))"
        return .success(JSONLRecord(topic: topic, key: key, body: body, payload: payload))
    }

    /// Resource id and version, so the same record imported twice has the same key.
    private static func naturalKey(_ payload: WebhookPayload, body: Data) -> String {
        func stamp(_ date: Date?) -> String { date.map { String(Int64($0.timeIntervalSince1970 * 1000)) } ?? "-" }
        switch payload {
        case .order(let o): return "\(o.id):\(stamp(o.updatedAt))"
        case .refund(let r): return "\(r.id)"
        case .product(let p): return "\(p.id):\(stamp(p.updatedAt))"
        case .productDeleted(let id): return "\(id)"
        case .customer(let c): return "\(c.id):\(stamp(c.updatedAt))"
        case .inventoryLevel(let l): return "\(l.inventoryItemID):\(l.locationID):\(stamp(l.updatedAt))"
        case .location(let l): return "\(l.id)"
        case .dispute(let d): return "\(d.id):\(d.status ?? "-")"
        case .appUninstalled(let id, let domain): return "\(id ?? 0):\(domain ?? "")"
        case .customersDataRequest(let r): return "\(r.customerID):\(r.requestID ?? 0)"
        case .customersRedact(let r): return "\(r.customerID)"
        case .shopRedact(let id, let domain): return "\(id ?? 0):\(domain ?? "")"
        case .unknown:
            // No id Storewise understands: the content itself is the key (FNV-1a, stable across runs).
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in body { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return String(hash, radix: 16)
        }
    }
}
