import Foundation

/// Removes personal data for GDPR `customers/redact`, keeping what demand forecasting needs.
///
/// What is removed (set to JSON `null` / `nil`), at any depth of the document:
/// - everywhere: `email`, `contact_email`, `phone`, `first_name`, `last_name`, `browser_ip`,
///   `client_details` (the whole object: IP, user agent, session hash) and `note` (free text that
///   often holds names or addresses);
/// - inside an address (`billing_address`, `shipping_address`, `default_address`, `destination`,
///   and each element of `addresses`), additionally `name`, `company`, `address1`, `address2`,
///   `city`, `zip`, `latitude` and `longitude`.
///
/// What is kept: ids, money, line items, dates, tags, `customer_locale`, and the coarse location
/// an address leaves behind (`country`, `country_code`, `country_name`, `province`, `province_code`),
/// which regional demand uses. `name` outside an address is kept: on an order it is "#1001" and on a
/// line item a product title.
///
/// ```swift
/// let clean = PersonalDataScrubber.scrub(storedWebhookBody)
/// ```
public enum PersonalDataScrubber {
    /// Keys nulled wherever they appear.
    public static let personalKeys: Set<String> = [
        "email", "contact_email", "phone", "first_name", "last_name", "browser_ip", "client_details", "note",
        // Inside a transaction's payment_details: the card holder and the masked card number.
        "credit_card_name", "credit_card_number",
    ]
    /// Keys additionally nulled inside address objects.
    public static let addressKeys: Set<String> = [
        "name", "company", "address1", "address2", "city", "zip", "latitude", "longitude",
    ]
    /// Keys whose value is an address object, or (for `addresses`) an array of them.
    public static let addressContainerKeys: Set<String> = [
        "billing_address", "shipping_address", "default_address", "destination", "addresses",
    ]

    /// The raw JSON document with personal fields set to `null`; every other byte is kept as is.
    ///
    /// Working on bytes, not on a parsed tree, means numbers (ids above 2^53, amounts like 89.99)
    /// come out exactly as they went in. A body that is not valid JSON cannot be scrubbed field by
    /// field, so none of it is kept: the result is then `null`.
    public static func scrub(_ body: Data) -> Data {
        let result: [UInt8]? = body.withUnsafeBytes { raw in
            var redactor = JSONRedactor(input: raw.bindMemory(to: UInt8.self))
            return redactor.run()
        }
        return Data(result ?? Array("null".utf8))
    }

    /// The customer without email, phone, names, and with its default address scrubbed.
    public static func scrub(_ customer: Customer) -> Customer {
        var customer = customer
        customer.email = nil; customer.phone = nil; customer.firstName = nil; customer.lastName = nil
        customer.defaultAddress = customer.defaultAddress.map(scrub)
        return customer
    }

    /// The order without contact details, browser IP, or street-level addresses; money and lines kept.
    public static func scrub(_ order: Order) -> Order {
        var order = order
        order.email = nil; order.phone = nil; order.browserIP = nil
        order.customer = order.customer.map(scrub)
        order.billingAddress = order.billingAddress.map(scrub)
        order.shippingAddress = order.shippingAddress.map(scrub)
        return order
    }

    /// The address reduced to province and country.
    public static func scrub(_ address: Address) -> Address {
        Address(province: address.province, provinceCode: address.provinceCode, country: address.country,
                countryCode: address.countryCode)
    }
}
