import ArgumentParser
import CustomerValue
import Dispatch
import Foundation
import Simulation

/// `storewise customers simulate`: fits and scores a large simulated customer base end to end,
/// with the time of every step and the fitted parameters beside the true ones (issue 6: a million
/// customers in under a minute on 2 cores).
struct CustomersSimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Fit and score simulated customers: timings per step and fitted vs true parameters.",
        discussion: """
        Draws --customers purchase histories from the simulator's buy-till-you-die process (BG/NBD \
        drop-out, or Pareto/NBD lifetimes with --model paretonbd), builds day-unit summaries over the \
        whole period (calibration end = its last day), fits the purchase model and Gamma-Gamma, and \
        scores every customer: P(alive), expected purchases in 90 days, 12-month CLV, RFM segment. \
        Example (scripts/bench-customers):
          storewise customers simulate --customers 1000000 --threads 2
        """
    )

    @Option(help: "Number of simulated customers.") var customers = 1_000_000
    @Option(help: "Purchase model to fit: bgnbd, mbgnbd or paretonbd.") var model = "bgnbd"
    @Option(help: "Process the histories are drawn from: bgnbd or paretonbd (default: paretonbd for --model paretonbd, else bgnbd).") var process: String?
    @Option(help: "Length of the simulated period in days.") var days = 730
    @Option(help: "Worker threads (generation and scoring).") var threads = 2
    @Option(help: "Seed of the simulated histories.") var seed: UInt64 = 1
    @Option(help: "Also write the run as one JSON object to this file.") var jsonOut: String?

    func validate() throws {
        guard customers >= 1 else { throw ValidationError("--customers must be at least 1, got \(customers)") }
        guard PurchaseModelKind(rawValue: model) != nil else { throw ValidationError("--model must be bgnbd, mbgnbd or paretonbd, got '\(model)'") }
        if let process, !["bgnbd", "paretonbd"].contains(process) {
            throw ValidationError("--process must be bgnbd or paretonbd, got '\(process)'")
        }
        guard days >= 2 else { throw ValidationError("--days must be at least 2, got \(days)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let kind = PurchaseModelKind(rawValue: model) ?? .bgnbd
        var config = CustomerHistoryConfiguration(customers: customers, days: days, seed: seed)
        config.process = (process ?? (kind == .paretonbd ? "paretonbd" : "bgnbd")) == "paretonbd" ? .paretoNBD : .bgnbd
        say("\(customers) simulated customers over \(days) days (\(config.process == .bgnbd ? "BG/NBD" : "Pareto/NBD") process, seed \(seed)); fitting \(kind.title) + Gamma-Gamma on \(threads) thread(s); time unit: days")

        var timings: [(step: String, seconds: Double)] = []
        func step<T>(_ name: String, _ body: () throws -> (T, String)) rethrows -> T {
            var line = ProgressLine(name, total: nil)
            let start = DispatchTime.now()
            let (value, note) = try body()
            timings.append((name, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9))
            line.finish(0, summary: note)
            return value
        }

        let history = try step("generate") {
            let h = try CustomerHistorySimulator(config, threads: threads).run()
            return (h, "\(h.count) purchases")
        }
        let (summaries, spend, meanOrderValue) = try step("summary") {
            let built = try Self.summaries(history)
            return (built, "\(built.0.count) customers, \(built.0.filter { $0.summary.frequency > 0 }.count) repeat buyers")
        }
        let fitted = try step("fit") {
            let m = try CustomerValueModel.fit(summaries, kind: kind, unitDays: 1, meanOrderValue: meanOrderValue)
            return (m, String(format: "log-likelihood %.1f", m.logLikelihood))
        }
        let scores = try step("score") {
            let s = try CustomerScorer(horizonDays: 90, clvMonths: 12, threads: threads).score(summaries, spend: spend, model: fitted)
            return (s, "\(s.count) scores")
        }

        let measured = timings.filter { $0.step != "generate" }.reduce(0) { $0 + $1.seconds }
        let total = timings.reduce(0) { $0 + $1.seconds }
        say("")
        say("step        seconds")
        for t in timings { say("\(t.step.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%8.2f", t.seconds))") }
        say("fit+score  \(String(format: "%8.2f", measured))   (summary + fit + score)")
        say("total      \(String(format: "%8.2f", total))")

        let truth = Self.trueParameters(config, kind: kind)
        say("")
        say("parameter      fitted        true")
        for (name, value) in fitted.purchases.parameters {
            say("\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(Self.number(value)) \(truth[name].map(Self.number) ?? "           —")")
        }
        let spendTruth = [("p", config.spendP), ("q", config.spendQ), ("v", config.spendV)]
        for (name, value) in spendTruth {
            let fittedValue: Double? = switch name {
            case "p": fitted.spend?.p
            case "q": fitted.spend?.q
            default: fitted.spend?.v
            }
            say("\(("gg." + name).padding(toLength: 10, withPad: " ", startingAt: 0)) \(fittedValue.map(Self.number) ?? "           —") \(Self.number(value))")
        }
        if kind == .mbgnbd { say("(MBG/NBD on BG/NBD histories: its a, b are not the process's a, b)") }

        var meanAlive = 0.0, expected = 0.0, clv = 0.0
        var segments: [String: Int] = [:]
        for s in scores {
            meanAlive += s.probabilityAlive; expected += s.expectedPurchases; clv += s.lifetimeValue
            segments[String(describing: s.rfm.segment), default: 0] += 1
        }
        meanAlive /= Double(max(scores.count, 1))
        if let i = scores.firstIndex(where: { !($0.lifetimeValue.isFinite && $0.expectedPurchases.isFinite && $0.probabilityAlive.isFinite) }) {
            let bad = scores.filter { !($0.lifetimeValue.isFinite && $0.expectedPurchases.isFinite && $0.probabilityAlive.isFinite) }.count
            say("warning: \(bad) customers with a non-finite score, first \(summaries[i].summary): P(alive) \(scores[i].probabilityAlive), expected \(scores[i].expectedPurchases), order value \(scores[i].expectedOrderValue), CLV \(scores[i].lifetimeValue)")
        }
        say("")
        say(String(format: "mean P(alive) %.3f · expected purchases in 90 days %.0f · 12-month CLV total %.0f", meanAlive, expected, clv))
        say("segments: " + segments.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

        if let jsonOut {
            var object: [String: Any] = [
                "customers": customers, "days": days, "threads": threads, "seed": seed, "model": kind.rawValue,
                "process": config.process.rawValue, "purchases": history.count, "unit": "day",
                "seconds": Dictionary(uniqueKeysWithValues: timings.map { ($0.step, $0.seconds) }),
                "fit_score_seconds": measured, "total_seconds": total, "log_likelihood": fitted.logLikelihood,
                "fitted": Dictionary(uniqueKeysWithValues: fitted.purchases.parameters.map { ($0.name, $0.value) }),
                "true": truth.merging(spendTruth.map { ("gg_" + $0.0, $0.1) }) { a, _ in a },
                "mean_probability_alive": meanAlive, "expected_purchases_90d": expected, "clv_12m_total": clv, "segments": segments,
            ]
            if let spend = fitted.spend { object["gamma_gamma"] = ["p": spend.p, "q": spend.q, "v": spend.v] }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            try (String(decoding: data, as: UTF8.self) + "\n").write(toFile: jsonOut, atomically: true, encoding: .utf8)
        }
    }

    /// Day-unit summaries of every customer over the whole period, each customer's total spend
    /// (the M of RFM) and the mean order value. Customer IDs are zero-padded indices, so the
    /// builder's sort by ID keeps the simulator's order and `summaries[i]` is customer `i`.
    static func summaries(_ history: CustomerHistory) throws -> ([CustomerSummary], [Double], Double) {
        let width = String(max(history.customers - 1, 0)).count
        let ids = (0..<history.customers).map { i -> String in
            let digits = String(i)
            return "c" + String(repeating: "0", count: width - digits.count) + digits
        }
        var transactions: [CustomerTransaction] = []
        transactions.reserveCapacity(history.count)
        var spend = [Double](repeating: 0, count: history.customers)
        var sum = 0.0
        for k in 0..<history.count {
            let i = Int(history.customer[k])
            transactions.append(CustomerTransaction(customerID: ids[i], day: Int(history.day[k]), amount: history.amount[k]))
            spend[i] += history.amount[k]
            sum += history.amount[k]
        }
        let summaries = try SummaryBuilder(calibrationEnd: history.lastDay, unitDays: 1).summaries(transactions)
        guard summaries.count == history.customers else {
            throw CLIError("summary: \(summaries.count) summaries for \(history.customers) customers")
        }
        return (summaries, spend, sum / Double(max(history.count, 1)))
    }

    /// The process's parameters under the fitted model's names (days as the unit).
    static func trueParameters(_ c: CustomerHistoryConfiguration, kind: PurchaseModelKind) -> [String: Double] {
        switch c.process {
        case .bgnbd: kind == .paretonbd ? ["r": c.r, "alpha": c.alpha] : ["r": c.r, "alpha": c.alpha, "a": c.a, "b": c.b]
        case .paretoNBD: kind == .paretonbd ? ["r": c.r, "alpha": c.alpha, "s": c.s, "beta": c.beta] : ["r": c.r, "alpha": c.alpha]
        }
    }

    static func number(_ value: Double) -> String { String(format: "%12.4f", value) }
}
