import Foundation

/// A shop's permanent `*.myshopify.com` domain, validated before it is put in a URL or looked up.
///
/// Shopify names the shop in install and callback queries (`shop=`); anything else there (another host, a path,
/// a port) would send the OAuth redirect or the token exchange somewhere else, so it is refused.
public struct ShopDomain: Sendable, Hashable, CustomStringConvertible {
    /// "example-shop.myshopify.com".
    public let value: String

    /// Validates `^[a-z0-9][a-z0-9-]*\.myshopify\.com$` (after lowercasing); errors name the field `shop`.
    public init(_ raw: String) throws {
        let value = raw.lowercased()
        let suffix = ".myshopify.com"
        guard value.hasSuffix(suffix) else {
            throw OAuthError.invalidParameter(name: "shop", reason: "'\(raw.prefix(100))' is not a *.myshopify.com domain")
        }
        let name = value.dropLast(suffix.count).utf8
        guard let first = name.first, Self.isLetterOrDigit(first),
              name.allSatisfy({ Self.isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }) else {
            throw OAuthError.invalidParameter(
                name: "shop", reason: "'\(raw.prefix(100))' must be letters, digits and hyphens (starting with a letter or digit) before .myshopify.com")
        }
        self.value = value
    }

    public var description: String { value }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
