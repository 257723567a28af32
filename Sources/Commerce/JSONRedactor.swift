/// A single-pass JSON copier that replaces the values of personal keys with `null`.
///
/// It checks the document's structure as it goes (and fails on anything malformed) but never
/// re-encodes what it keeps, so the output differs from the input only where a value was nulled.
struct JSONRedactor {
    let input: UnsafeBufferPointer<UInt8>
    var index = 0
    var output: [UInt8] = []

    /// Deeper nesting than this is treated as malformed rather than risking the stack.
    static let maxDepth = 256

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        output.reserveCapacity(input.count)
    }

    /// The redacted document, or nil when the input is not one valid JSON value.
    mutating func run() -> [UInt8]? {
        guard copyWhitespace(), value(inAddress: false, addressList: false, depth: 0), copyWhitespace(),
              index == input.count
        else { return nil }
        return output
    }

    private var current: UInt8? { index < input.count ? input[index] : nil }

    private mutating func copyWhitespace() -> Bool {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            output.append(byte)
            index += 1
        }
        return true
    }

    /// Copies one value; `inAddress` marks an address object, `addressList` an array of them.
    private mutating func value(inAddress: Bool, addressList: Bool, depth: Int) -> Bool {
        guard depth < Self.maxDepth, let byte = current else { return false }
        switch byte {
        case UInt8(ascii: "{"): return object(isAddress: inAddress, depth: depth + 1)
        case UInt8(ascii: "["): return array(elementsAreAddresses: addressList, depth: depth + 1)
        case UInt8(ascii: "\""): return string() != nil
        default: return scalar()
        }
    }

    private mutating func object(isAddress: Bool, depth: Int) -> Bool {
        output.append(UInt8(ascii: "{"))
        index += 1
        _ = copyWhitespace()
        if current == UInt8(ascii: "}") {
            output.append(UInt8(ascii: "}")); index += 1
            return true
        }
        while true {
            guard current == UInt8(ascii: "\""), let key = string() else { return false }
            _ = copyWhitespace()
            guard current == UInt8(ascii: ":") else { return false }
            output.append(UInt8(ascii: ":")); index += 1
            _ = copyWhitespace()
            let personal = PersonalDataScrubber.personalKeys.contains(key)
                || (isAddress && PersonalDataScrubber.addressKeys.contains(key))
            if personal {
                // Parse into a scratch buffer to validate and step over the value, then write null.
                let mark = output.count
                guard value(inAddress: false, addressList: false, depth: depth) else { return false }
                output.removeSubrange(mark...)
                output.append(contentsOf: "null".utf8)
            } else {
                let container = PersonalDataScrubber.addressContainerKeys.contains(key)
                guard value(inAddress: container, addressList: container, depth: depth) else { return false }
            }
            _ = copyWhitespace()
            guard let next = current else { return false }
            output.append(next); index += 1
            if next == UInt8(ascii: "}") { return true }
            guard next == UInt8(ascii: ",") else { return false }
            _ = copyWhitespace()
        }
    }

    private mutating func array(elementsAreAddresses: Bool, depth: Int) -> Bool {
        output.append(UInt8(ascii: "["))
        index += 1
        _ = copyWhitespace()
        if current == UInt8(ascii: "]") {
            output.append(UInt8(ascii: "]")); index += 1
            return true
        }
        while true {
            guard value(inAddress: elementsAreAddresses, addressList: false, depth: depth) else { return false }
            _ = copyWhitespace()
            guard let next = current else { return false }
            output.append(next); index += 1
            if next == UInt8(ascii: "]") { return true }
            guard next == UInt8(ascii: ",") else { return false }
            _ = copyWhitespace()
        }
    }

    /// Copies a string literal and returns its decoded text (needed for keys).
    private mutating func string() -> String? {
        let start = index
        index += 1  // opening quote
        var decoded: [UInt8] = []
        while let byte = current {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<index]))
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = current else { return nil }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escaped)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    guard index + 4 <= input.count,
                          let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: input[index..<index + 4]),
                                                   as: UTF8.self), radix: 16)
                    else { return nil }
                    index += 4
                    // Surrogate halves cannot be keys we look for; keep a placeholder.
                    decoded.append(contentsOf: String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
                default: return nil
                }
            case 0x00..<0x20:
                return nil  // control characters must be escaped inside strings
            default:
                decoded.append(byte)
            }
        }
        return nil
    }

    /// Copies a number, `true`, `false` or `null`.
    private mutating func scalar() -> Bool {
        let start = index
        for literal in ["true", "false", "null"] where matches(literal) {
            index += literal.utf8.count
            output.append(contentsOf: literal.utf8)
            return true
        }
        while let byte = current,
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
              || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
              || byte == UInt8(ascii: "E") {
            index += 1
        }
        guard index > start, Double(String(decoding: UnsafeBufferPointer(rebasing: input[start..<index]), as: UTF8.self)) != nil
        else { return false }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<index]))
        return true
    }

    private func matches(_ literal: String) -> Bool {
        var position = index
        for byte in literal.utf8 {
            guard position < input.count, input[position] == byte else { return false }
            position += 1
        }
        return true
    }
}
