/// Shopify-like numeric ids for one kind of entity: 13 digits, increasing with creation time,
/// unique within the kind, with random gaps so they do not look like a counter.
///
/// The n-th id is `base + n·stride + jitter` with `0 ≤ jitter < stride`, so ids are strictly
/// increasing and never collide; `stride` leaves room for ~10⁹ ids within 13 digits.
struct IDSequence {
    private let base: Int64
    private let stride: Int64
    private var issued: Int64 = 0

    /// `base` should be a 13-digit number (10¹² ≤ base); distinct kinds use distinct bases.
    init(base: Int64, stride: Int64 = 977) {
        precondition(base >= 1_000_000_000_000 && base < 9_900_000_000_000, "ids are 13 digits")
        self.base = base
        self.stride = stride
    }

    mutating func next(_ rng: inout Xoshiro256StarStar) -> Int64 {
        defer { issued += 1 }
        return base + issued * stride + Int64(rng.int(below: Int(stride)))
    }
}

/// The id bases per kind; the leading digits echo what real Shopify ids of each kind look like.
enum IDBase {
    static let product: Int64 = 7_340_000_000_000
    static let variant: Int64 = 4_120_000_000_000
    static let inventoryItem: Int64 = 4_390_000_000_000
    static let location: Int64 = 6_120_000_000_000
    static let customer: Int64 = 6_980_000_000_000
    static let order: Int64 = 5_410_000_000_000
    static let lineItem: Int64 = 1_330_000_000_000
    static let refund: Int64 = 9_120_000_000_000
    static let refundLineItem: Int64 = 5_020_000_000_000
}
