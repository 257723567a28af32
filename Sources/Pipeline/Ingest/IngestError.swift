import Commerce

/// Why a webhook or import row was not stored. Each maps to one HTTP status at the edge.
public enum IngestError: Error, Sendable, CustomStringConvertible {
    /// A required header is absent (400).
    case missingHeader(String)
    /// No shop with that domain is installed (404).
    case unknownShop(domain: String)
    /// `X-Shopify-Hmac-Sha256` does not match the body (401).
    case invalidSignature
    /// The body is not a payload of the topic it claims (400); `field` names what is wrong.
    case malformedPayload(field: String, reason: String)
    /// The event log could not be written (503): Shopify will retry.
    case storageUnavailable(String)
    /// The store refused this one event (500); the reason is logged, never sent to the client.
    case processingFailed(String)
    /// The process is shutting down (503): Shopify will retry.
    case shuttingDown

    public var description: String {
        switch self {
        case .missingHeader(let name): "missing required header \(name)"
        case .unknownShop(let domain): "no shop \(domain) is installed"
        case .invalidSignature: "X-Shopify-Hmac-Sha256 does not match the body"
        case .malformedPayload(let field, let reason):
            field.isEmpty ? "malformed payload: \(reason)" : "malformed payload: field \(field): \(reason)"
        case .storageUnavailable: "the event log is unavailable; retry later"
        case .processingFailed: "the event could not be stored; the server log has the reason"
        case .shuttingDown: "shutting down; retry later"
        }
    }

    /// A stable machine-readable code for API clients.
    public var code: String {
        switch self {
        case .missingHeader: "missing_header"
        case .unknownShop: "unknown_shop"
        case .invalidSignature: "invalid_signature"
        case .malformedPayload: "malformed_payload"
        case .storageUnavailable: "storage_unavailable"
        case .processingFailed: "processing_failed"
        case .shuttingDown: "shutting_down"
        }
    }
}
