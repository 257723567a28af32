import Crypto
import Foundation

/// Shopify's App Proxy signature: a storefront request forwarded by Shopify to the app carries
/// `shop`, `path_prefix`, `timestamp`, `logged_in_customer_id` and a `signature` query parameter.
///
/// The signature is hex HMAC-SHA256, keyed by the app's client secret, over the decoded
/// parameters without `signature`, each written `key=value` (a repeated key's values joined by
/// `,`), sorted, and concatenated with no separator. It differs from the OAuth query HMAC, which
/// joins with `&`, so the two cannot share code by accident.
public enum AppProxySignature {
    /// The message Shopify signs for these decoded parameters (`signature` left out).
    public static func message(_ parameters: [(name: String, value: String)]) -> String {
        var values: [String: [String]] = [:]
        var order: [String] = []
        for (name, value) in parameters where name != "signature" {
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(value)
        }
        return order.map { "\($0)=\(values[$0]!.joined(separator: ","))" }.sorted().joined()
    }

    /// The signature Shopify would send for these parameters.
    public static func sign(_ parameters: [(name: String, value: String)], secret: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message(parameters).utf8), using: key)
        return mac.map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
    }

    /// Whether `signature` (hex) is valid for the parameters, compared in constant time.
    public static func isValid(_ parameters: [(name: String, value: String)], signature: String, secret: String) -> Bool {
        guard let given = Self.bytes(hex: signature), given.count == SHA256.byteCount else { return false }
        let key = SymmetricKey(data: Data(secret.utf8))
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Data(message(parameters).utf8), using: key)
    }

    static func bytes(hex: String) -> Data? {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var data = Data(capacity: utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let high = nibble(utf8[i]), let low = nibble(utf8[i + 1]) else { return nil }
            data.append(high << 4 | low)
            i += 2
        }
        return data
    }
}
