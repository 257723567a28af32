import Commerce

/// The shop's assortment as the simulator uses it: Shopify products, the per-variant
/// `CatalogItem`s, and the demand structure between them (popularity, complements, bundles).
struct Catalog: Sendable {
    /// A product that tends to be bought with another, and how often it is added when the other is.
    struct Complement: Sendable, Hashable {
        var product: Int
        var probability: Double
    }

    var products: [Product]
    var items: [CatalogItem]
    var vendors: [Vendor]
    /// Item indices of each product, in variant order.
    var productItems: [[Int]]
    /// Product index of each item.
    var itemProduct: [Int]
    /// Vendor index of each item (-1 for gift cards).
    var itemVendor: [Int]
    /// Which variant of a product a buyer picks once the product is chosen.
    var variantTables: [AliasTable]
    var complements: [[Complement]]
    /// Sets of products sold together as a kit far more often than chance.
    var bundles: [[Int]]
    /// Items that are merchandise (not gift cards), and draw tables over them per channel.
    var merchandise: [Int]
    var onlineTable: AliasTable
    var posTable: AliasTable
    /// The gift card's items (denominations) and how often each is chosen.
    var giftCardItems: [Int]
    var giftCardTable: AliasTable
    /// Sums of the online and POS draw weights the popularities were normalised by, so launched
    /// products get popularities on the same scale.
    var onlineWeightTotal: Double
    var posWeightTotal: Double
    /// Products sent before the first day (the gift card last); launched products follow.
    var openingProductCount: Int
    /// Where product, variant and inventory item ids continue for launched products.
    var idSequences: IDSequences

    /// The id sequences a catalog draws from.
    struct IDSequences: Sendable {
        var product = IDSequence(base: IDBase.product)
        var variant = IDSequence(base: IDBase.variant)
        var inventoryItem = IDSequence(base: IDBase.inventoryItem)
    }

    /// Picks a variant of `product`.
    func variant(of product: Int, _ rng: inout Xoshiro256StarStar) -> Int {
        productItems[product][variantTables[product].sample(&rng)]
    }
}
