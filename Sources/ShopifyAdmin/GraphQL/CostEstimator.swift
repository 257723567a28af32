/// Estimates the requested cost Shopify will charge for a document, before sending it.
///
/// Shopify's published rules (Admin GraphQL "Calculated query costs"): a scalar or enum field costs 0, an
/// object 1, a connection `2 + first × (cost of one node)`, and a mutation's root field 10. Shopify reports
/// the real number in `extensions.cost.requestedQueryCost`; the client prefers that (per document name)
/// once seen, so this only has to be close for the first request of each document.
///
/// Supports what Storewise's documents use: operations, aliases, arguments (literal or `$variable`,
/// with declared defaults), inline fragments (summed: an over-estimate is safe). Not a validator.
public enum CostEstimator {
    /// The estimated requested cost of `text` with `variables`.
    public static func estimate(_ text: String, variables: [String: JSONValue] = [:]) -> Int {
        var parser = Parser(tokens: tokenize(text))
        return parser.document(variables: variables)
    }

    // MARK: - Tokens

    enum Token: Equatable {
        case name(String)
        case punct(Character)
        case int(Int)
        case other
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "#" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
            } else if c == "\"" {
                // Block string """…""" or "…" with escapes.
                if i + 2 < chars.count, chars[i + 1] == "\"", chars[i + 2] == "\"" {
                    i += 3
                    while i + 2 < chars.count, !(chars[i] == "\"" && chars[i + 1] == "\"" && chars[i + 2] == "\"") { i += 1 }
                    i += 3
                } else {
                    i += 1
                    while i < chars.count, chars[i] != "\"" {
                        if chars[i] == "\\" { i += 1 }
                        i += 1
                    }
                    i += 1
                }
                tokens.append(.other)
            } else if c == "_" || (c.properties.isAlphabetic && c.isASCII) {
                var name = ""
                while i < chars.count, chars[i] == "_" || (chars[i].isASCII && (chars[i].properties.isAlphabetic || ("0"..."9").contains(chars[i]))) {
                    name.unicodeScalars.append(chars[i]); i += 1
                }
                tokens.append(.name(name))
            } else if ("0"..."9").contains(c) || c == "-" {
                var number = ""
                while i < chars.count, ("0"..."9").contains(chars[i]) || chars[i] == "-" || chars[i] == "." || chars[i] == "e" || chars[i] == "E" || chars[i] == "+" {
                    number.unicodeScalars.append(chars[i]); i += 1
                }
                tokens.append(Int(number).map(Token.int) ?? .other)
            } else if c == "." {
                // Spread "..."
                i += 3
                tokens.append(.punct("."))
            } else if "{}()[]:$!=@".unicodeScalars.contains(c) {
                tokens.append(.punct(Character(c))); i += 1
            } else {
                i += 1  // whitespace, commas
            }
        }
        return tokens
    }

    // MARK: - Parser

    struct Parser {
        let tokens: [Token]
        var position = 0
        var variables: [String: JSONValue] = [:]
        var defaults: [String: Int] = [:]

        init(tokens: [Token]) { self.tokens = tokens }

        var current: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func document(variables: [String: JSONValue]) -> Int {
            self.variables = variables
            var total = 0
            while let token = current {
                switch token {
                case .name("query"), .name("subscription"):
                    position += 1
                    operationHeader()
                    total += selectionSet(mutation: false)
                case .name("mutation"):
                    position += 1
                    operationHeader()
                    total += selectionSet(mutation: true)
                case .punct("{"):
                    total += selectionSet(mutation: false)
                case .name("fragment"):
                    // Fragments are costed where spread would be; Storewise's documents use none.
                    while let t = current, t != .punct("{") { position += 1 }
                    skipBalanced()
                default:
                    position += 1
                }
            }
            return total
        }

        /// Name and variable definitions (records `$name: Int = 50` defaults).
        mutating func operationHeader() {
            if case .name = current { position += 1 }
            guard current == .punct("(") else { return }
            position += 1
            var lastVariable: String?
            while let token = current, token != .punct(")") {
                if token == .punct("$"), case .name(let name)? = peek(1) {
                    lastVariable = name; position += 2; continue
                }
                if token == .punct("="), case .int(let value)? = peek(1), let variable = lastVariable {
                    defaults[variable] = value; position += 2; continue
                }
                position += 1
            }
            position += 1
        }

        func peek(_ offset: Int) -> Token? {
            position + offset < tokens.count ? tokens[position + offset] : nil
        }

        mutating func skipBalanced() {
            guard let open = current, case .punct(let o) = open else { return }
            let close: Character = o == "{" ? "}" : o == "(" ? ")" : "]"
            var depth = 0
            while let token = current {
                position += 1
                if token == .punct(o) { depth += 1 } else if token == .punct(close) { depth -= 1; if depth == 0 { return } }
            }
        }

        /// One parsed field: name, page size if it is a connection, and its children.
        struct Field {
            var name: String
            var pageSize: Int?
            var children: [Field]?
        }

        mutating func fields() -> [Field] {
            guard current == .punct("{") else { return [] }
            position += 1
            var result: [Field] = []
            while let token = current, token != .punct("}") {
                if token == .punct(".") {
                    position += 1
                    if current == .name("on") { position += 2 }
                    while current == .punct("@") { position += 2; if current == .punct("(") { skipBalanced() } }
                    result.append(contentsOf: fields())
                    continue
                }
                guard case .name(var name) = token else { position += 1; continue }
                position += 1
                if current == .punct(":"), case .name(let real)? = peek(1) { name = real; position += 2 }
                var pageSize: Int?
                if current == .punct("(") { pageSize = arguments() }
                while current == .punct("@") { position += 2; if current == .punct("(") { skipBalanced() } }
                let children = current == .punct("{") ? fields() : nil
                result.append(Field(name: name, pageSize: pageSize, children: children))
            }
            position += 1
            return result
        }

        /// Skips an argument list; returns `first`/`last` when given (literal, variable or its default).
        mutating func arguments() -> Int? {
            position += 1
            var depth = 1
            var pageSize: Int?
            while let token = current, depth > 0 {
                if depth == 1, case .name(let key) = token, key == "first" || key == "last", peek(1) == .punct(":") {
                    switch peek(2) {
                    case .int(let value)?: pageSize = value; position += 3; continue
                    case .punct("$")?:
                        if case .name(let variable)? = peek(3) {
                            pageSize = variables[variable]?.int.map { Int($0) } ?? defaults[variable] ?? 250
                            position += 4; continue
                        }
                    default: break
                    }
                }
                if token == .punct("(") || token == .punct("[") || token == .punct("{") { depth += 1 }
                if token == .punct(")") || token == .punct("]") || token == .punct("}") { depth -= 1 }
                position += 1
            }
            return pageSize
        }

        mutating func selectionSet(mutation: Bool) -> Int {
            let roots = fields()
            if mutation { return roots.count * 10 }
            return roots.reduce(0) { $0 + Self.cost(of: $1) }
        }

        static func cost(of field: Field) -> Int {
            guard let children = field.children else { return 0 }
            if let pageSize = field.pageSize {
                return 2 + pageSize * nodeCost(children)
            }
            return 1 + children.reduce(0) { $0 + cost(of: $1) }
        }

        /// The cost of one item of a connection: `edges { node {…} }` or `nodes {…}` (pageInfo is free).
        static func nodeCost(_ children: [Field]) -> Int {
            var total = 0
            for child in children {
                switch child.name {
                case "edges": total += nodeCost(child.children ?? [])
                case "node", "nodes": total += 1 + (child.children ?? []).reduce(0) { $0 + cost(of: $1) }
                case "pageInfo": break
                default: total += cost(of: child)
                }
            }
            return max(total, 1)
        }
    }
}
