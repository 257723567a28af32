/// One entry of an order's `discount_applications`: how a discount came onto the order.
///
/// A code (`type == "discount_code"`) is named by `code`; manual (POS), automatic and script
/// discounts by `title` and `description`. `value` is a decimal string ("10.0"): a percentage or
/// an amount in shop currency, as `value_type` says.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct DiscountApplicationWire: Decodable, Hashable, Sendable {
    var type: String
    var title: String?
    var code: String?
    var description: String?
    var value: WireAmount
    var value_type: String
    var allocation_method: String?
    var target_selection: String?
    var target_type: String?

    init(_ discount: DiscountApplication) {
        type = discount.type
        // Shopify names a code by `code` and everything else by `title`; writing the same split
        // keeps `model` reading back the same `title`.
        if discount.type == "discount_code" {
            code = discount.title
        } else {
            title = discount.title; description = discount.title
        }
        // Swift's shortest round-trip text: "10.0", "12.5"; `Double(text)` reads back the same value.
        value = WireAmount(String(discount.value))
        value_type = discount.valueType
        target_type = discount.targetType
    }

    /// The domain discount; `path` is this entry's JSON path, e.g. `discount_applications[0]`.
    func model(path: @autoclosure () -> String) throws(PayloadError) -> DiscountApplication {
        guard let number = Double(value.text), number.isFinite else {
            throw PayloadError(field: path() + ".value", reason: "\"\(value.text)\" is not a decimal number")
        }
        let name = type == "discount_code" ? (code ?? title) : (title ?? code ?? description)
        return DiscountApplication(type: type, title: name, valueType: value_type, value: number, targetType: target_type)
    }
}

extension DiscountApplicationWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("type", type)
        writer.field("title", title)
        writer.field("code", code)
        writer.field("description", description)
        writer.field("value", value)
        writer.field("value_type", value_type)
        writer.field("allocation_method", allocation_method)
        writer.field("target_selection", target_selection)
        writer.field("target_type", target_type)
        writer.endObject()
    }
}
