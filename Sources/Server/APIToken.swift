import Crypto
import Foundation

/// Per-shop API bearer tokens: random, shown once, stored only as a hash.
public enum APIToken {
    /// A new token: "sw_" and 32 random bytes, base64url.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "sw_" + encoded
    }

    /// SHA-256 hex of the token. A plain hash suffices (no salt or stretching): tokens carry
    /// 256 random bits, so there is nothing to guess, and lookups stay a single index probe.
    public static func hash(_ token: String) -> String {
        // Hex by table: `String(format:)` per byte cost more than the hash itself, on every request.
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
