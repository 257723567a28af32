/// A Shopify store that Storewise serves.
public struct Shop: Hashable, Sendable, Codable {
    /// Shopify's numeric shop id, when known.
    public var id: Int64?
    /// The permanent `*.myshopify.com` domain; the key webhooks name the shop by.
    public var domain: String
    public var name: String
    /// ISO 4217 code of the shop's currency.
    public var currency: String
    /// IANA time zone ("America/New_York"): a "day" of demand is a calendar day here.
    public var timeZone: String
    /// The location that fulfils online orders, which carry no `location_id`: their demand is
    /// counted there, beside that location's stock. nil counts them at `Location.onlineID` (0).
    public var onlineLocationID: Int64?

    public init(id: Int64? = nil, domain: String, name: String, currency: String, timeZone: String, onlineLocationID: Int64? = nil) {
        self.id = id; self.domain = domain; self.name = name; self.currency = currency; self.timeZone = timeZone
        self.onlineLocationID = onlineLocationID
    }
}
