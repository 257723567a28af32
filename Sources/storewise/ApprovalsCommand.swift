import ArgumentParser
import Foundation
import Pipeline
import ShopifyAdmin
import Storage

/// `storewise approvals`: the approval queue: what models propose to change in the store, and the decisions.
struct ApprovalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approvals",
        abstract: "The approval queue: list, show, approve, edit or reject proposed actions.",
        discussion: """
        Every change Storewise wants to make (order risk assessments, purchase orders, metafields, customer tags, \
        draft orders, discount codes, messages) is a proposal. The policy (approvals.policy) auto-approves some, \
        rejects some and leaves the rest pending for a person. Approving from the CLI executes at once.
          storewise approvals list --shop my-shop.myshopify.com
          storewise approvals show 12 --shop my-shop.myshopify.com
          storewise approvals approve 12 --shop my-shop.myshopify.com --reason "checked the stock"
          storewise approvals reject 13 --shop my-shop.myshopify.com --reason "too generous"
        """,
        subcommands: [ApprovalsListCommand.self, ApprovalsShowCommand.self, ApprovalsApproveCommand.self, ApprovalsEditCommand.self,
                      ApprovalsRejectCommand.self]
    )
}

/// Shared lookups and formatting of the `approvals` and `audit` commands.
enum ApprovalsFormat {
    /// The shop named by `--shop`, or the only shop when there is exactly one.
    static func shop(_ domain: String?, runtime: Runtime) async throws -> ShopRecord {
        if let domain { return try await runtime.shop(domain) }
        let shops = try await runtime.store.shops()
        guard shops.count == 1, let only = shops.first else {
            throw CLIError(shops.isEmpty ? "no shops yet" : "--shop is required: there are \(shops.count) shops (\(shops.map(\.shop.domain).joined(separator: ", ")))")
        }
        return only
    }

    /// The proposal or an error naming it.
    static func proposal(_ id: Int64, shop: ShopRecord, runtime: Runtime) async throws -> ActionProposal {
        guard let proposal = try await runtime.store.proposal(id: id, shopID: shop.id) else {
            throw CLIError("no proposal \(id) in shop \(shop.shop.domain)")
        }
        return proposal
    }

    /// The person recorded as deciding: `--as`, else the OS user.
    static func actor(_ name: String?) -> ActionActor {
        .user(name ?? (ProcessInfo.processInfo.environment["USER"] ?? "root"), source: "cli")
    }

    /// `#12  pending   discount-code   customer gid://…/Customer/7   €10.00   customer-value v3 (0.82)   rule discounts-need-a-person`
    static func line(_ proposal: ActionProposal) -> String {
        let draft = proposal.draft
        let model = draft.modelKind.map { kind in "\(kind)" + (draft.modelVersion.map { " v\($0)" } ?? "") } ?? draft.proposedBy
        let confidence = draft.confidence.map { " (\(ModelsFormat.decimal($0, 2)))" } ?? ""
        return pad("#\(proposal.id)", 7) + pad(proposal.status.rawValue, 10) + pad(draft.actionType, 22)
            + pad("\(draft.targetType) \(draft.targetID)", 38) + pad(amount(draft) ?? "", 14) + pad(model + confidence, 26)
            + pad(ModelsFormat.time(proposal.createdAt), 21) + "rule \(proposal.policyRule)"
    }

    /// "1,234.50 EUR" from minor units, when the proposal has an amount.
    static func amount(_ draft: ProposalDraft) -> String? {
        guard let minor = draft.amountMinor else { return nil }
        let sign = minor < 0 ? "-" : ""
        let whole = abs(minor) / 100, cents = abs(minor) % 100
        return "\(sign)\(whole).\(cents < 10 ? "0" : "")\(cents)" + (draft.currency.map { " \($0)" } ?? "")
    }

    /// JSON text pretty-printed with sorted keys (the stored text when it does not parse).
    static func pretty(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs an approval-queue call, turning its errors into CLI errors printed as they are.
    static func cli<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ActionError {
            throw CLIError(error.description)
        } catch let error as StorageError {
            throw CLIError(error.description)
        }
    }

    /// `storewise approvals show` body: every field, the payload(s) and the audit rows.
    static func printDetail(_ proposal: ActionProposal, audit: [AuditEntry]) {
        let draft = proposal.draft
        say("proposal #\(proposal.id): \(ActionType(rawValue: draft.actionType)?.title ?? draft.actionType) — \(proposal.status.rawValue)")
        say("  target:      \(draft.targetType) \(draft.targetID)")
        say("  reason:      \(draft.reason)")
        say("  proposed by: \(draft.proposedBy)" + (draft.modelKind.map { ", model \($0)" + (draft.modelVersion.map { " v\($0)" } ?? "") } ?? ""))
        if let confidence = draft.confidence { say("  confidence:  \(ModelsFormat.decimal(confidence, 3))") }
        if let amount = amount(draft) { say("  amount:      \(amount)") }
        say("  policy:      \(proposal.verdict.rawValue) (rule \(proposal.policyRule))")
        say("  created:     \(ModelsFormat.time(proposal.createdAt)); expires \(ModelsFormat.time(draft.expiresAt))")
        if let by = proposal.decidedBy {
            say("  decided:     \(by)" + (proposal.decidedAt.map { " at \(ModelsFormat.time($0))" } ?? "") + (proposal.decisionReason.map { ": \($0)" } ?? ""))
        }
        if proposal.attempts > 0 { say("  attempts:    \(proposal.attempts)") }
        if let executed = proposal.executedAt { say("  executed:    \(ModelsFormat.time(executed))") }
        if let outcome = proposal.outcome { say("  outcome:     \(outcome)") }
        if let error = proposal.lastError { say("  last error:  \(error)") }
        say("  payload (sha256 \(draft.payloadHash)):")
        say(indent(pretty(draft.payload)))
        if let edited = proposal.editedPayload {
            say("  edited payload (sha256 \(proposal.editedPayloadHash ?? "?")):")
            say(indent(pretty(edited)))
        }
        say("  audit:")
        if audit.isEmpty { say("    none") }
        for row in audit { say("    " + auditLine(row)) }
    }

    /// `#7  2026-11-24 01:02:03  user:ana (cli)  proposal.approved  decision approve  reason …  outcome …`
    static func auditLine(_ row: AuditEntry) -> String {
        let entry = row.entry
        var text = pad("#\(row.sequence)", 6) + pad(ModelsFormat.time(entry.at), 21) + pad("\(entry.actorType.rawValue):\(entry.actorID) (\(entry.source))", 34)
            + pad(entry.action, 22) + "\(entry.targetType) \(entry.targetID)"
        if let id = entry.proposalID { text += "  proposal #\(id)" }
        if let kind = entry.modelKind { text += "  model \(kind)" + (entry.modelVersion.map { " v\($0)" } ?? "") }
        if let decision = entry.decision { text += "  decision \(decision)" }
        if let reason = entry.reason { text += "  reason: \(reason)" }
        if let outcome = entry.outcome { text += "  outcome: \(outcome)" }
        return text
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
