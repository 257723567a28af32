import Foundation

/// Shopify's search syntax as the fake understands it: space-separated terms, all of which must
/// match (`AND`), each `field:value` or `field:>value` (`>`, `>=`, `<`, `<=`); values may be quoted.
/// Dates compare as dates (`updated_at:>'2024-01-01T00:00:00Z'`), `id` numerically, `tag` by
/// membership (case-insensitive), other fields by case-insensitive equality. Unknown fields match.
struct FakeSearchQuery: Sendable {
    /// What an item offers a term.
    enum Value: Sendable {
        case date(Date?)
        case number(Int64)
        case strings([String])
    }

    struct Term: Sendable {
        var field: String
        var op: String
        var value: String
    }

    let terms: [Term]

    init(_ text: String?) {
        var terms: [Term] = []
        for token in Self.tokens(text ?? "") {
            guard let colon = token.firstIndex(of: ":") else { continue }
            let field = token[..<colon].lowercased()
            var rest = Substring(token[token.index(after: colon)...])
            var op = "="
            for candidate in [">=", "<=", ">", "<"] where rest.hasPrefix(candidate) {
                op = candidate; rest = rest.dropFirst(candidate.count); break
            }
            let value = rest.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            if field == "and" || field.isEmpty { continue }
            terms.append(Term(field: field, op: op, value: value))
        }
        self.terms = terms
    }

    var isEmpty: Bool { terms.isEmpty }

    /// Whether an item matches every term; `lookup` gives the item's value of a field (nil: unknown field, matches).
    func matches(_ lookup: (String) -> Value?) -> Bool {
        for term in terms {
            guard let value = lookup(term.field) else { continue }
            if !Self.matches(term, value) { return false }
        }
        return true
    }

    private static func matches(_ term: Term, _ value: Value) -> Bool {
        switch value {
        case .date(let date):
            guard let date, let bound = FakeFormat.parseDate(term.value) else { return false }
            return compare(date.timeIntervalSince1970, term.op, bound.timeIntervalSince1970)
        case .number(let number):
            guard let bound = Int64(term.value) ?? FakeFormat.parseGID(term.value)?.id else { return false }
            return compare(Double(number), term.op, Double(bound))
        case .strings(let texts):
            let wanted = term.value.lowercased()
            return texts.contains { $0.lowercased() == wanted }
        }
    }

    private static func compare(_ left: Double, _ op: String, _ right: Double) -> Bool {
        switch op {
        case ">": left > right
        case ">=": left >= right
        case "<": left < right
        case "<=": left <= right
        default: left == right
        }
    }

    /// Splits on spaces outside quotes.
    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character; current.append(character)
            } else if character == " " {
                if !current.isEmpty { tokens.append(current); current = "" }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
