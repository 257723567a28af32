import Commerce
import Testing

/// `Money(decimalString:currency:)` and `decimalString`; expected minor units are worked out by hand.
@Suite struct MoneyDecimalTests {
    @Test(arguments: [
        ("404.95", "USD", 40495 as Int64),
        ("10", "USD", 1000),
        ("10.5", "USD", 1050),
        ("-3.25", "USD", -325),
        ("+2", "USD", 200),
        ("0", "USD", 0),
        ("19.990", "USD", 1999),  // a trailing zero beyond the minor unit changes nothing
        ("-0.01", "EUR", -1),
        ("1500", "JPY", 1500),  // yen have no minor unit
        ("1500.00", "JPY", 1500),
        ("25000", "KRW", 25000),
        ("1.234", "KWD", 1234),  // fils: 3 digits
        ("0.005", "BHD", 5),
        ("12.3", "TND", 12300),
        ("9.99", "usd", 999),  // codes are normalised to upper case
    ])
    func parses(text: String, currency: String, minorUnits: Int64) throws {
        let money = try Money(decimalString: text, currency: currency)
        #expect(money.minorUnits == minorUnits)
        #expect(money.currency == currency.uppercased())
    }

    @Test(arguments: [
        ("", "USD"), ("abc", "USD"), ("1.2.3", "USD"), ("19.999", "USD"), ("1.5", "JPY"), ("1.2345", "KWD"),
        ("1,000.00", "USD"), (" 1.00", "USD"), ("-", "USD"), (".5", "USD"), ("5.", "USD"), ("1e3", "USD"),
        ("99999999999999999999", "USD"), ("92233720368547758.08", "USD"),
    ])
    func rejects(text: String, currency: String) {
        let error = #expect(throws: MoneyParseError.self) { try Money(decimalString: text, currency: currency) }
        #expect(error?.value == text)
        #expect(error?.description.hasPrefix("\"\(text)\" is not a valid \(currency) amount") == true)
    }

    @Test func errorNamesTheValueAndTheRule() {
        let error = #expect(throws: MoneyParseError.self) { try Money(decimalString: "19.999", currency: "USD") }
        #expect(error?.description == "\"19.999\" is not a valid USD amount: it has more than 2 decimals, the minor unit of USD")
    }

    @Test(arguments: [
        (Money(minorUnits: 40495, currency: "USD"), "404.95"),
        (Money(minorUnits: -5, currency: "USD"), "-0.05"),
        (Money(minorUnits: 0, currency: "EUR"), "0.00"),
        (Money(minorUnits: 1500, currency: "JPY"), "1500"),
        (Money(minorUnits: -1500, currency: "JPY"), "-1500"),
        (Money(minorUnits: 1234, currency: "KWD"), "1.234"),
        (Money(minorUnits: 7, currency: "OMR"), "0.007"),
        (Money(minorUnits: .min, currency: "USD"), "-92233720368547758.08"),
        (Money(minorUnits: .max, currency: "USD"), "92233720368547758.07"),
    ])
    func formats(money: Money, text: String) throws {
        #expect(money.decimalString == text)
        if money.minorUnits != .min {  // its magnitude is one past Int64.max, so it cannot be read back
            #expect(try Money(decimalString: text, currency: money.currency) == money)
        }
    }

    @Test func exponents() {
        #expect(Money.minorUnitDigits(for: "USD") == 2)
        #expect(Money.minorUnitDigits(for: "JPY") == 0)
        #expect(Money.minorUnitDigits(for: "VND") == 0)
        #expect(Money.minorUnitDigits(for: "JOD") == 3)
        #expect(Money.minorUnitDigits(for: "XYZ") == 2)
    }
}
