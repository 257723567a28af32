/// The body of shop/redact: `{"shop_id": 954889, "shop_domain": "x.myshopify.com"}`.
struct ShopRedactWire: Codable, Hashable, Sendable {
    var shop_id: WireID?
    var shop_domain: String?
}
