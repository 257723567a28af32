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

/// One GraphQL object: its `__typename` and a resolver of its fields. The resolver answers nil
/// for a field the type does not have (or the fake does not implement): an `undefinedField` error.
struct FakeObject: Sendable {
    let typename: String
    let resolve: @Sendable (_ field: String, _ arguments: FakeArguments) -> FakeValue?

    init(_ typename: String, resolve: @escaping @Sendable (String, FakeArguments) -> FakeValue?) {
        self.typename = typename; self.resolve = resolve
    }

    /// An object of fixed fields (payloads, errors, money).
    static func fields(_ typename: String, _ fields: [String: FakeValue]) -> FakeObject {
        FakeObject(typename) { name, _ in fields[name] }
    }
}

/// A Relay connection over `count` nodes (already filtered by the `query` argument); the projector
/// applies `first/after/last/before` and renders `edges`, `nodes` and `pageInfo`.
struct FakeConnection: Sendable {
    /// "OrderConnection"; its edges are "OrderEdge".
    let typename: String
    let count: Int
    let node: @Sendable (Int) -> FakeObject
    /// The numeric id of the node at an index: cursors encode it, so they stay valid across inserts.
    let id: @Sendable (Int) -> Int64

    func cursor(_ index: Int) -> String { FakeCursor.encode(id: id(index)) }

    /// The index of the node a cursor names, or nil.
    func index(ofCursor cursor: String) -> Int? {
        guard let wanted = FakeCursor.decode(cursor) else { return nil }
        return (0..<count).first { id($0) == wanted }
    }

    var edgeTypename: String {
        typename.hasSuffix("Connection") ? String(typename.dropLast("Connection".count)) + "Edge" : typename + "Edge"
    }

    /// A connection over an array, each node's cursor made from its numeric id.
    static func over<T: Sendable>(_ typename: String, _ items: [T], id: @escaping @Sendable (T) -> Int64,
                                  render: @escaping @Sendable (T) -> FakeObject) -> FakeConnection {
        FakeConnection(typename: typename, count: items.count, node: { render(items[$0]) }, id: { id(items[$0]) })
    }
}

/// Cursors in Shopify's style: base64 of `{"last_id":…}`.
enum FakeCursor {
    static func encode(id: Int64) -> String {
        Data("{\"last_id\":\(id)}".utf8).base64EncodedString()
    }

    static func decode(_ cursor: String) -> Int64? {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8),
              let range = text.range(of: "\"last_id\":") else { return nil }
        return Int64(text[range.upperBound...].prefix { $0.isNumber || $0 == "-" })
    }
}
