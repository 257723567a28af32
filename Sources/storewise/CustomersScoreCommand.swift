import ArgumentParser
import Commerce
import CustomerValue
import Foundation
import Pipeline
import Storage

/// `storewise customers score`: fit the shop's customer-value models and store every customer's scores.
struct CustomersScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score every customer: churn risk, expected purchases in 90 days, 12-month CLV, RFM segment.",
        discussion: """
        Reads every order (online and POS; one customer across both, joined by customer id, email \
        or phone), leaves out cancelled, fully refunded and guest orders, nets partial refunds, \
        checks the model on a holdout (the last customers.holdoutDays days), fits the purchase \
        model and Gamma-Gamma on the whole history and stores the scores. They are served by \
        GET /api/v1/customers/:id and the dashboard's customers page. `storewise serve` rescores \
        a shop after new orders arrive (customers.scoreIntervalMinutes).
        """
    )

    @OptionGroup var model: CustomerModelOptions
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(model.shop)
        let options = try model.apply(to: runtime.settings.customerOptions())
        let run = try await Self.score(record, store: runtime.store, options: options)
        let (top, _) = try await runtime.store.customerScores(shopID: record.id, query: CustomerScoreQuery(minimumChurnRisk: 0.5, sort: .value, limit: 10))
        guard !top.isEmpty else { return }
        say("\nHigh-value customers at risk (churn risk ≥ 50 %), by 12-month CLV:")
        say(pad("customer", 10) + pad("segment", 20) + pad("orders", 8) + pad("last order", 12) + pad("P(alive)", 10) + "CLV")
        for row in top {
            say(pad("\(row.customerID)", 10) + pad(row.segment, 20) + pad("\(row.orders)", 8) + pad(row.lastOrderDay, 12)
                + pad(String(format: "%.2f", row.probabilityAlive), 10) + moneyText(row.lifetimeValueMinor, run.currency))
        }
    }

    /// Runs the job with progress lines and prints the run's summary (also used by `demo`).
    @discardableResult
    static func score(_ record: ShopRecord, store: any StorewiseStore, options: CustomerScoringJob.Options) async throws -> CustomerValueRun {
        let label = "customers \(record.shop.domain)"
        let started = Date()
        let run: CustomerValueRun
        do {
            run = try await CustomerScoringJob(store: store, options: options).run(shopID: record.id) { step in
                FileHandle.standardError.write(Data("\(label): \(step)…\n".utf8))
            }
        } catch let error as CustomerScoringJobError {
            throw CLIError(error.description)
        }
        let kind = PurchaseModelKind(rawValue: run.model)?.title ?? run.model
        FileHandle.standardError.write(Data("\(label): done in \(String(format: "%.1f", Date().timeIntervalSince(started))) s\n".utf8))
        say("Scored \(run.customers) customers (\(run.repeatBuyers) repeat buyers) from \(run.orders) orders (\(run.skippedOrders) left out: cancelled, fully refunded or guest).")
        say("\(kind): " + Self.parameterText(run.parameters) + String(format: ", log-likelihood %.1f", run.logLikelihood))
        say(run.spendParameters.isEmpty
            ? "Spend: too few repeat buyers for Gamma-Gamma; every order is worth the mean order value \(moneyText(Int64(run.meanOrderValue.rounded()), run.currency))."
            : "Gamma-Gamma: " + Self.parameterText(run.spendParameters))
        if let h = run.holdout {
            say(String(format: "Holdout (last %d days, %d customers): predicted %.0f repeat purchase days, actual %d; MAE %.3f per customer.",
                       h.days, h.customers, h.predictedPurchases, h.actualPurchases, h.meanAbsoluteError))
        } else {
            say("Holdout: skipped (history too short for a \(options.holdoutDays)-day holdout).")
        }
        return run
    }

    static func parameterText(_ parameters: [String: Double]) -> String {
        let order = ["r", "alpha", "a", "b", "s", "beta", "p", "q", "v"]
        return parameters.sorted { (order.firstIndex(of: $0.key) ?? 99, $0.key) < (order.firstIndex(of: $1.key) ?? 99, $1.key) }
            .map { String(format: "%@ = %.4f", $0.key, $0.value) }.joined(separator: ", ")
    }
}

/// Options shared by the customer commands that fit models.
struct CustomerModelOptions: ParsableArguments {
    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "Purchase model: bgnbd, mbgnbd or paretonbd (default: customers.model, else bgnbd).") var model: String?
    @Option(help: "L2 penalty on the model parameters, e.g. 0.001 for small shops (default: customers.penalizer, else 0).") var penalizer: Double?
    @Option(help: "Days hidden for the holdout check, 0 for none (default: customers.holdoutDays, else 90).") var holdoutDays: Int?
    @Option(help: "Score as of this day, YYYY-MM-DD (default: today in the shop's time zone).") var asOf: String?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?

    func validate() throws {
        if let model, PurchaseModelKind(rawValue: model) == nil {
            throw ValidationError("--model must be one of \(PurchaseModelKind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(model)'")
        }
        if let penalizer, !(penalizer.isFinite && penalizer >= 0) { throw ValidationError("--penalizer must be a number ≥ 0, got \(penalizer)") }
        if let holdoutDays, !(0...3650).contains(holdoutDays) { throw ValidationError("--holdout-days must be in 0...3650, got \(holdoutDays)") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be in 1...256, got \(threads)") }
        if let asOf, CivilDate(asOf) == nil { throw ValidationError("--as-of must be a day YYYY-MM-DD, got '\(asOf)'") }
    }

    func apply(to base: CustomerScoringJob.Options) -> CustomerScoringJob.Options {
        var options = base
        if let model, let kind = PurchaseModelKind(rawValue: model) { options.model = kind }
        if let penalizer { options.penalizer = penalizer }
        if let holdoutDays { options.holdoutDays = holdoutDays }
        if let threads { options.threads = threads }
        options.asOfDay = asOf
        return options
    }
}

extension Settings {
    /// `customers.model`, `customers.penalizer`, `customers.holdoutDays`, `customers.horizonDays`,
    /// `customers.clvMonths`, `customers.keepRuns` and `customers.threads`.
    func customerOptions() throws -> CustomerScoringJob.Options {
        var options = CustomerScoringJob.Options()
        let kind = try choice("customers.model", default: options.model.rawValue, among: PurchaseModelKind.allCases.map(\.rawValue))
        options.model = PurchaseModelKind(rawValue: kind) ?? .bgnbd
        if let raw = optionalString("customers.penalizer") {
            guard let value = Double(raw), value.isFinite, value >= 0 else {
                throw SettingsError(key: "customers.penalizer", value: raw, expected: "a number ≥ 0")
            }
            options.penalizer = value
        }
        options.holdoutDays = try int("customers.holdoutDays", default: options.holdoutDays, range: 0...3650)
        options.horizonDays = try int("customers.horizonDays", default: options.horizonDays, range: 1...3650)
        options.clvMonths = try int("customers.clvMonths", default: options.clvMonths, range: 1...120)
        options.keepRuns = try int("customers.keepRuns", default: options.keepRuns, range: 1...1000)
        options.threads = try int("customers.threads", default: options.threads, range: 1...256)
        return options
    }
}

/// "123.45 USD": an amount in minor units with its currency, for terminal output.
func moneyText(_ minor: Int64, _ currency: String) -> String {
    "\(Money(minorUnits: minor, currency: currency).decimalString) \(currency)"
}
