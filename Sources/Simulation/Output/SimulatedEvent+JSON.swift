import Commerce
import Foundation

/// Shopify-shaped bytes for a simulated event.
extension SimulatedEvent {
    /// The webhook body exactly as Shopify would POST it (compact JSON), with timestamps written in
    /// `timeZone` (the shop's, as Shopify does).
    public func body(timeZone: TimeZone = .gmt) -> Data {
        ShopifyJSON.encode(payload, timeZone: timeZone)
    }

    /// One JSONL line: `{"topic":"orders/create","id":"<webhook id>","payload":<body>}` plus `\n`.
    ///
    /// Topic and id need no escaping: topics are Shopify's fixed ASCII names and ids are hex.
    public func jsonlLine(timeZone: TimeZone = .gmt) -> Data {
        var line = Data("{\"topic\":\"\(topic.rawValue)\",\"id\":\"\(webhookID)\",\"payload\":".utf8)
        line.append(body(timeZone: timeZone))
        line.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "\n")])
        return line
    }
}
