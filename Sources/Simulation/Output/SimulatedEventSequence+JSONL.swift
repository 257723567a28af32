import Foundation

/// Writing the stream to a JSONL file: the only I/O in Simulation, for demos and load tests.
extension SimulatedEventSequence {
    /// Writes every event (or the first `limit`) as `SimulatedEvent.jsonlLine` to `url`, replacing
    /// the file, with timestamps in the shop's time zone. Returns the number of lines written.
    ///
    /// ```swift
    /// let lines = try StoreSimulator(configuration: .demo).events().writeJSONL(to: URL(fileURLWithPath: "demo.jsonl"))
    /// ```
    @discardableResult
    public func writeJSONL(to url: URL, limit: Int = .max) throws -> Int {
        let timeZone = TimeZone(identifier: world.configuration.timeZone) ?? .gmt
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var chunk = Data()
        chunk.reserveCapacity(1 << 20)
        var written = 0
        for event in self {
            guard written < limit else { break }
            chunk.append(event.jsonlLine(timeZone: timeZone))
            written += 1
            // Flushing in ~1 MB chunks keeps memory flat however long the stream is.
            if chunk.count >= 1 << 20 {
                try handle.write(contentsOf: chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: chunk)
        return written
    }
}
