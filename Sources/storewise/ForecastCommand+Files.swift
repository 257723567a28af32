import Forecasting
import Foundation
import Simulation

extension ForecastCommand {
    /// `--m5 DIR`: forecast every series of the files with each model, optionally timing warm passes.
    func forecastM5(_ directory: String) throws {
        let workload = try M5Workload.load(directory)
        let specs = ModelCatalog.split(models)
        guard !specs.isEmpty else { throw CLIError("--models is empty") }
        try M5Workload.validate(specs)
        let trainDays = self.trainDays ?? workload.dataset.dayCount
        let horizon = self.horizon ?? 28
        let threads = self.threads ?? 1
        let runs = try workload.run(specs, trainDays: trainDays, horizon: horizon, levels: [50, 67, 95, 99], threads: threads, repeats: `repeat`) { name in
            FileHandle.standardError.write(Data("forecasting \(workload.dataset.series.count) series with \(name)…\n".utf8))
        }
        for run in runs {
            if json {
                let warm = run.warmSeconds.map { String(format: "%.6f", $0) } ?? "null"
                say("{\"model\": \"\(run.name)\", \"cold_s\": \(String(format: "%.6f", run.coldSeconds)), \"warm_s\": \(warm), \"series\": \(run.forecasts.count)}")
            } else {
                say("\(run.name): \(run.forecasts.count) series in \(String(format: "%.3f", run.coldSeconds)) s"
                    + (run.warmSeconds.map { String(format: " (warm %.3f s)", $0) } ?? ""))
            }
        }
        if let out {
            try forecastCSV(workload.dataset, runs, trainDays: trainDays, horizon: horizon).write(toFile: out, atomically: true, encoding: .utf8)
            say("Forecasts written to \(out)")
        }
    }

    /// `unique_id,ds,<model>,<model>-lo-95,<model>-hi-95,…` like statsforecast's output; `ds` is the
    /// calendar date when the calendar covers the day, else `d_<n>`.
    private func forecastCSV(_ dataset: M5Dataset, _ runs: [M5Workload.ModelRun], trainDays: Int, horizon: Int) -> String {
        var header = ["unique_id", "ds"]
        for run in runs {
            header.append(run.name)
            for level in [95.0] where run.forecasts.first?.interval(level: level) != nil {
                header += ["\(run.name)-lo-\(Int(level))", "\(run.name)-hi-\(Int(level))"]
            }
        }
        var text = header.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
        for (i, series) in dataset.series.enumerated() {
            for h in 0..<horizon {
                let day = trainDays + h
                let ds = day < dataset.calendar.count ? dataset.calendar[day].date : "d_\(day + 1)"
                var fields = [series.id, ds]
                for run in runs {
                    let f = run.forecasts[i]
                    fields.append(String(format: "%.6f", f.mean[h]))
                    if let interval = f.interval(level: 95) {
                        fields += [String(format: "%.6f", interval.lower[h]), String(format: "%.6f", interval.upper[h])]
                    }
                }
                text += fields.joined(separator: ",") + "\n"
            }
        }
        return text
    }

    /// `--simulated N`: the automatic forecaster over N simulator series, made and forecast one at a
    /// time per thread so memory stays flat; prints series per second and peak memory.
    func forecastSimulated(_ count: Int) throws {
        var configuration = SimulationConfiguration.demo
        configuration.days = days
        let simulator = DemandSeriesSimulator(configuration: configuration)
        let horizon = self.horizon ?? 28
        let threads = self.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let model = AutoForecaster(seasonLength: 7)
        let done = AtomicCounter()
        let failures = AtomicCounter()
        let progress = ProgressPrinter(label: "forecast simulated", total: count)
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var i = worker
            while i < count {
                if (try? model.forecast(simulator.series(i), horizon: horizon, levels: [50, 95])) == nil { failures.add(1) }
                let n = done.add(1)
                if worker == 0 { progress.update(n) }
                i += threads
            }
        }
        let seconds = Date().timeIntervalSince(start)
        progress.finish(count)
        let peak = PeakMemory.residentMegabytes()
        if json {
            say("{\"series\": \(count), \"days\": \(days), \"threads\": \(threads), \"seconds\": \(String(format: "%.3f", seconds)), \"series_per_s\": \(String(format: "%.1f", Double(count) / seconds)), \"peak_rss_mb\": \(String(format: "%.1f", peak)), \"failures\": \(failures.value)}")
        } else {
            say("\(count) simulated series × \(days) days forecast \(horizon) days ahead by \(model.name) in \(String(format: "%.1f", seconds)) s on \(threads) threads: "
                + "\(Int(Double(count) / seconds)) series/s, peak memory \(Int(peak)) MB, \(failures.value) failures.")
        }
    }
}

/// A counter shared by worker threads.
final class AtomicCounter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()

    @discardableResult
    func add(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += n
        return count
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

/// A progress line that worker threads can share.
final class ProgressPrinter: @unchecked Sendable {
    private var line: ProgressLine
    private let lock = NSLock()

    init(label: String, total: Int) { line = ProgressLine(label, total: total) }

    func update(_ done: Int) {
        lock.lock()
        line.update(done)
        lock.unlock()
    }

    func finish(_ done: Int) {
        lock.lock()
        line.finish(done)
        lock.unlock()
    }
}

/// The process's peak resident memory, from Linux's `/proc/self/status` (VmHWM).
enum PeakMemory {
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kb / 1024
    }
}
