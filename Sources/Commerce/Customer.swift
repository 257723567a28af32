import Foundation

/// A customer, from customers/create|update webhooks or embedded in an order.
public struct Customer: Hashable, Sendable, Codable {
    public var id: Int64
    public var email: String?
    public var phone: String?
    public var firstName: String?
    public var lastName: String?
    /// "enabled", "disabled", "invited", "declined".
    public var state: String?
    public var tags: [String]
    public var currency: String?
    /// Whether email marketing consent is "subscribed" (from `email_marketing_consent.state`,
    /// or the legacy `accepts_marketing`).
    public var acceptsEmailMarketing: Bool
    /// Whether SMS marketing consent is "subscribed".
    public var acceptsSMSMarketing: Bool
    public var defaultAddress: Address?
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(
        id: Int64, email: String? = nil, phone: String? = nil, firstName: String? = nil,
        lastName: String? = nil, state: String? = nil, tags: [String] = [], currency: String? = nil,
        acceptsEmailMarketing: Bool = false, acceptsSMSMarketing: Bool = false,
        defaultAddress: Address? = nil, createdAt: Date? = nil, updatedAt: Date? = nil
    ) {
        self.id = id; self.email = email; self.phone = phone; self.firstName = firstName
        self.lastName = lastName; self.state = state; self.tags = tags; self.currency = currency
        self.acceptsEmailMarketing = acceptsEmailMarketing; self.acceptsSMSMarketing = acceptsSMSMarketing
        self.defaultAddress = defaultAddress; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}
