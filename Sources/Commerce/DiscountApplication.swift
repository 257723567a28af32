/// How a discount came onto an order (`discount_applications[]`).
///
/// A POS associate's price override is `type == "manual"`; a code the buyer typed is
/// `"discount_code"`; `"automatic"` and `"script"` come from the shop's own rules.
public struct DiscountApplication: Hashable, Sendable, Codable {
    /// "manual", "discount_code", "automatic" or "script".
    public var type: String
    /// The code, or the title the associate or the shop gave the discount.
    public var title: String?
    /// "percentage" or "fixed_amount".
    public var valueType: String
    /// The percentage (10.0 = 10 %) or the fixed amount in shop currency.
    public var value: Double
    /// "line_item" or "shipping_line".
    public var targetType: String?

    public init(type: String, title: String? = nil, valueType: String, value: Double, targetType: String? = nil) {
        self.type = type; self.title = title; self.valueType = valueType; self.value = value; self.targetType = targetType
    }

    /// True for a discount an associate keyed in by hand (a POS override).
    public var isManual: Bool { type == "manual" }
}
