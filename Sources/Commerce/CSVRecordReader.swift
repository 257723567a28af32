/// Splits RFC 4180 CSV into records, remembering the line each record starts on.
///
/// Handles quoted fields with embedded commas, doubled quotes and line breaks, LF or CRLF line
/// ends, and a leading UTF-8 byte order mark.
struct CSVRecordReader {
    struct Record {
        /// 1-based physical line of the record's first byte.
        var line: Int
        var fields: [String]
    }

    /// The records, and the line of an unterminated quoted field if the input ends inside one.
    static func records(_ bytes: [UInt8]) -> (records: [Record], unterminatedQuoteLine: Int?) {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var inQuotes = false

        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            // A blank line is not a record.
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
        }

        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inQuotes = true
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"):
                break  // the LF that follows ends the record
            case UInt8(ascii: "\n"):
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(byte)
            }
        }
        if inQuotes { return (records, recordLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return (records, nil)
    }
}
