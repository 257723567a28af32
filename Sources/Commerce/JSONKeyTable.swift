import Foundation

/// The keys a wire type reads, as an enum whose raw values are Shopify's wire keys.
///
/// Cases are listed in the wire struct's declaration order, so that when several required keys
/// are missing the first one named is the one `JSONDecoder` would name.
protocol JSONKey: RawRepresentable<String>, CaseIterable, Hashable, Sendable {
    static var table: JSONKeyTable<Self> { get }
}

/// Byte-level lookup of an object key among a `JSONKey` enum's cases, without building a String.
///
/// Keys are bucketed by length and compared with `memcmp`; each case also owns one bit, which
/// `JSONReader.readObject` uses to spot repeated and missing keys.
struct JSONKeyTable<Key: JSONKey>: Sendable {
    private struct Entry: Sendable {
        var name: [UInt8]
        var key: Key
        var bit: UInt64
    }

    private let byLength: [[Entry]]
    private let names: [String]
    /// Bits of the keys that must be present.
    let required: UInt64

    init(required: [Key] = []) {
        let cases = Array(Key.allCases)
        precondition(cases.count <= 64, "a JSONKey enum has at most 64 cases")
        let longest = cases.map(\.rawValue.utf8.count).max() ?? 0
        var byLength = [[Entry]](repeating: [], count: longest + 1)
        var requiredBits: UInt64 = 0
        for (index, key) in cases.enumerated() {
            let bit: UInt64 = 1 << UInt64(index)
            byLength[key.rawValue.utf8.count].append(Entry(name: Array(key.rawValue.utf8), key: key, bit: bit))
            if required.contains(key) { requiredBits |= bit }
        }
        self.byLength = byLength
        self.names = cases.map(\.rawValue)
        self.required = requiredBits
    }

    /// The case spelled `name`, with its bit; nil for a key the wire type does not read.
    @inline(__always) func lookup(_ name: UnsafeBufferPointer<UInt8>) -> (key: Key, bit: UInt64)? {
        guard name.count < byLength.count, let first = name.first else { return nil }
        for entry in byLength[name.count] where entry.name[0] == first {
            let equal = entry.name.withUnsafeBufferPointer { memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 }
            if equal { return (entry.key, entry.bit) }
        }
        return nil
    }

    /// The wire key owning bit number `bit`.
    func name(bit: Int) -> String { names[bit] }
}
