/// A deterministic bucket in `0..<10_000` for a string: FNV-1a over the UTF-8 bytes, then the
/// SplitMix64 finaliser to spread FNV's weak low bits. The same key lands in the same bucket in
/// every process and after every restart (Swift's `Hasher` is seeded per process, so it cannot
/// be used for sticky assignment).
public enum StickyBucket {
    public static let count: UInt64 = 10_000

    /// The bucket of `key` salted with `salt` (so shops and kinds split independently).
    public static func of(_ key: String, salt: UInt64 = 0) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ salt
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 30
        hash &*= 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 27
        hash &*= 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return Int(hash % count)
    }

    /// True when `key` falls in the first `percent` % of buckets (percent in 0...100).
    public static func within(_ key: String, salt: UInt64 = 0, percent: Double) -> Bool {
        Double(of(key, salt: salt)) < percent * Double(count) / 100
    }
}
