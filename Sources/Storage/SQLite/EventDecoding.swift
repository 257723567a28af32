import Commerce
import Foundation

/// Decodes a logged body for replay. Stand-in until Commerce's `ShopifyJSON.decode` lands.
func decodeEventBody(topic: WebhookTopic, body: Data, shopCurrency: String) throws -> WebhookPayload {
    throw EventDecodingUnavailable(topic: topic.rawValue)
}

struct EventDecodingUnavailable: Error {
    var topic: String
}
