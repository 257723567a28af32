/// A family of products the simulated shop sells (coffee, tea, mugs …): the names, variant
/// options, prices and demand weights the catalog is drawn from.
struct ProductKind {
    let type: String
    /// Three letters that start each SKU.
    let skuCode: String
    /// Share of the catalog's products of this kind.
    let share: Double
    let names: [String]
    /// Variant option titles; a product takes the first 1–4.
    let options: [String]
    /// Price of each option relative to the first.
    let optionPriceFactors: [Double]
    /// Price of the first option, in minor units.
    let basePrice: ClosedRange<Int>
    /// Cost as a share of price.
    let costShare: ClosedRange<Double>
    let vendorIndex: Int
    let packSize: Int
    /// How often the kind is drawn online and at POS, before the long-tail popularity of products.
    let onlineWeight: Double
    let posWeight: Double

    static let coffee = ProductKind(
        type: "Coffee", skuCode: "COF", share: 0.38,
        names: [
            "House Blend", "Ethiopia Guji", "Colombia Huila", "Morning Blend", "Guatemala Antigua",
            "Kenya Nyeri", "Midnight Espresso", "Brazil Cerrado", "Sumatra Mandheling", "Costa Rica Tarrazú",
            "Decaf Swiss Water", "Peru Cajamarca", "Honduras Santa Bárbara", "Rwanda Nyamasheke",
            "Burundi Kayanza", "Mexico Chiapas", "Papua New Guinea Sigri", "Yemen Haraz", "El Salvador Pacamara",
            "Nicaragua Jinotega", "Tanzania Peaberry", "Panama Boquete", "Holiday Blend", "Espresso Classico",
            "Cold Brew Blend", "Burundi Ngozi", "Ethiopia Sidamo", "Colombia Nariño", "India Monsooned Malabar",
            "Uganda Bugisu", "Bolivia Caranavi", "Ecuador Loja", "Dark French Roast", "Italian Roast",
            "Breakfast Blend", "Single Estate Geisha", "Java Estate", "Hawaii Kona", "Jamaica Blue Mountain",
            "Vienna Roast", "Organic Peru Decaf", "Seasonal Espresso", "Cafe de Olla Blend", "Congo Kivu",
            "Zambia Kasama", "Thailand Doi Chang", "Laos Bolaven", "China Yunnan", "Myanmar Ywangan",
        ],
        options: ["12 oz / Whole Bean", "12 oz / Ground", "2 lb / Whole Bean", "5 lb / Whole Bean"],
        optionPriceFactors: [1, 1, 2.4, 5.2], basePrice: 1_500...2_300, costShare: 0.38...0.48,
        vendorIndex: 0, packSize: 6, onlineWeight: 3.0, posWeight: 2.2)

    static let tea = ProductKind(
        type: "Tea", skuCode: "TEA", share: 0.2,
        names: [
            "Earl Grey", "English Breakfast", "Sencha", "Jasmine Pearls", "Masala Chai", "Chamomile",
            "Peppermint", "Darjeeling First Flush", "Assam Gold", "Rooibos Vanilla", "Genmaicha",
            "Oolong Tie Guan Yin", "Lapsang Souchong", "Matcha Ceremonial", "Hibiscus Berry",
            "Lemon Ginger", "White Peony", "Dragonwell", "Hojicha", "Turmeric Glow", "Lady Grey",
            "Nilgiri Frost", "Ceylon Orange Pekoe", "Pu-erh Aged",
        ],
        options: ["Loose Leaf 100 g", "20 Sachets", "Loose Leaf 250 g", "Gift Tin"],
        optionPriceFactors: [1, 0.9, 2.1, 1.6], basePrice: 900...1_600, costShare: 0.3...0.4,
        vendorIndex: 1, packSize: 6, onlineWeight: 1.6, posWeight: 1.4)

    static let mugs = ProductKind(
        type: "Mugs", skuCode: "MUG", share: 0.12,
        names: [
            "Stoneware Mug", "Camp Mug", "Double-Wall Glass", "Espresso Cup Set", "Travel Tumbler",
            "Latte Bowl", "Speckled Mug", "Diner Mug", "Cortado Glass", "Insulated Bottle", "Tea Cup & Saucer",
            "Logo Mug", "Porcelain Teapot", "Cast Iron Teapot",
        ],
        options: ["Black", "Cream", "Sage", "Terracotta"],
        optionPriceFactors: [1, 1, 1, 1.1], basePrice: 1_600...3_400, costShare: 0.3...0.4,
        vendorIndex: 2, packSize: 4, onlineWeight: 0.7, posWeight: 0.8)

    /// Brewing devices; each is sold with the filter of the same position in `filters.names`.
    static let brewing = ProductKind(
        type: "Brewing", skuCode: "BRW", share: 0.12,
        names: [
            "Ceramic Cone Dripper", "Flat-Bottom Dripper", "Glass Carafe Brewer", "French Press",
            "Press Brewer", "Cold Brew Jar", "Gooseneck Kettle", "Hand Burr Grinder", "Electric Burr Grinder",
            "Stovetop Espresso Pot", "Brew Scale", "Milk Frother", "Pour-Over Stand", "Travel Brewer",
        ],
        options: ["Standard", "Large", "Matte Black", "Copper"],
        optionPriceFactors: [1, 1.25, 1.1, 1.35], basePrice: 2_400...9_900, costShare: 0.5...0.6,
        vendorIndex: 3, packSize: 2, onlineWeight: 0.45, posWeight: 0.3)

    /// Filters and care products; position i fits `brewing.names[i]`.
    static let filters = ProductKind(
        type: "Filters", skuCode: "FLT", share: 0.1,
        names: [
            "Cone Paper Filters (100)", "Flat-Bottom Paper Filters (100)", "Bonded Carafe Filters (100)",
            "Press Replacement Mesh", "Press Brewer Micro Filters (350)", "Cold Brew Filter Bags (12)",
            "Kettle Descaling Tablets", "Grinder Cleaning Pellets", "Tea Infuser Basket", "Tea Filter Bags (100)",
            "Burr Brush", "Espresso Pot Gaskets",
        ],
        options: ["Single Pack", "3-Pack", "6-Pack", "Bulk 12-Pack"],
        optionPriceFactors: [1, 2.7, 5.1, 9.5], basePrice: 600...1_400, costShare: 0.35...0.45,
        vendorIndex: 3, packSize: 12, onlineWeight: 0.6, posWeight: 0.4)

    static let chocolate = ProductKind(
        type: "Chocolate", skuCode: "CHO", share: 0.08,
        names: [
            "Dark Chocolate 72%", "Sea Salt Caramel Bar", "Espresso Bean Bark", "Milk Chocolate Hazelnut",
            "Chocolate-Covered Espresso Beans", "Almond Biscotti", "Shortbread Tin", "Cardamom Bun Mix",
            "Orange Dark Chocolate", "Mint Thins",
        ],
        options: ["Single", "Box of 6", "Gift Box", "Family Size"],
        optionPriceFactors: [1, 5.2, 3.0, 2.2], basePrice: 450...900, costShare: 0.45...0.55,
        vendorIndex: 4, packSize: 12, onlineWeight: 0.6, posWeight: 2.4)

    static let all: [ProductKind] = [coffee, tea, mugs, brewing, filters, chocolate]

    /// Every product type a catalog can hold, gift cards included.
    static let types: Set<String> = Set(all.map(\.type)).union(["Gift Cards"])

    /// The suppliers, by `vendorIndex`.
    static let vendors: [Vendor] = [
        Vendor(name: "Hearth & Bean Roasters", leadTimeDays: 5, reviewWeekday: 2),
        Vendor(name: "Leaf & Kettle Importers", leadTimeDays: 18, reviewWeekday: 3),
        Vendor(name: "Kiln Street Ceramics", leadTimeDays: 25, reviewWeekday: 4),
        Vendor(name: "Brewline Supply Co.", leadTimeDays: 10, reviewWeekday: 3),
        Vendor(name: "Cacao Commons", leadTimeDays: 7, reviewWeekday: 5),
    ]
}
