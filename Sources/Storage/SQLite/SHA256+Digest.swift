import Crypto
import Foundation

/// Feeding text and reading hex, for projection digests.
extension SHA256 {
    mutating func update(_ text: String) {
        update(data: Data(text.utf8))
    }

    mutating func update(_ bytes: Data) {
        update(data: bytes)
    }

    mutating func finalizeHex() -> String {
        finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
