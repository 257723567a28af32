/// A place customers live: what goes on their addresses, the sales-tax rate online orders to it
/// pay, and the currency its buyers see prices in.
struct Region: Sendable {
    let city: String
    let province: String
    let provinceCode: String
    let zipPrefix: String
    let country: String
    let countryCode: String
    let currency: String
    let taxRate: Double
    let weight: Double

    /// Mostly the shop's own metro area and the big US cities; a few abroad.
    static let domestic: [Region] = [
        Region(city: "Brooklyn", province: "New York", provinceCode: "NY", zipPrefix: "112", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.08875, weight: 14),
        Region(city: "New York", province: "New York", provinceCode: "NY", zipPrefix: "100", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.08875, weight: 12),
        Region(city: "Queens", province: "New York", provinceCode: "NY", zipPrefix: "113", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.08875, weight: 6),
        Region(city: "Jersey City", province: "New Jersey", provinceCode: "NJ", zipPrefix: "073", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.06625, weight: 4),
        Region(city: "Yonkers", province: "New York", provinceCode: "NY", zipPrefix: "107", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.08875, weight: 2),
        Region(city: "Stamford", province: "Connecticut", provinceCode: "CT", zipPrefix: "069", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.0635, weight: 2),
        Region(city: "Boston", province: "Massachusetts", provinceCode: "MA", zipPrefix: "021", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.0625, weight: 4),
        Region(city: "Philadelphia", province: "Pennsylvania", provinceCode: "PA", zipPrefix: "191", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.08, weight: 4),
        Region(city: "Washington", province: "District of Columbia", provinceCode: "DC", zipPrefix: "200", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.06, weight: 3),
        Region(city: "Chicago", province: "Illinois", provinceCode: "IL", zipPrefix: "606", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.1025, weight: 4),
        Region(city: "Austin", province: "Texas", provinceCode: "TX", zipPrefix: "787", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.0825, weight: 3),
        Region(city: "Denver", province: "Colorado", provinceCode: "CO", zipPrefix: "802", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.0881, weight: 2),
        Region(city: "Seattle", province: "Washington", provinceCode: "WA", zipPrefix: "981", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.1025, weight: 3),
        Region(city: "Portland", province: "Oregon", provinceCode: "OR", zipPrefix: "972", country: "United States", countryCode: "US", currency: "USD", taxRate: 0, weight: 2),
        Region(city: "San Francisco", province: "California", provinceCode: "CA", zipPrefix: "941", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.08625, weight: 3),
        Region(city: "Los Angeles", province: "California", provinceCode: "CA", zipPrefix: "900", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.095, weight: 4),
        Region(city: "Atlanta", province: "Georgia", provinceCode: "GA", zipPrefix: "303", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.089, weight: 2),
        Region(city: "Miami", province: "Florida", provinceCode: "FL", zipPrefix: "331", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.07, weight: 2),
        Region(city: "Minneapolis", province: "Minnesota", provinceCode: "MN", zipPrefix: "554", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.08025, weight: 2),
        Region(city: "Nashville", province: "Tennessee", provinceCode: "TN", zipPrefix: "372", country: "United States", countryCode: "US", currency: "USD", taxRate: 0.0925, weight: 1),
    ]

    static let international: [Region] = [
        Region(city: "Toronto", province: "Ontario", provinceCode: "ON", zipPrefix: "M5V", country: "Canada", countryCode: "CA", currency: "CAD", taxRate: 0, weight: 4),
        Region(city: "Montreal", province: "Quebec", provinceCode: "QC", zipPrefix: "H2X", country: "Canada", countryCode: "CA", currency: "CAD", taxRate: 0, weight: 2),
        Region(city: "London", province: "England", provinceCode: "ENG", zipPrefix: "EC1", country: "United Kingdom", countryCode: "GB", currency: "GBP", taxRate: 0, weight: 3),
        Region(city: "Berlin", province: "Berlin", provinceCode: "BE", zipPrefix: "101", country: "Germany", countryCode: "DE", currency: "EUR", taxRate: 0, weight: 2),
        Region(city: "Amsterdam", province: "North Holland", provinceCode: "NH", zipPrefix: "101", country: "Netherlands", countryCode: "NL", currency: "EUR", taxRate: 0, weight: 1),
    ]
}
