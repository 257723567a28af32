import Testing
@testable import Server

/// Money in the customer API: exact minor units, Shopify's decimal string and a grouped label.
@Suite("Customer API amounts")
struct CustomerAmountTests {
    @Test("Decimal digits per ISO 4217, thousands grouped, symbol or code, sign kept")
    func formatting() {
        let usd = CustomerAPIController.Amount(116526, currency: "USD")
        #expect(usd.minorUnits == 116526 && usd.amount == "1165.26" && usd.formatted == "$1,165.26")
        #expect(CustomerAPIController.Amount(123456789, currency: "EUR").formatted == "€1,234,567.89")
        #expect(CustomerAPIController.Amount(1500, currency: "JPY").formatted == "¥1,500")
        #expect(CustomerAPIController.Amount(5, currency: "CHF").formatted == "0.05 CHF")
        #expect(CustomerAPIController.Amount(-250000, currency: "USD").formatted == "-$2,500.00")
        #expect(CustomerAPIController.Amount(12345, currency: "KWD").amount == "12.345")
    }
}
