/// An item the shopper is looking at now (the product on the page, a cart item, a viewed item)
/// with how strongly it should steer the recommendations.
public struct Seed: Sendable, Equatable, Hashable {
    /// Dense item index.
    public var item: Int32
    /// Multiplies every neighbour contribution of this seed; 0 or less ignores the seed.
    public var weight: Double

    public init(item: Int32, weight: Double) {
        self.item = item; self.weight = weight
    }

    /// Weight of the product on the page: the shopper's strongest signal.
    public static let productWeight = 1.0
    /// Weight of an item in the cart: as strong as the product on the page.
    public static let cartWeight = 1.0
    /// Weight of an item viewed in the session: interest, but weaker than intent to buy.
    public static let viewedWeight = 0.5

    /// The product on the page.
    public static func product(_ item: Int32) -> Seed { Seed(item: item, weight: productWeight) }
    /// An item in the cart.
    public static func cart(_ item: Int32) -> Seed { Seed(item: item, weight: cartWeight) }
    /// An item viewed in the session.
    public static func viewed(_ item: Int32) -> Seed { Seed(item: item, weight: viewedWeight) }
}
