import Foundation
import ShopifyAdmin
import Testing

@Suite("Token cipher")
struct TokenCipherTests {
    let key = Data((0..<32).map { UInt8($0) })

    @Test("Round trip; each seal uses a fresh nonce; the version byte leads")
    func roundTrip() throws {
        let cipher = try TokenCipher(keyData: key)
        let first = try cipher.seal("shpat_0123456789abcdef")
        let second = try cipher.seal("shpat_0123456789abcdef")
        #expect(try cipher.open(first) == "shpat_0123456789abcdef")
        #expect(first != second)
        #expect(first.first == 1)
        // version 1 + nonce 12 + 22 token bytes + tag 16.
        #expect(first.count == 1 + 12 + 22 + 16)
        #expect(!first.contains(Data("shpat_".utf8)))
    }

    @Test("Any altered byte fails authentication")
    func tamper() throws {
        let cipher = try TokenCipher(keyData: key)
        let sealed = try cipher.seal("shpat_secret")
        for index in 1..<sealed.count {
            var altered = sealed
            altered[index] ^= 0x01
            #expect(throws: TokenCipherError.authenticationFailed) { try cipher.open(altered) }
        }
        #expect(throws: TokenCipherError.malformed(bytes: 10)) { try cipher.open(sealed.prefix(10)) }
    }

    @Test("Another key fails; an unknown version is named; an old key still opens after rotation")
    func keys() throws {
        let cipher = try TokenCipher(keyData: key)
        let other = try TokenCipher(keyData: Data(repeating: 7, count: 32))
        let sealed = try cipher.seal("shpat_secret")
        #expect(throws: TokenCipherError.authenticationFailed) { try other.open(sealed) }
        let rotated = try TokenCipher(key: .init(data: Data(repeating: 9, count: 32)), version: 2, previous: [1: .init(data: key)])
        #expect(try rotated.open(sealed) == "shpat_secret")
        let resealed = try rotated.seal("shpat_secret")
        #expect(resealed.first == 2)
        #expect(throws: TokenCipherError.unknownKeyVersion(2)) { try cipher.open(resealed) }
        #expect(throws: TokenCipherError.self) { try TokenCipher(keyData: Data(count: 16)) }
        #expect(throws: TokenCipherError.self) { try TokenCipher(base64Key: "not base64!") }
    }

    @Test("Key file: created 0600 on first use, the same key afterwards")
    func keyFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("token-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("token.key")
        let first = try TokenCipher.loadOrCreateKeyFile(at: url)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let sealed = try first.seal("shpat_x")
        #expect(try TokenCipher.loadOrCreateKeyFile(at: url).open(sealed) == "shpat_x")
        #expect(Data(base64Encoded: try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))?.count == 32)
    }
}
