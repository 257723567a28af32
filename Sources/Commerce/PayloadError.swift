/// A webhook body Storewise cannot accept, naming the JSON path of the field at fault.
///
/// `field` is a path like `line_items[2].price`; it is "" when the body as a whole is at fault
/// (not JSON, or not an object).
public struct PayloadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// JSON path of the offending field, e.g. `refund_line_items[0].quantity`.
    public var field: String
    /// What is wrong with it, e.g. "is missing" or "expected an integer but found a string".
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field; self.reason = reason
    }

    public var description: String { field.isEmpty ? reason : "\(field): \(reason)" }

    /// Translates Foundation's error, whose `codingPath` becomes `field`.
    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: Self.path(context.codingPath + [key]), reason: "is missing")
        case .valueNotFound(let type, let context):
            self.init(field: Self.path(context.codingPath), reason: "is null but must be \(Self.kind(type))")
        case .typeMismatch(let type, let context):
            self.init(
                field: Self.path(context.codingPath),
                reason: "must be \(Self.kind(type)) (\(context.debugDescription))"
            )
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let detail = context.underlyingError.map { String(describing: $0) } ?? context.debugDescription
                self.init(field: "", reason: "body is not valid JSON: \(detail)")
            } else {
                self.init(field: Self.path(context.codingPath), reason: context.debugDescription)
            }
        @unknown default:
            self.init(field: "", reason: String(describing: error))
        }
    }

    /// `[line_items, Index 2, price]` → `line_items[2].price`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                if !out.isEmpty { out += "." }
                out += key.stringValue
            }
        }
        return out
    }

    /// A reader's word for the Swift type Foundation expected.
    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is WireID.Type: "an integer"
        case is WireAmount.Type: "a decimal amount"
        case is [Any].Type: "an array"
        default:
            String(describing: type).hasPrefix("Dictionary") ? "an object" : "a \(type)"
        }
    }
}
