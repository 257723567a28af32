/// A postal address as Shopify sends it on orders and customers.
public struct Address: Hashable, Sendable, Codable {
    public var firstName: String?
    public var lastName: String?
    public var name: String?
    public var company: String?
    public var address1: String?
    public var address2: String?
    public var city: String?
    public var province: String?
    public var provinceCode: String?
    public var zip: String?
    public var country: String?
    public var countryCode: String?
    public var phone: String?

    public init(
        firstName: String? = nil, lastName: String? = nil, name: String? = nil, company: String? = nil,
        address1: String? = nil, address2: String? = nil, city: String? = nil, province: String? = nil,
        provinceCode: String? = nil, zip: String? = nil, country: String? = nil, countryCode: String? = nil,
        phone: String? = nil
    ) {
        self.firstName = firstName; self.lastName = lastName; self.name = name; self.company = company
        self.address1 = address1; self.address2 = address2; self.city = city; self.province = province
        self.provinceCode = provinceCode; self.zip = zip; self.country = country; self.countryCode = countryCode
        self.phone = phone
    }
}
