import ArgumentParser
import Commerce
import Foundation
import Pipeline
import Risk
import Server
import Storage

/// `storewise risk …`: order and POS risk scores from the command line.
struct RiskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk", abstract: "Order and POS risk: score an order, list flagged orders, pre-check a POS action, train the model.",
        subcommands: [RiskScoreCommand.self, RiskFlaggedCommand.self, RiskPrecheckCommand.self, RiskTrainCommand.self, RiskLatencyCommand.self])

    /// The scoring service over the runtime's store (no approval queue: the CLI never proposes).
    static func service(_ runtime: Runtime) -> RiskService {
        RiskService(store: runtime.store, approvals: nil, options: RiskServiceOptions(propose: false), logger: runtime.logger)
    }

    /// "HIGH  91.0 %  model v3" and the facts, one per line, marked − (raised the score), + (lowered it) or ·.
    static func lines(_ assessment: RiskAssessment, version: Int? = nil, facts limit: Int = 10) -> [String] {
        var out = ["\(assessment.level.rawValue)  \(percent(assessment.probability))  \(assessment.scorer)\(version.map { " v\($0)" } ?? "")"]
        for fact in assessment.facts.prefix(limit) { out.append("  \(mark(fact.sentiment)) \(fact.description)") }
        if assessment.facts.count > limit { out.append("  … \(assessment.facts.count - limit) more") }
        return out
    }

    static func mark(_ sentiment: RiskSentiment) -> String {
        switch sentiment {
        case .negative: "−"
        case .positive: "+"
        case .neutral: "·"
        }
    }

    static func percent(_ p: Double) -> String {
        let tenths = (p * 1000).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10) %"
    }
}

/// `storewise risk score --order <id>` (scored and stored, not proposed) or `--file order.json`
/// (a Shopify order webhook body, scored against the shop's state; nothing stored).
struct RiskScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score", abstract: "Score an order of the shop, or an order JSON file.")

    @Option(help: "The shop's domain (optional when there is one shop).") var shop: String?
    @Option(help: "An order id the shop has received.") var order: Int64?
    @Option(help: "A Shopify order JSON (an orders/create body).") var file: String?
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard (order == nil) != (file == nil) else { throw ValidationError("give exactly one of --order <id> or --file <order.json>") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await ApprovalsFormat.shop(shop, runtime: runtime)
        let risk = RiskCommand.service(runtime)
        let subject: Commerce.Order
        if let order {
            guard let found = try await runtime.store.order(shopID: record.id, id: order) else {
                throw CLIError("shop \(record.shop.domain) has no order \(order)")
            }
            subject = found
        } else {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file!)) } catch { throw CLIError("cannot read \(file!): \(error.localizedDescription)") }
            do {
                guard case .order(let decoded) = try ShopifyJSON.decode(topic: .ordersCreate, body: data, shopCurrency: record.shop.currency) else {
                    throw CLIError("\(file!) is not an order")
                }
                subject = decoded
            } catch let error as PayloadError {
                throw CLIError("\(file!) is not a Shopify order: \(error)")
            }
        }
        let assessment: RiskAssessment
        if order != nil {
            // Scored as of now against the shop's history without this order; stored (the API and dashboard show it), never proposed.
            assessment = try await risk.assessOrder(subject, shopID: record.id, source: .backfill, receivedAt: Date())
            await risk.drain()
        } else {
            assessment = try await risk.precheck(shopID: record.id, subject: .order(subject))
        }
        say("order \(subject.name) (\(subject.id)) · \(subject.totalPrice.decimalString) \(subject.totalPrice.currency)")
        for line in RiskCommand.lines(assessment) { say(line) }
    }
}

/// `storewise risk flagged`: stored assessments at a level or above, newest first.
struct RiskFlaggedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flagged", abstract: "List flagged orders with their facts.")

    @Option(help: "The shop's domain (optional when there is one shop).") var shop: String?
    @Option(help: "The lowest level listed: NONE, LOW, MEDIUM or HIGH.") var level: String = "MEDIUM"
    @Option(help: "Most orders listed.") var limit: Int = 20
    @Option(help: "Facts shown per order.") var facts: Int = 3
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard RiskLevel(rawValue: level.uppercased()) != nil else { throw ValidationError("--level must be NONE, LOW, MEDIUM or HIGH, got '\(level)'") }
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be in 1...1000, got \(limit)") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await ApprovalsFormat.shop(shop, runtime: runtime)
        let rows = try await RiskCommand.service(runtime).flagged(shopID: record.id, minimumLevel: RiskLevel(rawValue: level.uppercased())!, limit: limit)
        if rows.isEmpty { say("No order of \(record.shop.domain) is \(level.uppercased()) or above."); return }
        for row in rows {
            let order = try await runtime.store.order(shopID: record.id, id: row.subjectID)
            let what = order.map { "\($0.name) (order \(row.subjectID)) · \($0.totalPrice.decimalString) \($0.totalPrice.currency)" } ?? "order \(row.subjectID)"
            say("\(what) · \(ApprovalsDashboardTime.string(row.at))")
            for line in RiskCommand.lines(row.assessment, version: row.modelVersion, facts: facts) { say("  " + line) }
        }
    }
}

/// ISO-ish times for the CLI ("2026-11-24 04:12:00 UTC").
enum ApprovalsDashboardTime {
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: date) + " UTC"
    }
}

/// `storewise risk precheck --kind refund --amount 250 --staff 7 --location 1`: what a POS extension would be told.
struct RiskPrecheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "precheck", abstract: "Pre-check a POS refund, gift-card sale or discount override.")

    @Option(help: "The shop's domain (optional when there is one shop).") var shop: String?
    @Option(help: "refund, gift_card or discount_override.") var kind: String
    @Option(help: "Refund or gift-card amount, e.g. 250 or 120.00.") var amount: String?
    @Option(help: "Currency (default the shop's).") var currency: String?
    @Option(help: "POS staff member id.") var staff: String?
    @Option(help: "Location id.") var location: String?
    @Option(help: "Customer id.") var customer: String?
    @Option(help: "The order being refunded.") var order: String?
    @Option(help: "Gift cards in the sale.") var count: String?
    @Option(help: "Overrides: the subtotal before the discount.") var subtotal: String?
    @Option(help: "Overrides: the manual discount.") var discount: String?
    @Option(help: "Gift cards: cash, card, gift_card, …") var paymentMethod: String?
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await ApprovalsFormat.shop(shop, runtime: runtime)
        let policy = try runtime.settings.riskSettings().precheck
        let fields = ["kind": kind, "amount": amount, "currency": currency, "staffId": staff, "locationId": location, "customerId": customer,
                      "orderId": order, "count": count, "subtotal": subtotal, "discount": discount, "paymentMethod": paymentMethod].compactMapValues { $0 }
        let subject: RiskSubject
        do { subject = try RiskPrecheckRequest(fields: fields, shopCurrency: record.shop.currency, at: Date()).subject } catch {
            throw CLIError("\(error)")
        }
        let assessment = try await RiskCommand.service(runtime).precheck(shopID: record.id, subject: subject)
        say("decision: \(policy.decision(for: assessment.level).rawValue)")
        for line in RiskCommand.lines(assessment) { say(line) }
    }
}

/// `storewise risk train`: `storewise models train --kind risk` with the `risk.*` settings as parameters.
struct RiskTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train the risk model through the lifecycle (same as `models train --kind risk`).",
        discussion: "risk.labelDelayDays, risk.reviewHighShare and risk.reviewMediumShare become parameters; --param name=value overrides them.")

    @Option(help: "The shop's domain.") var shop: String
    @Option(name: .customLong("param"), help: "A parameter override, name=value (repeatable).") var parameters: [String] = []
    @Flag(help: "Only queue the job; a running server's worker picks it up.") var queueOnly = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let settings = try await Settings.load(arguments: configuration)
        let given = Set(parameters.compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) })
        let implied = try settings.riskSettings().trainingParameters.filter { !given.contains($0.key) }.sorted { $0.key < $1.key }
        var arguments = ["--shop", shop, "--kind", RiskKind.kindName]
        for parameter in implied.map({ "\($0.key)=\($0.value)" }) + parameters { arguments += ["--param", parameter] }
        if queueOnly { arguments.append("--queue-only") }
        let train = try ModelsTrainCommand.parse(arguments + configuration)
        try await train.run()
    }
}
