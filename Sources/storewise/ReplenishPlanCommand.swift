import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise replenish plan`: plan a shop's replenishment from its latest forecast and print
/// the lines that need attention.
struct ReplenishPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan reorder points, order quantities and purchase-order drafts from the latest forecast.",
        discussion: """
        Reads the shop's latest forecast run, its stock (inventory levels, committed units, open \
        purchase orders) and its replenishment settings (`storewise replenish settings`), plans every \
        variant × location, and stores the plan with purchase-order drafts per vendor and transfer \
        suggestions. Prints the lines to act on, worst first. The plan is served by \
        GET /api/v1/replenishment and the dashboard's replenishment page. Runs after every \
        `storewise forecast --shop`. The purchase-order drafts are then proposed to the approval \
        queue: the policy carries out routine ones (CSV and HTML per vendor in the outbox), bigger \
        ones wait for a person.
        """
    )

    @Option(help: "The shop's domain.") var shop: String?
    @Option(help: "Instead of a shop: time planning this many synthetic variant × location pairs (forecast first, timed apart).") var simulated: Int?
    @Option(help: "Plan from this forecast run (default: the latest completed one).") var forecastRun: Int64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Lines to print.") var top = 15
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be in 1...256, got \(threads)") }
        if top < 0 { throw ValidationError("--top must not be negative, got \(top)") }
        if (shop == nil) == (simulated == nil) { throw ValidationError("give exactly one of --shop and --simulated") }
        if let simulated, simulated < 1 { throw ValidationError("--simulated must be at least 1, got \(simulated)") }
    }

    func run() async throws {
        if let simulated { return try await planSimulated(simulated, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount) }
        guard let shop else { return }
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        var options = try runtime.settings.replenishmentOptions()
        if let threads { options.threads = threads }
        let plan = try await Self.plan(record, store: runtime.store, options: options, forecastRunID: forecastRun)
        try await Self.printTop(plan, store: runtime.store, top: top)
        // The plan's purchase orders go to the approval queue: the policy carries out routine ones,
        // bigger ones wait for a person (`storewise approvals list`).
        let actions = try runtime.actionComponents()
        let proposals = try await runtime.proposalHandler(actions).proposePurchaseOrders(shopID: record.id)
        let approved = proposals.filter { $0.status == .approved }
        for proposal in approved { _ = try await actions.executor.execute(proposalID: proposal.id) }
        let waiting = proposals.filter { $0.status == .pending }.count
        say("\(proposals.count) purchase-order proposals: \(approved.count) approved by policy and written to \(actions.approvalSettings.outbox.path), \(waiting) waiting for a person.")
    }

    /// Runs the job with a progress line and prints the summary (also used by `forecast` and `demo`).
    @discardableResult
    static func plan(_ record: ShopRecord, store: any StorewiseStore, options: ReplenishmentJob.Options, forecastRunID: Int64? = nil) async throws -> ReplenishmentPlanRun {
        let progress = JobProgress("replenish \(record.shop.domain)")
        let job = ReplenishmentJob(store: store, options: options)
        let plan: ReplenishmentPlanRun
        do {
            plan = try await job.run(shopID: record.id, forecastRunID: forecastRunID) { done, total in progress.report(done, total) }
        } catch let error as ReplenishmentJobError {
            throw CLIError(error.description)
        }
        progress.finish(plan.lineCount, summary: "\(plan.lineCount) lines")
        let m = plan.metrics
        func count(_ key: String) -> Int { Int((m[key] ?? 0).rounded()) }
        say("Replenishment plan \(plan.id) for \(record.shop.domain) as of \(plan.asOfDay): \(plan.lineCount) variant × location lines in "
            + String(format: "%.2f s", plan.durationSeconds) + "; \(plan.orderLineCount) to order now ("
            + money(m["order_value_minor"] ?? 0, record.shop.currency) + " at cost) on \(count("purchase_orders")) purchase-order drafts, "
            + "\(count("transfers")) transfers; \(count("out_of_stock")) out of stock, \(count("reorder")) at or below the reorder point, "
            + "\(count("at_risk")) at risk, \(count("overstock")) overstock, \(count("dead_stock")) dead stock; "
            + "lost revenue " + money(m["lost_revenue_per_day_minor"] ?? 0, record.shop.currency) + " per day.")
        return plan
    }

    static func printTop(_ plan: ReplenishmentPlanRun, store: any StorewiseStore, top: Int) async throws {
        guard top > 0 else { return }
        var query = ReplenishmentLineQuery()
        query.statuses = [.outOfStock, .reorder, .atRisk]
        query.limit = top
        let page = try await store.replenishmentLines(shopID: plan.shopID, planID: plan.id, query: query)
        guard !page.lines.isEmpty else { return say("Nothing needs ordering now.") }
        say(pad("SKU", 16) + pad("Location", 18) + lpad("On hand", 8) + lpad("Vel/d", 7) + lpad("Cover", 7) + lpad("ROP", 6)
            + lpad("Order", 7) + "  " + pad("Replenish by", 13) + lpad("Lost/day", 10) + "  Status")
        for line in page.lines {
            say(pad(line.sku ?? "\(line.variantID)", 16) + pad(line.locationName ?? "\(line.locationID)", 18)
                + lpad("\(line.onHand)", 8) + lpad(String(format: "%.2f", line.velocity), 7)
                + lpad(line.daysOfCover.map { String(format: "%.0f", $0) } ?? "–", 7) + lpad("\(line.reorderPoint)", 6)
                + lpad("\(line.suggestedQuantity)", 7) + "  " + pad(line.replenishBy ?? "–", 13)
                + lpad(String(format: "%.2f", Double(line.lostRevenuePerDayMinor) / 100), 10) + "  " + line.status.rawValue)
        }
        if page.total > page.lines.count { say("… \(page.total - page.lines.count) more: GET /api/v1/replenishment or the dashboard.") }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let clipped = text.count > width - 1 ? String(text.prefix(width - 2)) + "…" : text
        return clipped.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    static func lpad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func money(_ minor: Double, _ currency: String) -> String {
        String(format: "%.2f ", minor / 100) + currency
    }
}

extension Settings {
    /// `replenish.threads` and `replenish.keepPlans`.
    func replenishmentOptions() throws -> ReplenishmentJob.Options {
        var options = ReplenishmentJob.Options()
        options.threads = try int("replenish.threads", default: options.threads, range: 1...256)
        options.keepPlans = try int("replenish.keepPlans", default: options.keepPlans, range: 1...1000)
        return options
    }
}
