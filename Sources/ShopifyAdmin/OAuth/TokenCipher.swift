import Crypto
import Foundation

/// Seals a shop's offline Admin API token for storage (AES-256-GCM), so the database never holds plaintext.
///
/// A sealed token is `version ‖ nonce(12) ‖ ciphertext ‖ tag(16)`. The leading byte names the key that sealed
/// it, so a key can be rotated: configure the new key as current and keep the old one under its version until
/// every token has been re-sealed (re-installing the app re-seals a shop's token).
///
/// The key is 32 bytes: configuration `shopify.tokenKey` (base64), or, when that is unset, a key file
/// `<data.dir>/token.key` generated on first use with mode 0600 (`TokenCipher.loadOrCreateKeyFile(at:)`).
///
/// ```swift
/// let cipher = try TokenCipher(base64Key: "…44 base64 characters…")
/// let sealed = try cipher.seal("shpat_…")
/// let token = try cipher.open(sealed)
/// ```
public struct TokenCipher: Sendable {
    /// The version byte new tokens are sealed with.
    public let currentVersion: UInt8
    /// Raw key bytes by version (`SymmetricKey` is not `Sendable`; a key is rebuilt per call, which is cheap).
    private let keys: [UInt8: Data]

    /// A cipher sealing with `key` under `version`; `previous` are older keys that may still open tokens.
    public init(key: SymmetricKey, version: UInt8 = 1, previous: [UInt8: SymmetricKey] = [:]) throws {
        guard key.bitCount == 256 else { throw TokenCipherError.invalidKey("the key is \(key.bitCount / 8) bytes, expected 32") }
        var keys = previous.mapValues { $0.withUnsafeBytes { Data($0) } }
        keys[version] = key.withUnsafeBytes { Data($0) }
        self.keys = keys
        self.currentVersion = version
    }

    /// A cipher from 32 raw key bytes.
    public init(keyData: Data, version: UInt8 = 1) throws {
        try self.init(key: SymmetricKey(data: keyData), version: version)
    }

    /// A cipher from the base64 text of 32 key bytes (configuration `shopify.tokenKey`).
    public init(base64Key: String, version: UInt8 = 1) throws {
        guard let data = Data(base64Encoded: base64Key.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TokenCipherError.invalidKey("the key is not base64")
        }
        try self.init(keyData: data, version: version)
    }

    /// A fresh random key as base64, for `shopify.tokenKey`.
    public static func generateBase64Key() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// Reads the key file at `url` (base64 of 32 bytes), creating it with mode 0600 when it does not exist.
    public static func loadOrCreateKeyFile(at url: URL) throws -> TokenCipher {
        let manager = FileManager.default
        if !manager.fileExists(atPath: url.path) {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let text = generateBase64Key() + "\n"
            // Created 0600 from the start: the key is never readable by others, not even briefly.
            guard manager.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw TokenCipherError.invalidKey("cannot create the key file \(url.path)")
            }
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        do {
            return try TokenCipher(base64Key: text)
        } catch TokenCipherError.invalidKey(let reason) {
            throw TokenCipherError.invalidKey("key file \(url.path): \(reason)")
        }
    }

    /// Seals `token` with the current key and a random nonce.
    public func seal(_ token: String) throws -> Data {
        let box = try AES.GCM.seal(Data(token.utf8), using: SymmetricKey(data: keys[currentVersion]!), authenticating: [currentVersion])
        guard let combined = box.combined else { throw TokenCipherError.invalidKey("AES-GCM produced no combined box") }
        return Data([currentVersion]) + combined
    }

    /// Opens a sealed token; throws when it was altered, sealed with an unknown key, or is not a sealed token.
    public func open(_ sealed: Data) throws -> String {
        // version + 12-byte nonce + 16-byte tag.
        guard sealed.count >= 1 + 12 + 16 else { throw TokenCipherError.malformed(bytes: sealed.count) }
        let version = sealed[sealed.startIndex]
        guard let key = keys[version] else { throw TokenCipherError.unknownKeyVersion(version) }
        do {
            // The version byte is authenticated data: changing it to another known key's version fails too.
            let box = try AES.GCM.SealedBox(combined: sealed.dropFirst())
            let plain = try AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: [version])
            guard let token = String(data: plain, encoding: .utf8) else { throw TokenCipherError.authenticationFailed }
            return token
        } catch let error as TokenCipherError {
            throw error
        } catch {
            throw TokenCipherError.authenticationFailed
        }
    }
}

/// Why a token could not be sealed or opened.
public enum TokenCipherError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The key (configuration `shopify.tokenKey` or the key file) is unusable.
    case invalidKey(String)
    /// The sealed token names a key version this cipher does not hold.
    case unknownKeyVersion(UInt8)
    /// Too short to be a sealed token.
    case malformed(bytes: Int)
    /// The tag did not verify: the token was altered or sealed with another key.
    case authenticationFailed

    public var description: String {
        switch self {
        case .invalidKey(let reason): "shopify.tokenKey: \(reason)"
        case .unknownKeyVersion(let version): "sealed token: key version \(version) is not configured"
        case .malformed(let bytes): "sealed token: \(bytes) bytes is too short"
        case .authenticationFailed: "sealed token: authentication failed (altered, or sealed with another key)"
        }
    }
}
