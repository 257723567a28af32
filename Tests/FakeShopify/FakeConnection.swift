import Foundation

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
