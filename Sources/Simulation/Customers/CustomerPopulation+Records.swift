import Commerce
import Foundation

/// Turning a profile into the Shopify records that carry it.
extension CustomerPopulation {
    /// The `Customer` record of profile `index`, as sent in customers/create and embedded in orders.
    func customer(at index: Int) -> Customer {
        let p = profiles[index]
        let first = PersonNames.first[Int(p.firstName)]
        let last = PersonNames.last[Int(p.lastName)]
        let email = "\(first.lowercased()).\(last.lowercased())\(index + 1)@\(PersonNames.emailDomains[index % 3])"
        let time = Date(timeIntervalSince1970: TimeInterval(p.createdAt))
        return Customer(
            id: p.id, email: email, phone: p.hasPhone ? phone(index) : nil, firstName: first, lastName: last,
            state: p.hasAccount ? "enabled" : "disabled", tags: [], currency: currency,
            acceptsEmailMarketing: p.acceptsEmail, acceptsSMSMarketing: p.acceptsSMS && p.hasPhone,
            defaultAddress: address(at: index), createdAt: time, updatedAt: time)
    }

    /// The customer's home address, used for shipping and billing.
    func address(at index: Int) -> Address {
        let p = profiles[index]
        let region = regions[Int(p.region)]
        let first = PersonNames.first[Int(p.firstName)]
        let last = PersonNames.last[Int(p.lastName)]
        let suffix = p.zipSuffix < 10 ? "0\(p.zipSuffix)" : "\(p.zipSuffix)"
        return Address(
            firstName: first, lastName: last, name: "\(first) \(last)",
            address1: "\(p.streetNumber) \(PersonNames.streets[Int(p.street)])", city: region.city,
            province: region.province, provinceCode: region.provinceCode,
            zip: region.countryCode == "US" ? region.zipPrefix + suffix : "\(region.zipPrefix) \(p.zipSuffix % 10)AB",
            country: region.country, countryCode: region.countryCode, phone: p.hasPhone ? phone(index) : nil)
    }

    func region(of index: Int) -> Region { regions[Int(profiles[index].region)] }

    /// A phone number in the 555-01xx block reserved for fiction, made unique by the area code.
    private func phone(_ index: Int) -> String {
        let area = 200 + index / 100 % 800
        let line = index % 100
        return "+1\(area)55501\(line < 10 ? "0" : "")\(line)"
    }
}
