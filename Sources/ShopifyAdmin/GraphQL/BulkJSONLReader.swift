import Foundation

/// Reads a bulk JSONL file from disk in 1 MB chunks and hands each assembled root to a callback.
///
/// Resume: after a crash, pass the last ingested root's `resumeLine` as `skipLines` (grouped files:
/// those lines are not even parsed), or its `ordinal + 1` as `skipRoots` (any layout: the file is read
/// again but those roots are not delivered).
public enum BulkJSONLReader {
    /// Reads `fileURL`; returns how many roots were delivered.
    @discardableResult
    public static func read(_ fileURL: URL, childKeys: [String: String] = [:], grouped: Bool, skipLines: Int = 0, skipRoots: Int = 0,
                            onRoot: (BulkJSONLAssembler.Root) async throws -> Void) async throws -> Int {
        let handle = try FileHandle(forReadingFrom: fileURL)
        defer { try? handle.close() }
        var assembler = BulkJSONLAssembler(childKeys: childKeys, grouped: grouped)
        var delivered = 0
        var line = 0
        var carry = Data()
        func deliver(_ roots: [BulkJSONLAssembler.Root]) async throws {
            for root in roots where root.ordinal >= skipRoots {
                try await onRoot(root)
                delivered += 1
            }
        }
        func consume(_ bytes: Data) async throws {
            defer { line += 1 }
            guard line >= skipLines, !bytes.isEmpty else { return }
            let value: JSONValue
            do { value = try JSONParser.parse(bytes) } catch {
                throw BulkJSONLError.invalidJSON(line: line, reason: String(describing: error))
            }
            try await deliver(try assembler.add(value, line: line))
        }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            var buffer = carry
            buffer.append(chunk)
            var start = buffer.startIndex
            while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                try await consume(buffer[start..<newline])
                start = buffer.index(after: newline)
            }
            carry = Data(buffer[start...])
        }
        if !carry.isEmpty { try await consume(carry) }
        try await deliver(assembler.finish())
        return delivered
    }
}
