/// Numbers and booleans. Integers are read exactly from their digits, never through `Double`.
extension JSONReader {
    /// Reads a JSON integer (no fraction, no exponent) that fits in 64 bits.
    mutating func int64() throws(JSONReadError) -> Int64 {
        guard kind == .number else { throw mismatch("an integer") }
        let start = offset
        guard try scanNumber() else {
            throw .field("must be an integer but found \(text(start..<offset))")
        }
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        // Accumulate on the negative side, which also holds Int64.min.
        var value: Int64 = 0
        while index < offset {
            let digit = Int64(bytes[index] &- UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw tooLarge(start) }
            value = next
            index += 1
        }
        if negative { return value }
        guard value != .min else { throw tooLarge(start) }
        return -value
    }

    /// Reads a JSON integer as `Int` (64 bits on every platform Storewise runs on).
    mutating func int() throws(JSONReadError) -> Int {
        Int(try int64())
    }

    mutating func bool() throws(JSONReadError) -> Bool {
        switch current {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default:
            throw mismatch("a boolean")
        }
    }

    /// Reads a number and returns its text as written, e.g. "12.50" or "1e2".
    mutating func numberText() throws(JSONReadError) -> String {
        guard kind == .number else { throw mismatch("a number") }
        let start = offset
        _ = try scanNumber()
        return text(start..<offset)
    }

    /// Steps over a number (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`);
    /// returns true when it has neither fraction nor exponent.
    ///
    /// A leading zero followed by digits ends the number after the zero, so the caller then finds
    /// a digit where a separator belongs and reports it.
    mutating func scanNumber() throws(JSONReadError) -> Bool {
        if current == UInt8(ascii: "-") { offset += 1 }
        if current == UInt8(ascii: "0") {
            offset += 1
        } else {
            try digits()
        }
        var integer = true
        if current == UInt8(ascii: ".") {
            integer = false
            offset += 1
            try digits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integer = false
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            try digits()
        }
        return integer
    }

    /// One or more decimal digits.
    private mutating func digits() throws(JSONReadError) {
        guard Self.isDigit(current) else { throw syntaxError("a digit") }
        repeat { offset += 1 } while Self.isDigit(current)
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func tooLarge(_ start: Int) -> JSONReadError {
        .field("integer \(text(start..<offset)) does not fit in 64 bits")
    }
}
