/// Where an order was placed, from Shopify's `source_name`.
public enum Channel: Hashable, Sendable, Codable {
    case web
    case pos
    case draftOrder
    case mobileApp
    case other(String)

    /// Maps Shopify's `source_name` ("web", "pos", "shopify_draft_order", "iphone", an app id …).
    public init(sourceName: String?) {
        switch sourceName?.lowercased() {
        case nil, "", "web": self = .web
        case "pos": self = .pos
        case "shopify_draft_order": self = .draftOrder
        case "iphone", "android": self = .mobileApp
        case let other?: self = .other(other)
        }
    }

    /// A stable text form for storage and APIs.
    public var name: String {
        switch self {
        case .web: "web"
        case .pos: "pos"
        case .draftOrder: "shopify_draft_order"
        case .mobileApp: "mobile_app"
        case .other(let s): s
        }
    }
}
