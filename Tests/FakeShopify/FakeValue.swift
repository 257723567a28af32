import Foundation
import ShopifyAdmin

/// Arguments of a field after variable substitution.
typealias FakeArguments = [String: JSONValue]

/// A value of the fake's object model, before it is projected through a selection set.
///
/// Objects resolve their fields lazily (a closure of the field name and its arguments), so a
/// query pays only for the fields it selects, and connections hand out their nodes by index, so
/// a page of 250 out of 50,000 orders renders 250 objects.
enum FakeValue: Sendable {
    case scalar(JSONValue)
    case object(FakeObject)
    case list([FakeValue])
    case connection(FakeConnection)

    static let null = FakeValue.scalar(.null)
    static func string(_ text: String?) -> FakeValue { text.map { .scalar(.string($0)) } ?? .null }
    static func int(_ number: Int?) -> FakeValue { number.map { .scalar(.int(Int64($0))) } ?? .null }
    static func bool(_ flag: Bool) -> FakeValue { .scalar(.bool(flag)) }
    static func strings(_ texts: [String]) -> FakeValue { .scalar(.array(texts.map { .string($0) })) }
}
