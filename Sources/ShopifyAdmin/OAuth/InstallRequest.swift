import Crypto
import Foundation

/// The query Shopify sends to an app's install URL and OAuth callback, and its `hmac` check.
///
/// Shopify signs the query with the app's client secret: every parameter except `hmac` (and the legacy
/// `signature`) as `key=value`, with `%` → `%25` and `&` → `%26` in keys and values and `=` → `%3D` in keys,
/// sorted, joined by `&`; an array parameter `ids[]=2&ids[]=1` is signed as `ids=["2", "1"]`. The signature
/// is the lowercase hex HMAC-SHA256 (vectors in `../shared/shopify/hmac_vectors.json`).
///
/// ```swift
/// let request = InstallRequest(query: "code=…&hmac=…&shop=x.myshopify.com&timestamp=1337178173")
/// try request.verify(secret: clientSecret, now: Date())
/// ```
public struct InstallRequest: Sendable, Hashable {
    /// One decoded query parameter, in the order received.
    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }

    public var parameters: [Parameter]

    public init(parameters: [Parameter]) {
        self.parameters = parameters
    }

    /// Parses a raw (percent-encoded) query string; `+` is a space as in forms.
    public init(query: String) {
        let query = query.hasPrefix("?") ? String(query.dropFirst()) : query
        parameters = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            return Parameter(name, value)
        }
    }

    /// The first value of `name`.
    public subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// The message Shopify signs: see the type's summary.
    public var signedMessage: String {
        var pairs: [String] = []
        var arrays: [String: [String]] = [:]
        var arrayOrder: [String] = []
        for parameter in parameters where parameter.name != "hmac" && parameter.name != "signature" {
            if parameter.name.hasSuffix("[]") {
                let name = String(parameter.name.dropLast(2))
                if arrays[name] == nil { arrayOrder.append(name) }
                arrays[name, default: []].append(parameter.value)
            } else {
                pairs.append(Self.pair(parameter.name, parameter.value))
            }
        }
        for name in arrayOrder {
            // Values keep their order, quoted and joined by ", " (JSON with Python's default separators).
            let list = "[" + arrays[name]!.map { "\"" + Self.jsonEscape($0) + "\"" }.joined(separator: ", ") + "]"
            pairs.append(Self.pair(name, list))
        }
        // Sorted as whole `key=value` strings by bytes, as Shopify's libraries do.
        return pairs.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: "&")
    }

    /// The lowercase hex HMAC-SHA256 of `signedMessage` under `secret`.
    public func expectedHMAC(secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(signedMessage.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { Self.hexDigits[Int($0 >> 4)] + Self.hexDigits[Int($0 & 0x0f)] }.joined()
    }

    /// True when `hmac` is the signature of the rest under `secret` (constant-time).
    public func hasValidHMAC(secret: String) -> Bool {
        guard let hex = self["hmac"], let mac = Self.bytes(hex: hex) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(signedMessage.utf8), using: SymmetricKey(data: Data(secret.utf8)))
    }

    /// Checks the signature, then that `timestamp` is within `maxSkew` seconds of `now`, and returns the shop.
    /// Throws `OAuthError` naming the parameter at fault.
    @discardableResult
    public func verify(secret: String, now: Date, maxSkew: TimeInterval = 86_400) throws -> ShopDomain {
        guard self["hmac"] != nil else { throw OAuthError.missingParameter(name: "hmac") }
        guard hasValidHMAC(secret: secret) else { throw OAuthError.invalidHMAC }
        guard let raw = self["timestamp"] else { throw OAuthError.missingParameter(name: "timestamp") }
        guard let timestamp = Int64(raw) else { throw OAuthError.invalidParameter(name: "timestamp", reason: "'\(raw.prefix(40))' is not Unix seconds") }
        let skew = Int64(now.timeIntervalSince1970.rounded()) - timestamp
        guard abs(skew) <= Int64(maxSkew) else { throw OAuthError.staleTimestamp(seconds: skew, allowed: Int64(maxSkew)) }
        guard let shop = self["shop"] else { throw OAuthError.missingParameter(name: "shop") }
        return try ShopDomain(shop)
    }

    private static let hexDigits = (0..<16).map { String($0, radix: 16) }

    private static func pair(_ name: String, _ value: String) -> String {
        let key = name.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "&", with: "%26").replacingOccurrences(of: "=", with: "%3D")
        let escaped = value.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "&", with: "%26")
        return key + "=" + escaped
    }

    private static func jsonEscape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    private static func bytes(hex: String) -> Data? {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var data = Data(capacity: 32)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
