import Foundation

/// A verified App Proxy request: the shop it came through, the logged-in customer (when any)
/// and the remaining query parameters.
///
/// ```swift
/// let request = try AppProxyRequest(query: "shop=…&timestamp=…&signature=…", secret: secret, now: .now)
/// request.shopDomain          // "shop-name.myshopify.com"
/// request.loggedInCustomerID  // 1042, or nil for a guest
/// ```
public struct AppProxyRequest: Sendable, Equatable {
    public var shopDomain: String
    public var pathPrefix: String?
    public var timestamp: Int64
    public var loggedInCustomerID: Int64?
    /// Every decoded parameter in request order, `signature` included.
    public var parameters: [Parameter]

    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// How old (or how far in the future) a request may be: Shopify signs the time it forwarded
    /// the request, so an old signed URL replayed later is refused.
    public static let defaultMaxAge: TimeInterval = 15 * 60

    /// Decodes the query, then checks the signature with `secret` and the timestamp against `now`.
    public init(query: String, secret: String, now: Date, maxAge: TimeInterval = defaultMaxAge) throws(AppProxyError) {
        let parameters = try Self.decode(query)
        try self.init(parameters: parameters, secret: secret, now: now, maxAge: maxAge)
    }

    /// Reads the shop's domain from a query without verifying it, to find the shop (and so the
    /// secret) before verification.
    public static func shopDomain(inQuery query: String) -> String? {
        (try? decode(query))?.first { $0.name == "shop" }?.value.lowercased()
    }

    public init(parameters: [Parameter], secret: String, now: Date, maxAge: TimeInterval = defaultMaxAge) throws(AppProxyError) {
        func value(_ name: String) -> String? { parameters.first { $0.name == name }?.value }
        guard let signature = value("signature"), !signature.isEmpty else { throw .missing("signature") }
        guard let shop = value("shop"), !shop.isEmpty else { throw .missing("shop") }
        guard let timestampText = value("timestamp") else { throw .missing("timestamp") }
        guard let timestamp = Int64(timestampText) else { throw .invalid("timestamp", timestampText) }
        let pairs = parameters.map { (name: $0.name, value: $0.value) }
        guard AppProxySignature.isValid(pairs, signature: signature, secret: secret) else { throw .badSignature }
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= maxAge else {
            throw .stale(timestamp: timestamp)
        }
        var customer: Int64?
        if let text = value("logged_in_customer_id"), !text.isEmpty {
            guard let id = Int64(text) else { throw .invalid("logged_in_customer_id", text) }
            customer = id
        }
        self.shopDomain = shop.lowercased()
        self.pathPrefix = value("path_prefix")
        self.timestamp = timestamp
        self.loggedInCustomerID = customer
        self.parameters = parameters
    }

    /// The first value of a parameter.
    public func value(_ name: String) -> String? { parameters.first { $0.name == name }?.value }
    /// Every value of a parameter, in order.
    public func values(_ name: String) -> [String] { parameters.filter { $0.name == name }.map(\.value) }

    /// Splits on `&`, then `=`, and percent-decodes (`+` is a space, as in forms).
    static func decode(_ query: String) throws(AppProxyError) -> [Parameter] {
        var result: [Parameter] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(pieces[0]), rawValue = pieces.count > 1 ? String(pieces[1]) : ""
            guard let name = rawName.replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
                  let value = rawValue.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            else { throw .invalid(rawName, rawValue) }
            result.append(Parameter(name: name, value: value))
        }
        return result
    }
}

/// Why an App Proxy request was refused.
public enum AppProxyError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case invalid(String, String)
    case badSignature
    case stale(timestamp: Int64)

    public var description: String {
        switch self {
        case .missing(let name): "app proxy request has no \(name) parameter"
        case .invalid(let name, let value): "app proxy parameter \(name) has an invalid value '\(value)'"
        case .badSignature: "app proxy signature does not match"
        case .stale(let timestamp): "app proxy timestamp \(timestamp) is too far from now"
        }
    }
}
