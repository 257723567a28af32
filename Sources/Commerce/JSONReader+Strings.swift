/// Strings: scanned in place, validated once (escapes, surrogate pairs, UTF-8), and built only
/// when asked for.
extension JSONReader {
    /// A raw string token: the bytes between the quotes, and whether any of them are escapes.
    struct StringToken {
        var start: Int
        var end: Int
        var hasEscapes: Bool
    }

    /// Reads a string value.
    mutating func string() throws(JSONReadError) -> String {
        guard current == UInt8(ascii: "\"") else { throw mismatch("a string") }
        let token = try scanString()
        if !token.hasEscapes {
            // Already checked to be valid UTF-8.
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
        }
        return String(decoding: unescaped(token), as: UTF8.self)
    }

    /// Reads an object key and looks it up in `table`; nil when the key is not one of `Key`'s.
    mutating func readKey<Key>(_ table: JSONKeyTable<Key>) throws(JSONReadError) -> (key: Key, bit: UInt64)? {
        let token = try scanString()
        if !token.hasEscapes {
            return table.lookup(UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]))
        }
        return unescaped(token).withUnsafeBufferPointer { table.lookup($0) }
    }

    /// Steps over the string whose opening quote is at `offset`, checking every rule of the
    /// grammar: no raw control characters, only the eight short escapes and `\uXXXX`, surrogates
    /// only in high–low pairs, well-formed UTF-8.
    mutating func scanString() throws(JSONReadError) -> StringToken {
        offset += 1
        let start = offset
        var hasEscapes = false
        var ascii = true
        while true {
            let byte = current
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try scanEscape()
            } else if byte < 0x20 {
                throw offset < bytes.count
                    ? .syntax("unescaped control character in a string", at: offset)
                    : .syntax("unterminated string", at: start - 1)
            } else {
                if byte >= 0x80 { ascii = false }
                offset += 1
            }
        }
        let token = StringToken(start: start, end: offset, hasEscapes: hasEscapes)
        offset += 1
        if !ascii, !Self.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])) {
            throw .syntax("invalid UTF-8 in a string", at: token.start)
        }
        return token
    }

    /// Steps over one escape sequence starting at the backslash at `offset`.
    private mutating func scanEscape() throws(JSONReadError) {
        let start = offset
        switch byte(at: offset + 1) {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            offset += 2
        case UInt8(ascii: "u"):
            guard let unit = hex4(at: offset + 2) else { throw .syntax("bad \\u escape", at: start) }
            offset += 6
            if (0xDC00...0xDFFF).contains(unit) { throw .syntax("lone low surrogate", at: start) }
            if (0xD800...0xDBFF).contains(unit) {
                guard current == UInt8(ascii: "\\"), byte(at: offset + 1) == UInt8(ascii: "u"),
                      let low = hex4(at: offset + 2), (0xDC00...0xDFFF).contains(low)
                else { throw .syntax("high surrogate without a low surrogate", at: start) }
                offset += 6
            }
        default:
            throw .syntax("invalid escape", at: start)
        }
    }

    /// The four hex digits at `index` as a UTF-16 code unit, or nil.
    private func hex4(at index: Int) -> UInt16? {
        var unit: UInt16 = 0
        for position in index..<index + 4 {
            let byte = byte(at: position)
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    /// The UTF-8 text of an already validated token with escapes.
    private func unescaped(_ token: StringToken) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(token.end - token.start)
        var index = token.start
        while index < token.end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                // `scanEscape` guaranteed four hex digits and, for a high surrogate, its low half.
                var scalar = UInt32(hex4(at: index)!)
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    let low = UInt32(hex4(at: index + 2)!)
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
            default: out.append(escape)  // " \ /
            }
        }
        return out
    }

    /// Well-formed UTF-8 per the Unicode Standard, table 3-7: no overlong forms, no surrogates,
    /// nothing above U+10FFFF, no truncated sequences.
    static func isValidUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < text.count {
            let lead = text[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard index + length <= text.count, (low...high).contains(text[index + 1]) else { return false }
            for next in index + 2 ..< index + length where text[next] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}
