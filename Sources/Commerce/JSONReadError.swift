/// Why `JSONReader` stopped: malformed JSON, or a well-formed value of the wrong shape.
///
/// `field` grows outward as the error leaves each object and array (`quantity` →
/// `[1].quantity` → `line_items[1].quantity`), so readers name paths without building any
/// string on the success path.
struct JSONReadError: Error, Hashable, Sendable {
    /// True when the bytes are not JSON at all; such an error has no field.
    var isSyntax: Bool
    /// JSON path of the offending value, in `PayloadError`'s notation.
    var field: String
    var reason: String

    static func syntax(_ reason: String, at offset: Int) -> JSONReadError {
        JSONReadError(isSyntax: true, field: "", reason: "\(reason) at byte \(offset)")
    }

    static func field(_ reason: String) -> JSONReadError {
        JSONReadError(isSyntax: false, field: "", reason: reason)
    }

    static func missing(_ key: String) -> JSONReadError {
        JSONReadError(isSyntax: false, field: key, reason: "is missing")
    }

    /// This error as seen from the enclosing object, which holds it under `key`.
    func inside(key: String) -> JSONReadError { prefixed(key) }

    /// This error as seen from the enclosing array, which holds it at `index`.
    func inside(index: Int) -> JSONReadError { prefixed("[\(index)]") }

    private func prefixed(_ component: String) -> JSONReadError {
        guard !isSyntax else { return self }
        var copy = self
        if field.isEmpty || field.hasPrefix("[") {
            copy.field = component + field
        } else {
            copy.field = component + "." + field
        }
        return copy
    }

    var payloadError: PayloadError {
        isSyntax
            ? PayloadError(field: "", reason: "body is not valid JSON: \(reason)")
            : PayloadError(field: field, reason: reason)
    }
}
