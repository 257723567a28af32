import Crypto
import Foundation

/// Shopify's webhook signature: base64 of HMAC-SHA256 over the raw body, keyed by the app's client secret.
///
/// Verification runs before anything parses the body, and compares in constant time so the
/// time taken does not leak how many leading bytes of a forged signature were right.
public enum WebhookSignature {
    /// The `X-Shopify-Hmac-Sha256` value Shopify would send for `body`.
    public static func sign(body: some DataProtocol, secret: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: key)
        return Data(mac).base64EncodedString()
    }

    /// Whether `header` is the valid signature of `body` under `secret`.
    ///
    /// Returns false for a header that is not base64 or not 32 bytes: such a header cannot be valid,
    /// and telling the sender more would only help a forger.
    public static func isValid(body: some DataProtocol, header: String, secret: String) -> Bool {
        guard let given = Data(base64Encoded: header.trimmingCharacters(in: .whitespaces)),
              given.count == SHA256.byteCount
        else { return false }
        let key = SymmetricKey(data: Data(secret.utf8))
        // HMAC.isValidAuthenticationCode compares in constant time.
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: body, using: key)
    }
}
