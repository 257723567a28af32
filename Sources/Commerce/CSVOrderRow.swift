/// One CSV record with its cells looked up by header name.
struct CSVOrderRow {
    let record: CSVRecordReader.Record
    let columns: [String: Int]

    var line: Int { record.line }

    /// The trimmed cell under `column`; "" when the column or the cell is absent.
    subscript(column: String) -> String {
        guard let index = columns[column], index < record.fields.count else { return "" }
        return record.fields[index].trimmingCharacters(in: .whitespaces)
    }

    /// The cell, or nil when blank.
    func optional(_ column: String) -> String? {
        let value = self[column]
        return value.isEmpty ? nil : value
    }
}
