/// A Shopify address object (`billing_address`, `shipping_address`, `default_address`).
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct AddressWire: Decodable, Hashable, Sendable {
    var first_name: String?
    var last_name: String?
    var name: String?
    var company: String?
    var address1: String?
    var address2: String?
    var city: String?
    var province: String?
    var province_code: String?
    var zip: String?
    var country: String?
    var country_code: String?
    var phone: String?

    init(_ address: Address) {
        first_name = address.firstName; last_name = address.lastName; name = address.name
        company = address.company; address1 = address.address1; address2 = address.address2
        city = address.city; province = address.province; province_code = address.provinceCode
        zip = address.zip; country = address.country; country_code = address.countryCode
        phone = address.phone
    }

    var model: Address {
        Address(
            firstName: first_name, lastName: last_name, name: name, company: company, address1: address1,
            address2: address2, city: city, province: province, provinceCode: province_code, zip: zip,
            country: country, countryCode: country_code, phone: phone)
    }
}

extension AddressWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("first_name", first_name)
        writer.field("last_name", last_name)
        writer.field("name", name)
        writer.field("company", company)
        writer.field("address1", address1)
        writer.field("address2", address2)
        writer.field("city", city)
        writer.field("province", province)
        writer.field("province_code", province_code)
        writer.field("zip", zip)
        writer.field("country", country)
        writer.field("country_code", country_code)
        writer.field("phone", phone)
        writer.endObject()
    }
}
