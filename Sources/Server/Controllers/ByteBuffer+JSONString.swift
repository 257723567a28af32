import NIOCore

extension ByteBuffer {
    /// Writes `value` as a JSON string (RFC 8259 §7): quote, backslash and control characters
    /// escaped, everything else as UTF-8. Shared by the hand-written JSON of the hot routes.
    mutating func writeJSONString(_ value: String) {
        writeStaticString("\"")
        let utf8 = value.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                writeBytes(utf8[start..<index])
                switch byte {
                case UInt8(ascii: "\""): writeStaticString("\\\"")
                case UInt8(ascii: "\\"): writeStaticString("\\\\")
                case 0x0A: writeStaticString("\\n")
                case 0x0D: writeStaticString("\\r")
                case 0x09: writeStaticString("\\t")
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    writeBytes([UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                       hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        writeBytes(utf8[start..<utf8.endIndex])
        writeStaticString("\"")
    }
}
