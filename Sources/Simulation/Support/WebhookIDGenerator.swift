/// Deterministic, UUID-shaped webhook ids (version 4 layout, random bits from the PRNG), as in
/// Shopify's `X-Shopify-Webhook-Id` header.
struct WebhookIDGenerator {
    private var rng: Xoshiro256StarStar
    private static let hex = Array("0123456789abcdef".utf8)

    init(rng: Xoshiro256StarStar) { self.rng = rng }

    mutating func next() -> String {
        let high = (rng.next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000  // version 4
        let low = (rng.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // RFC 4122 variant
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for (value, groups) in [(high, [8, 4, 4]), (low, [4, 12])] {
            var shift = 64
            for length in groups {
                if !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                for _ in 0..<length {
                    shift -= 4
                    bytes.append(Self.hex[Int((value >> UInt64(shift)) & 0xF)])
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
