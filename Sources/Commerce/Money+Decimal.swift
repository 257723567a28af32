/// Exact conversion between Shopify's decimal strings ("404.95") and integer minor units.
extension Money {
    /// Parses a decimal string such as "404.95", "-3.5", "10" or "1.230" exactly (no `Double`).
    ///
    /// The number of minor-unit digits comes from ISO 4217 (`Money.minorUnitDigits(for:)`).
    /// Extra decimals are accepted only when they are zeros ("19.990" USD), because dropping
    /// a non-zero digit would silently change the amount.
    ///
    /// ```swift
    /// let price = try Money(decimalString: "404.95", currency: "USD")  // 40495 cents
    /// ```
    public init(decimalString text: String, currency: String) throws(MoneyParseError) {
        let currency = currency.uppercased()
        let digits = Money.minorUnitDigits(for: currency)
        func fail(_ reason: String) -> MoneyParseError {
            MoneyParseError(value: text, currency: currency, reason: reason)
        }
        var bytes = Substring(text).utf8[...]
        guard !bytes.isEmpty else { throw fail("it is empty") }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var whole: Int64 = 0
        var wholeDigits = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { throw fail("it has more than one decimal point") }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw fail("it is not a decimal number")
            }
            let digit = Int64(byte - UInt8(ascii: "0"))
            if seenPoint {
                fractionDigits += 1
                if fractionDigits > digits {
                    guard digit == 0 else {
                        throw fail("it has more than \(digits) decimals, the minor unit of \(currency)")
                    }
                } else {
                    fraction = fraction * 10 + digit
                }
            } else {
                wholeDigits += 1
                let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                guard !o1, !o2 else { throw fail("it is too large") }
                whole = sum
            }
        }
        guard wholeDigits > 0 else { throw fail("it has no digits before the decimal point") }
        guard !seenPoint || fractionDigits > 0 else { throw fail("it has no digits after the decimal point") }
        // Pad "10.5" to 2 digits: 5 → 50.
        for _ in min(fractionDigits, digits)..<digits { fraction *= 10 }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: Money.powerOfTen(digits))
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        guard !o1, !o2 else { throw fail("it is too large") }
        self.init(minorUnits: negative ? -total : total, currency: currency)
    }

    /// The amount as a plain decimal string with the currency's minor-unit digits:
    /// "404.95" (USD), "1500" (JPY), "-0.005" → "-0.005" (KWD).
    public var decimalString: String {
        let digits = Money.minorUnitDigits(for: currency)
        let magnitude = minorUnits.magnitude  // UInt64: Int64.min has no positive Int64
        let sign = minorUnits < 0 ? "-" : ""
        guard digits > 0 else { return sign + String(magnitude) }
        let scale = UInt64(Money.powerOfTen(digits))
        var fraction = String(magnitude % scale)
        if fraction.count < digits { fraction = String(repeating: "0", count: digits - fraction.count) + fraction }
        return sign + String(magnitude / scale) + "." + fraction
    }

    /// Decimal digits of the currency's minor unit per ISO 4217 (JPY 0, KWD 3, USD 2).
    ///
    /// Unknown codes get 2, the most common exponent.
    public static func minorUnitDigits(for currency: String) -> Int {
        switch currency.uppercased() {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
             "VND", "VUV", "XAF", "XOF", "XPF":
            0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
            3
        case "CLF", "UYW":
            4
        default:
            2
        }
    }

    private static func powerOfTen(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
