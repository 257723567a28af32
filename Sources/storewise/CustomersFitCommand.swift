import ArgumentParser
import CustomerValue
import Foundation
import Pipeline
import Storage

/// `storewise customers fit`: fit every purchase model on a shop and compare them on a holdout.
struct CustomersFitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit BG/NBD, MBG/NBD and Pareto/NBD on a shop and compare them on a holdout (stores nothing).",
        discussion: """
        Each model is fitted on the whole history (parameters, log-likelihood, fit time) and again \
        on all but the last --holdout-days days, to predict each customer's repeat purchase days in \
        them: mean absolute error per customer and total predicted against actual. Pick the model \
        for `customers score` with --model or the customers.model setting.
        """
    )

    @OptionGroup var model: CustomerModelOptions
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(model.shop)
        let options = try model.apply(to: runtime.settings.customerOptions())
        let kinds = model.model.flatMap(PurchaseModelKind.init(rawValue:)).map { [$0] } ?? PurchaseModelKind.allCases
        FileHandle.standardError.write(Data("customers \(record.shop.domain): fitting \(kinds.map(\.title).joined(separator: ", "))…\n".utf8))
        let results: [CustomerScoringJob.ModelComparison]
        do {
            results = try await CustomerScoringJob(store: runtime.store, options: options).compareModels(shopID: record.id, kinds: kinds)
        } catch let error as CustomerScoringJobError {
            throw CLIError(error.description)
        }
        say(pad("model", 12) + pad("log-lik.", 12) + pad("fit s", 8) + pad("holdout MAE", 13) + pad("predicted", 11) + pad("actual", 8) + "parameters")
        for r in results {
            guard r.failure == nil else { say(pad(r.kind.title, 12) + "failed: " + (r.failure ?? "")); continue }
            let h = r.holdout
            say(pad(r.kind.title, 12) + pad(String(format: "%.1f", r.logLikelihood), 12) + pad(String(format: "%.3f", r.fitSeconds), 8)
                + pad(h.map { String(format: "%.4f", $0.meanAbsoluteError) } ?? "–", 13)
                + pad(h.map { String(format: "%.1f", $0.predictedPurchases) } ?? "–", 11)
                + pad(h.map { "\($0.actualPurchases)" } ?? "–", 8)
                + r.parameters.map { String(format: "%@ = %.4f", $0.name, $0.value) }.joined(separator: ", "))
        }
        if let h = results.compactMap(\.holdout).first {
            say("Holdout: the last \(h.days) days, \(h.customers) customers who had bought before them.")
        } else {
            say("Holdout: skipped (history too short for a \(options.holdoutDays)-day holdout).")
        }
    }
}
