import ArgumentParser
import CustomerValue
import Foundation

/// `storewise customers cdnow`: Storewise's half of scripts/bench-clv — the CDNOW steps lifetimes
/// runs (read, weekly summary, calibration/holdout split, five model fits) timed as the median of
/// `--repeats` runs, with parameters, log-likelihoods and holdout accuracy as JSON lines.
struct CustomersCDNOWCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cdnow",
        abstract: "Benchmark on CDNOW: summaries and BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, BG/BB fits, with holdout accuracy.",
        discussion: """
        Reads CDNOW_master.txt and donations.csv from --data (lifetimes' datasets), builds weekly \
        summaries as lifetimes does with freq='W', fits every model on the calibration summary \
        (to --calibration-end) and predicts each customer's repeat purchase weeks in the holdout \
        (to --holdout-end). Example (scripts/bench-clv runs lifetimes beside it):
          storewise customers cdnow --data ../shared/data-forecast/lifetimes_cdnow --repeats 5 --json-out storewise.jsonl
        """
    )

    @Option(help: "Folder with CDNOW_master.txt and donations.csv.") var data: String
    @Option(help: "Timed runs per step; the median is reported.") var repeats = 5
    @Option(help: "Last day of the calibration period (yyyy-mm-dd).") var calibrationEnd = "1997-09-30"
    @Option(help: "Last day of the holdout period (yyyy-mm-dd).") var holdoutEnd = "1998-06-30"
    @Option(help: "Write one JSON object per step and per holdout check to this file.") var jsonOut: String?
    @Option(help: "Write the full and calibration summaries to <prefix>-full.csv and <prefix>-calibration.csv.") var summaryOut: String?

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        let cut = try Self.day(calibrationEnd, option: "--calibration-end"), end = try Self.day(holdoutEnd, option: "--holdout-end")
        guard end > cut else { throw ValidationError("--holdout-end (\(holdoutEnd)) must be after --calibration-end (\(calibrationEnd))") }
    }

    func run() throws {
        let periods = CDNOWSummaries(
            calibrationEnd: try Self.day(calibrationEnd, option: "--calibration-end"), holdoutEnd: try Self.day(holdoutEnd, option: "--holdout-end"))
        let master = (data as NSString).appendingPathComponent("CDNOW_master.txt")
        let donationsPath = (data as NSString).appendingPathComponent("donations.csv")
        var records: [[String: Any]] = []
        var table: [(step: String, seconds: Double, note: String)] = []

        /// Runs `body` `repeats` times; records the median and the last result's note.
        func step<T>(_ name: String, _ body: () throws -> T, describe: (T) -> (note: String, fields: [String: Any])) throws -> T {
            var runs: [Double] = [], cpuRuns: [Double] = []
            var result: T?
            for _ in 0..<repeats {
                let cpuStart = Self.processCPUSeconds()
                let start = ContinuousClock.now
                result = try body()
                let elapsed = ContinuousClock.now - start
                cpuRuns.append(Self.processCPUSeconds() - cpuStart)
                runs.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            let value = result!
            let median = Self.median(runs)
            let (note, fields) = describe(value)
            table.append((name, median, note))
            records.append([
                "tool": "storewise", "step": name, "seconds": median, "runs": runs, "cpu_seconds": Self.median(cpuRuns),
            ].merging(fields) { a, _ in a })
            return value
        }

        let transactions = try step("load", { try CDNOWTransactions.load(path: master) }) {
            ("\($0.count) purchases", ["rows": $0.count])
        }
        let full = try step("summary", { try periods.full(transactions) }) {
            ("\($0.count) customers, \($0.filter { $0.summary.frequency > 0 }.count) repeat buyers", ["rows": $0.count])
        }
        let calibration = try step("calibration_holdout", { try periods.calibrationAndHoldout(transactions) }) {
            ("\($0.count) customers, holdout \(Int($0.first?.holdoutDuration ?? 0)) weeks", ["rows": $0.count])
        }
        let rfm = calibration.map(\.summary)
        var fitted: [PurchaseModelKind: FittedPurchaseModel] = [:]
        for kind in PurchaseModelKind.allCases {
            fitted[kind] = try step("fit_\(kind.rawValue)", { try FittedPurchaseModel.fit(kind, rfm) }) { model in
                let ll = model.logLikelihood(rfm)
                return (Self.describe(model.parameters, ll), ["rows": rfm.count, "log_likelihood": ll, "parameters": Self.object(model.parameters)])
            }
        }
        // Gamma-Gamma on the repeat buyers with positive spend (lifetimes rejects m ≤ 0; CDNOW has $0 rows).
        let repeaters = rfm.filter { $0.frequency > 0 && ($0.monetary ?? 0) > 0 }
        let frequencies = repeaters.map(\.frequency), spends = repeaters.map { $0.monetary ?? 0 }
        _ = try step("fit_gammagamma", { try GammaGammaModel.fit(frequency: frequencies, monetary: spends) }) { fit in
            let p: [(name: String, value: Double)] = [("p", fit.model.p), ("q", fit.model.q), ("v", fit.model.v)]
            return (Self.describe(p, fit.logLikelihood), [
                "rows": repeaters.count, "log_likelihood": fit.logLikelihood, "parameters": Self.object(p), "evaluations": fit.evaluations,
            ])
        }
        let donations = try Self.donations(path: donationsPath)
        _ = try step("fit_bgbb", {
            try BGBBModel.fit(frequency: donations.frequency, recency: donations.recency, periods: donations.periods, weights: donations.weights)
        }) { fit in
            let p: [(name: String, value: Double)] = [("alpha", fit.model.alpha), ("beta", fit.model.beta), ("gamma", fit.model.gamma), ("delta", fit.model.delta)]
            return (Self.describe(p, fit.logLikelihood), [
                "rows": donations.frequency.count, "log_likelihood": fit.logLikelihood, "parameters": Self.object(p), "evaluations": fit.evaluations,
            ])
        }

        say("")
        say("step                  seconds   result")
        for row in table {
            say("\(row.step.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(format: "%9.5f", row.seconds))   \(row.note)")
        }

        // Holdout: each calibration customer's expected purchase weeks in the holdout vs actual.
        say("")
        say("holdout (\(calibrationEnd) → \(holdoutEnd), \(calibration.count) customers)   MAE   predicted total   actual total")
        let actual = calibration.reduce(0) { $0 + Double($1.holdoutFrequency) }
        for kind in PurchaseModelKind.allCases {
            guard let model = fitted[kind] else { continue }
            var absolute = 0.0, predicted = 0.0
            for c in calibration {
                let p = try model.conditionalExpectedPurchases(in: c.holdoutDuration, for: c.summary)
                absolute += abs(p - Double(c.holdoutFrequency)); predicted += p
            }
            let mae = absolute / Double(max(calibration.count, 1))
            say("  \(kind.title.padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(format: "%10.4f %17.1f %14.0f", mae, predicted, actual))")
            records.append([
                "tool": "storewise", "step": "holdout_\(kind.rawValue)", "customers": calibration.count, "mae": mae,
                "predicted_total": predicted, "actual_total": actual, "duration": calibration.first?.holdoutDuration ?? 0,
            ])
        }

        if let summaryOut {
            try Self.writeSummaries(full, to: summaryOut + "-full.csv", holdout: false)
            try Self.writeSummaries(calibration, to: summaryOut + "-calibration.csv", holdout: true)
        }
        if let jsonOut {
            var text = ""
            for record in records {
                let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
                text += String(decoding: data, as: UTF8.self) + "\n"
            }
            try text.write(toFile: jsonOut, atomically: true, encoding: .utf8)
        }
    }

    /// Day number of a yyyy-mm-dd date; the error names the option.
    static func day(_ text: String, option: String) throws -> Int {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            throw ValidationError("\(option) must be a date yyyy-mm-dd, got '\(text)'")
        }
        return CDNOWTransactions.dayNumber(parts[0], parts[1], parts[2])
    }

    /// CPU time of the whole process (all threads): beside the wall clock, it shows what a step
    /// costs when other work shares the cores.
    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    static func object(_ parameters: [(name: String, value: Double)]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.value) })
    }

    static func describe(_ parameters: [(name: String, value: Double)], _ logLikelihood: Double) -> String {
        parameters.map { "\($0.name) \(String(format: "%.4f", $0.value))" }.joined(separator: ", ") + String(format: "; LL %.2f", logLikelihood)
    }

    /// donations.csv: `frequency,recency,periods,weights` (Fader, Hardie & Shang's BG/BB data).
    static func donations(path: String) throws -> (frequency: [Int], recency: [Int], periods: [Int], weights: [Double]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        var result: (frequency: [Int], recency: [Int], periods: [Int], weights: [Double]) = ([], [], [], [])
        for (n, line) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() where n > 0 {
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count == 4, let x = Int(f[0]), let tx = Int(f[1]), let periods = Int(f[2]), let w = Double(f[3]) else {
                throw CLIError("\(path) line \(n + 1): expected frequency,recency,periods,weights as numbers, got '\(line)'")
            }
            result.frequency.append(x); result.recency.append(tx); result.periods.append(periods); result.weights.append(w)
        }
        return result
    }

    /// CSV of summaries by numeric customer id, in lifetimes' columns (monetary 0 without repeats).
    static func writeSummaries(_ summaries: [CustomerSummary], to path: String, holdout: Bool) throws {
        var text = holdout ? "id,frequency,recency,T,monetary,frequency_holdout,duration_holdout\n" : "id,frequency,recency,T,monetary\n"
        for s in summaries {
            let r = s.summary
            text += "\(Int(s.customerID) ?? -1),\(r.frequency),\(r.recency),\(r.age),\(r.monetary ?? 0)"
            text += holdout ? ",\(s.holdoutFrequency),\(s.holdoutDuration)\n" : "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
