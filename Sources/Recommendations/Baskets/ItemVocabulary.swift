/// Dense indices for item (or customer) keys, so the counting cores work on `Int32` arrays
/// instead of hashing strings or 64-bit ids in their inner loops.
///
/// ```swift
/// var items = ItemVocabulary<String>()
/// let milk = items.index(for: "whole milk")   // 0
/// items.key(at: milk)                          // "whole milk"
/// ```
public struct ItemVocabulary<Key: Hashable & Sendable>: Sendable {
    /// Keys in index order.
    public private(set) var keys: [Key] = []
    private var indexByKey: [Key: Int32] = [:]

    public init() {}

    public init(_ keys: some Sequence<Key>) {
        for key in keys { _ = index(for: key) }
    }

    public var count: Int { keys.count }

    /// The key's index, adding the key when it is new.
    public mutating func index(for key: Key) -> Int32 {
        if let index = indexByKey[key] { return index }
        let index = Int32(keys.count)
        keys.append(key)
        indexByKey[key] = index
        return index
    }

    /// The key's index, or nil when the key was never added.
    public func index(of key: Key) -> Int32? { indexByKey[key] }

    public func key(at index: Int32) -> Key { keys[Int(index)] }
}
