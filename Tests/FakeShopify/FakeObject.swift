import Foundation

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
