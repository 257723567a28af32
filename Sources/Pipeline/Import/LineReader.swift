import Foundation

/// Reads a file line by line in fixed-size chunks, so a multi-gigabyte JSONL export never sits in memory whole.
public struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer = Data()
    private var atEnd = false
    private let chunkSize: Int

    public init(url: URL, chunkSize: Int = 1 << 20) throws {
        self.handle = try FileHandle(forReadingFrom: url)
        self.chunkSize = chunkSize
    }

    /// The next line without its terminator ("\n" or "\r\n"), or nil at the end of the file.
    public mutating func next() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[buffer.startIndex..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                buffer = buffer[(newline + 1)...]
                return Data(line)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                let last = buffer
                buffer = Data()
                return last
            }
            let chunk = (try? handle.read(upToCount: chunkSize)) ?? nil
            if let chunk, !chunk.isEmpty {
                buffer = Data(buffer) + chunk
            } else {
                atEnd = true
                try? handle.close()
            }
        }
    }
}
