import Foundation
import Pipeline
import Storage

/// The dashboard's approvals inbox, `/dashboard/<domain>/approvals`: pending proposals first, each with what it
/// changes, why, which model (kind and version) proposed it with what confidence, the amount, the policy rule and
/// the payload, and Approve / Edit / Reject forms; then recent decisions with who, when and the outcome.
struct ApprovalsDashboardPage {
    var record: ShopRecord
    /// Oldest first (the one waiting longest on top).
    var pending: [ActionProposal]
    /// Newest first.
    var recent: [ActionProposal]
    var counts: [ProposalStatus: Int]
    /// A refused form's reason, or what the last decision did.
    var message: String?
    var now: Date

    var base: String { "/dashboard/\(record.shop.domain)" }
    private var approvals: String { HTML.escape("\(base)/approvals") }

    func render() -> String {
        let shop = record.shop
        var html = DashboardPage.sectionHead(title: "Approvals · \(shop.name)", shop: shop, style: Self.style, home: HTML.escape(base))
        if let message { html += "<section class=\"panel notice\">\(HTML.escape(message))</section>" }
        let summary = ProposalStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }.joined(separator: " · ")
        html += "<section class=\"panel\"><h2>Waiting for a decision <small>\(pending.count)</small></h2>"
        html += "<p class=\"muted\">\(HTML.escape(summary.isEmpty ? "No proposals yet." : summary))</p>"
        if pending.isEmpty { html += "<p>Nothing waits for a decision. Proposals the policy auto-approves run on their own and show below.</p>" }
        html += "</section>"
        for proposal in pending { html += card(proposal) }
        html += recentPanel()
        html += "</main><footer>Storewise · approvals</footer></body></html>"
        return html
    }

    private func card(_ proposal: ActionProposal) -> String {
        let draft = proposal.draft
        let path = "\(approvals)/\(proposal.id)"
        let title = ActionType(rawValue: draft.actionType)?.title ?? draft.actionType
        var facts = "<dl>"
        facts += "<dt>Target</dt><dd>\(HTML.escape(draft.targetType)) <code>\(HTML.escape(draft.targetID))</code></dd>"
        facts += "<dt>Why</dt><dd>\(HTML.escape(draft.reason))</dd>"
        facts += "<dt>Proposed by</dt><dd>\(HTML.escape(Self.model(draft)))</dd>"
        if let confidence = draft.confidence { facts += "<dt>Confidence</dt><dd>\(Int((confidence * 100).rounded())) %</dd>" }
        if let amount = Self.amount(draft) { facts += "<dt>Amount</dt><dd>\(HTML.escape(amount))</dd>" }
        facts += "<dt>Policy</dt><dd>\(HTML.escape(proposal.verdict.rawValue)) · rule <code>\(HTML.escape(proposal.policyRule))</code></dd>"
        facts += "<dt>Proposed</dt><dd>\(Self.time(proposal.createdAt)) · expires \(Self.time(draft.expiresAt))</dd>"
        facts += "</dl>"
        let pretty = Self.pretty(draft.payload)
        return """
        <section class="panel proposal" id="proposal-\(proposal.id)"><h2>#\(proposal.id) \(HTML.escape(title))</h2>\(facts)
        <details><summary>Payload <small>sha256 \(HTML.escape(String(draft.payloadHash.prefix(12))))…</small></summary><pre>\(HTML.escape(pretty))</pre></details>
        <div class="decide">
        <form method="post" action="\(path)/approve"><input name="reason" placeholder="note (optional)" maxlength="2000"><button class="approve">Approve</button></form>
        <form method="post" action="\(path)/reject"><input name="reason" placeholder="why reject (required)" required maxlength="2000"><button class="reject">Reject</button></form>
        </div>
        <details><summary>Edit and approve</summary><form method="post" action="\(path)/edit" class="edit">\
        <textarea name="payload" rows="\(min(24, max(6, pretty.split(separator: "\n").count + 1)))" spellcheck="false">\(HTML.escape(pretty))</textarea>\
        <input name="reason" placeholder="what you changed and why (required)" required maxlength="2000"><button>Approve edited payload</button></form></details>
        </section>
        """
    }

    private func recentPanel() -> String {
        guard !recent.isEmpty else { return "" }
        var rows = ""
        for proposal in recent {
            let draft = proposal.draft
            let outcome = proposal.lastError.map { "error: \($0)" } ?? proposal.outcome ?? ""
            rows += "<tr><td>#\(proposal.id)</td><td>\(HTML.escape(ActionType(rawValue: draft.actionType)?.title ?? draft.actionType))</td>"
            rows += "<td>\(HTML.escape(draft.targetType)) <code>\(HTML.escape(draft.targetID))</code></td>"
            rows += "<td>\(HTML.escape(Self.model(draft)))</td>"
            rows += "<td><span class=\"badge \(Self.badge(proposal.status))\">\(HTML.escape(proposal.status.rawValue))</span></td>"
            rows += "<td>\(HTML.escape(proposal.decidedBy ?? ""))</td><td>\(proposal.decidedAt.map(Self.time) ?? "")</td>"
            rows += "<td>\(HTML.escape(proposal.decisionReason ?? ""))</td><td class=\"outcome\">\(HTML.escape(String(outcome.prefix(300))))</td></tr>"
        }
        return """
        <section class="panel"><h2>Recent decisions</h2><table><thead><tr><th>#</th><th>Action</th><th>Target</th><th>Model</th><th>Status</th>\
        <th>Who</th><th>When</th><th>Reason</th><th>Outcome</th></tr></thead><tbody>\(rows)</tbody></table></section>
        """
    }

    static func model(_ draft: ProposalDraft) -> String {
        guard let kind = draft.modelKind else { return draft.proposedBy }
        return kind + (draft.modelVersion.map { " v\($0)" } ?? "") + " (\(draft.proposedBy))"
    }

    static func amount(_ draft: ProposalDraft) -> String? {
        guard let minor = draft.amountMinor else { return nil }
        let cents = abs(minor) % 100
        return (minor < 0 ? "-" : "") + "\(abs(minor) / 100).\(cents < 10 ? "0" : "")\(cents)" + (draft.currency.map { " \($0)" } ?? "")
    }

    static func pretty(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }

    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: date) + " UTC"
    }

    static func badge(_ status: ProposalStatus) -> String {
        switch status {
        case .executed, .approved, .executing: "good"
        case .failed, .rejected: "bad"
        case .pending, .expired: "warn"
        }
    }

    static let style = """
    .proposal dl{display:grid;grid-template-columns:120px 1fr;gap:4px 12px;margin:8px 0}.proposal dt{color:#667;font-size:13px}.proposal dd{margin:0}
    .proposal pre{background:#f6f7f9;padding:10px;border-radius:6px;overflow:auto;font-size:12px}
    .decide{display:flex;gap:16px;flex-wrap:wrap;margin:10px 0}.decide form{display:flex;gap:6px}
    .edit{display:flex;flex-direction:column;gap:6px}.edit textarea{font-family:ui-monospace,monospace;font-size:12px;width:100%}
    button.approve{background:#1a7f37;color:#fff;border:0;border-radius:5px;padding:4px 10px}
    button.reject{background:#b42318;color:#fff;border:0;border-radius:5px;padding:4px 10px}
    .notice{border-color:#e0b000;background:#fffbe6}.muted{color:#667}td.outcome{font-size:12px;max-width:320px;word-break:break-word}
    .badge.good{background:#e6f4ea;color:#1a7f37}.badge.bad{background:#fdecea;color:#b42318}.badge.warn{background:#fff4e5;color:#8a5300}
    """
}
