import Foundation

/// Reads a file line by line in large chunks (a bulk output can be gigabytes), without the trailing `\n`.
struct JSONLLineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private let chunkSize: Int

    init(url: URL, chunkSize: Int = 1 << 20) throws {
        handle = try FileHandle(forReadingFrom: url)
        self.chunkSize = chunkSize
    }

    func close() { try? handle.close() }

    /// The next line (an empty last line is not returned), or nil at the end.
    mutating func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            // Keep the partial line, drop what was consumed, read on.
            if start > 0 { buffer.removeFirst(start); start = 0 }
            if let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
            } else {
                atEnd = true
            }
        }
    }
}
