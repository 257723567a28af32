import Foundation
import Synchronization

/// A single updating progress line on the terminal (or plain lines when not a terminal).
struct ProgressLine {
    let label: String
    let total: Int?
    let started = Date()
    let interactive = isatty(STDERR_FILENO) != 0
    private var lastPrint = Date.distantPast

    init(_ label: String, total: Int?) {
        self.label = label
        self.total = total
    }

    /// Shows `done` items; prints at most a few times a second (every 5 s when not a terminal).
    mutating func update(_ done: Int, force: Bool = false) {
        let now = Date()
        let interval: TimeInterval = interactive ? 0.2 : 5
        guard force || now.timeIntervalSince(lastPrint) >= interval else { return }
        lastPrint = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        var text = "\(label): \(done)"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 28
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let remaining = rate > 0 ? Double(total - done) / rate : 0
            text = "\(label) \(bar) \(String(format: "%5.1f%%", fraction * 100)) \(done)/\(total) · \(Int(rate))/s · ETA \(Int(remaining))s"
        } else {
            text += " · \(Int(rate))/s · \(Int(elapsed))s"
        }
        FileHandle.standardError.write(Data(((interactive ? "\r\u{1B}[2K" : "") + text + (interactive ? "" : "\n")).utf8))
    }

    /// Ends the line with a summary.
    mutating func finish(_ done: Int, summary: String = "") {
        if interactive { update(done, force: true) }
        let elapsed = Date().timeIntervalSince(started)
        FileHandle.standardError.write(Data(((interactive ? "\n" : "") + "\(label): done in \(String(format: "%.1f", elapsed)) s\(summary.isEmpty ? "" : " · " + summary)\n").utf8))
    }
}

/// Prints a line to standard output at once (unbuffered), so it interleaves correctly with progress on standard error.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// The progress line of a job whose worker threads report `(done, total)`: the total is known
/// only once the job has read its input, so the line starts without one.
final class JobProgress: Sendable {
    private let label: String
    private let line: Mutex<ProgressLine>

    init(_ label: String) {
        self.label = label
        line = Mutex(ProgressLine(label, total: nil))
    }

    func report(_ done: Int, _ total: Int) {
        line.withLock { line in
            if line.total == nil { line = ProgressLine(label, total: total) }
            line.update(done)
        }
    }

    func finish(_ done: Int, summary: String) {
        line.withLock { $0.finish(done, summary: summary) }
    }
}
