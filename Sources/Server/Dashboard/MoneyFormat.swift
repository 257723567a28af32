import Commerce

/// Human formatting of money and counts for the dashboard.
enum MoneyFormat {
    /// "$12,345" style, whole units, for chart axes and cards. Minor-unit exponent 2 is assumed
    /// except for zero-decimal currencies.
    static func whole(_ minor: Int64, currency: String) -> String {
        let exponent: Int64 = ["JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF"].contains(currency) ? 1 : 100
        let units = minor / exponent
        let symbol = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"][currency]
        return symbol.map { "\($0)\(grouped(units))" } ?? "\(grouped(units)) \(currency)"
    }

    /// Compact axis label: 1.2k, 3.4M.
    static func compact(_ value: Double) -> String {
        switch abs(value) {
        case 1_000_000...: return String(Int((value / 100_000).rounded())).insertingDecimal() + "M"
        case 10_000...: return "\(Int((value / 1_000).rounded()))k"
        case 1_000...: return String(Int((value / 100).rounded())).insertingDecimal() + "k"
        default: return "\(Int(value.rounded()))"
        }
    }

    static func grouped(_ value: Int64) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }
}

private extension String {
    /// "12" → "1.2": one decimal from a value scaled by ten.
    func insertingDecimal() -> String {
        count < 2 ? "0." + self : String(dropLast()) + "." + String(last!)
    }
}
