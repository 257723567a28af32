/// What went wrong talking to the Admin API, naming the operation and the field where there is one.
public enum AdminError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A mutation's `userErrors`: Shopify refused the input (not retried).
    case userErrors(operation: String, [UserError])
    /// Top-level GraphQL `errors` other than THROTTLED (not retried).
    case graphQL(operation: String, messages: [String])
    /// An HTTP status other than 200 that retries did not cure (or is not retryable: 401, 403, 404).
    case http(operation: String, status: Int, body: String)
    /// Still throttled or failing after every attempt.
    case retriesExhausted(operation: String, attempts: Int, last: String)
    /// The query's requested cost exceeds what the bucket can ever hold (or Shopify's 1,000 per query).
    case queryTooExpensive(operation: String, requested: Int, maximum: Int)
    /// The response is not what the operation expects; `field` names the path.
    case invalidResponse(operation: String, field: String, reason: String)
    /// A bulk operation ended FAILED, CANCELED or EXPIRED.
    case bulkOperationFailed(id: String, status: String, errorCode: String?)
    /// The transport failed (connection refused, timeout …) after every attempt.
    case transport(operation: String, reason: String)

    public var description: String {
        switch self {
        case .userErrors(let operation, let errors):
            "\(operation): Shopify refused the input: " + errors.map(\.description).joined(separator: "; ")
        case .graphQL(let operation, let messages): "\(operation): GraphQL errors: " + messages.joined(separator: "; ")
        case .http(let operation, let status, let body): "\(operation): HTTP \(status): \(body.prefix(300))"
        case .retriesExhausted(let operation, let attempts, let last): "\(operation): gave up after \(attempts) attempts: \(last)"
        case .queryTooExpensive(let operation, let requested, let maximum):
            "\(operation): requested cost \(requested) exceeds the maximum \(maximum)"
        case .invalidResponse(let operation, let field, let reason): "\(operation): field \(field): \(reason)"
        case .bulkOperationFailed(let id, let status, let errorCode): "bulk operation \(id) ended \(status)" + (errorCode.map { " (\($0))" } ?? "")
        case .transport(let operation, let reason): "\(operation): \(reason)"
        }
    }
}

/// One entry of a mutation's `userErrors`.
public struct UserError: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The input path, e.g. ["orderRiskAssessmentInput", "facts", "0", "description"].
    public var field: [String]
    public var message: String
    public var code: String?

    public init(field: [String], message: String, code: String? = nil) {
        self.field = field; self.message = message; self.code = code
    }

    public var description: String {
        (field.isEmpty ? "" : "field \(field.joined(separator: ".")): ") + message + (code.map { " (\($0))" } ?? "")
    }
}
