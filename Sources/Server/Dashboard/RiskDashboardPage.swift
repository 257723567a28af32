import Commerce
import Foundation
import Pipeline
import Risk
import Storage

/// The dashboard's risk page, `/dashboard/<domain>/risk`: flagged orders (level, probability, the
/// order's name, time and amount, the top facts coloured by sentiment, a link to its approval
/// proposal), counts by level over the last 7 and 30 days, the champion risk model's holdout
/// metrics and thresholds, and a pre-check form a store manager can try.
struct RiskDashboardPage {
    /// A flagged order with what the page shows beside its assessment.
    struct Row: Sendable {
        var stored: StoredRiskAssessment
        /// The order's name ("#1042") and total, when the projection has it.
        var name: String?
        var total: Money?
        /// The pending or decided `orderRiskAssessmentCreate` proposal of the order.
        var proposalID: Int64?
        var proposalStatus: String?
    }

    /// A pre-check tried on the page: what was asked and what came back (or the refusal).
    struct Trial: Sendable {
        var fields: [String: String]
        var kind: String?
        var assessment: RiskAssessment?
        var decision: RiskPrecheckDecision?
        var error: String?
    }

    var record: ShopRecord
    var rows: [Row]
    /// Assessments by level, scored in the last 7 and 30 days.
    var counts7: [RiskLevel: Int]
    var counts30: [RiskLevel: Int]
    /// True when the 30-day count reached the read limit (the counts are then lower bounds).
    var countsCapped: Bool
    var champion: ModelVersion?
    var policy: RiskPrecheckPolicy
    var trial: Trial?
    var approvalsOn: Bool
    var now: Date

    var base: String { "/dashboard/\(record.shop.domain)" }
    /// Facts shown per order (the API has them all).
    static let factsShown = 4

    func render() -> String {
        let shop = record.shop
        var html = DashboardPage.sectionHead(title: "Risk · \(shop.name)", shop: shop, style: Self.style, home: HTML.escape(base))
        html += countsPanel()
        html += modelPanel()
        html += flaggedPanel()
        html += precheckPanel()
        html += "</main><footer>Storewise · risk</footer></body></html>"
        return html
    }

    private func countsPanel() -> String {
        var cells = ""
        for level in RiskLevel.allCases.reversed() {
            cells += "<tr><td><span class=\"level \(Self.levelClass(level))\">\(level.rawValue)</span></td>"
            cells += "<td>\(counts7[level] ?? 0)</td><td>\(counts30[level] ?? 0)\(countsCapped ? "+" : "")</td></tr>"
        }
        return """
        <section class="panel"><h2>Assessments by level</h2><p class="muted">Orders scored in the last 7 and 30 days (scored on orders/create).</p>
        <table class="counts"><thead><tr><th>Level</th><th>7 days</th><th>30 days</th></tr></thead><tbody>\(cells)</tbody></table></section>
        """
    }

    private func modelPanel() -> String {
        guard let champion else {
            return """
            <section class="panel"><h2>Risk model</h2><p>No champion risk model yet: orders are scored by the transparent rules alone.
            Train one with <code>storewise risk train</code> (it needs labelled frauds: chargebacks, fraud cancellations or <code>fraud</code> tags).</p></section>
            """
        }
        var metrics = ""
        for (name, value) in champion.draft.holdoutMetrics.sorted(by: { $0.key < $1.key }) {
            metrics += "<dt>\(HTML.escape(Self.metricName(name)))</dt><dd>\(Self.decimal(value))</dd>"
        }
        var thresholds = ""
        let threshold = champion.draft.summary.merging(champion.draft.holdoutMetrics) { a, _ in a }.filter { $0.key.lowercased().contains("threshold") }
        for (name, value) in threshold.sorted(by: { $0.key < $1.key }) {
            thresholds += "<dt>\(HTML.escape(name))</dt><dd>\(Self.decimal(value))</dd>"
        }
        let parameters = champion.draft.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " · ")
        return """
        <section class="panel"><h2>Risk model <small>champion v\(champion.version)</small></h2>
        <p class="muted">Trained \(Self.time(champion.createdAt)) · primary metric \(HTML.escape(champion.draft.primaryMetric))</p>
        <dl class="metrics">\(metrics)</dl>\(thresholds.isEmpty ? "" : "<h3>Thresholds</h3><dl class=\"metrics\">\(thresholds)</dl>")
        \(parameters.isEmpty ? "" : "<p class=\"muted\">Parameters: \(HTML.escape(parameters))</p>")</section>
        """
    }

    private func flaggedPanel() -> String {
        guard !rows.isEmpty else {
            return "<section class=\"panel\"><h2>Flagged orders</h2><p>No order is MEDIUM or HIGH risk.</p></section>"
        }
        var body = ""
        for row in rows {
            let a = row.stored.assessment
            let name = row.name ?? "Order \(row.stored.subjectID)"
            let amount = row.total.map { "\($0.decimalString) \($0.currency)" } ?? ""
            var facts = ""
            for fact in a.facts.prefix(Self.factsShown) {
                facts += "<li class=\"\(Self.sentimentClass(fact.sentiment))\">\(HTML.escape(fact.description))</li>"
            }
            if a.facts.count > Self.factsShown { facts += "<li class=\"muted\">… \(a.facts.count - Self.factsShown) more</li>" }
            var proposal = ""
            if let id = row.proposalID {
                proposal = "<a href=\"\(HTML.escape(base))/approvals#proposal-\(id)\">#\(id)</a> \(HTML.escape(row.proposalStatus ?? ""))"
            } else if !approvalsOn {
                proposal = "<span class=\"muted\">approvals off</span>"
            }
            body += "<tr><td><span class=\"level \(Self.levelClass(a.level))\">\(a.level.rawValue)</span></td>"
            body += "<td>\(Self.percent(a.probability))</td>"
            body += "<td><strong>\(HTML.escape(name))</strong><br><small>\(Self.time(row.stored.at))</small></td>"
            body += "<td>\(HTML.escape(amount))</td><td><ul class=\"facts\">\(facts)</ul></td>"
            body += "<td>\(HTML.escape(a.scorer))\(row.stored.modelVersion.map { " v\($0)" } ?? "")</td><td>\(proposal)</td></tr>"
        }
        return """
        <section class="panel"><h2>Flagged orders <small>\(rows.count)</small></h2>
        <p class="muted">MEDIUM and HIGH, newest first. Red facts raised the score, green ones lowered it.</p>
        <table class="flagged"><thead><tr><th>Level</th><th>Risk</th><th>Order</th><th>Amount</th><th>Facts</th><th>Scorer</th><th>Proposal</th></tr></thead>
        <tbody>\(body)</tbody></table></section>
        """
    }

    private func precheckPanel() -> String {
        let fields = trial?.fields ?? [:]
        func value(_ name: String) -> String { HTML.escape(fields[name] ?? "") }
        var options = ""
        for kind in RiskPrecheckRequest.Kind.allCases {
            let selected = fields["kind"] == kind.rawValue ? " selected" : ""
            options += "<option value=\"\(kind.rawValue)\"\(selected)>\(kind.rawValue.replacingOccurrences(of: "_", with: " "))</option>"
        }
        var result = ""
        if let trial {
            if let error = trial.error {
                result = "<div class=\"notice\">Not checked: \(HTML.escape(error))</div>"
            } else if let a = trial.assessment, let decision = trial.decision {
                var facts = ""
                for fact in a.facts { facts += "<li class=\"\(Self.sentimentClass(fact.sentiment))\">\(HTML.escape(fact.description))</li>" }
                result = """
                <div class="result"><span class="level \(Self.levelClass(a.level))">\(a.level.rawValue)</span> \(Self.percent(a.probability)) ·
                decision <strong class="decision \(HTML.escape(decision.rawValue))">\(HTML.escape(decision.rawValue.replacingOccurrences(of: "_", with: " ")))</strong>
                · \(HTML.escape(a.scorer))<ul class="facts">\(facts)</ul></div>
                """
            }
        }
        return """
        <section class="panel" id="precheck"><h2>Try a pre-check</h2>
        <p class="muted">What a POS extension asks before an associate completes a refund, a gift-card sale or a price override
        (<code>POST /api/v1/risk/precheck</code>). Nothing is stored. HIGH answers <em>\(HTML.escape(policy.high.rawValue))</em>,
        MEDIUM <em>\(HTML.escape(policy.medium.rawValue))</em>.</p>
        <form method="post" action="\(HTML.escape(base))/risk/precheck" class="precheck">
        <label>Kind <select name="kind">\(options)</select></label>
        <label>Amount <input name="amount" value="\(value("amount"))" placeholder="120.00" inputmode="decimal"></label>
        <label>Cards <input name="count" value="\(value("count"))" placeholder="gift cards" inputmode="numeric"></label>
        <label>Subtotal <input name="subtotal" value="\(value("subtotal"))" placeholder="overrides" inputmode="decimal"></label>
        <label>Discount <input name="discount" value="\(value("discount"))" placeholder="overrides" inputmode="decimal"></label>
        <label>Staff id <input name="staff_id" value="\(value("staff_id"))" inputmode="numeric"></label>
        <label>Location id <input name="location_id" value="\(value("location_id"))" inputmode="numeric"></label>
        <label>Customer id <input name="customer_id" value="\(value("customer_id"))" inputmode="numeric"></label>
        <label>Order id <input name="order_id" value="\(value("order_id"))" placeholder="refunds" inputmode="numeric"></label>
        <label>Payment <input name="payment_method" value="\(value("payment_method"))" placeholder="cash, card"></label>
        <button>Check</button></form>\(result)</section>
        """
    }

    // MARK: Formatting

    static func levelClass(_ level: RiskLevel) -> String { "level-" + level.rawValue.lowercased() }

    static func sentimentClass(_ sentiment: RiskSentiment) -> String { "fact-" + sentiment.rawValue.lowercased() }

    static func percent(_ p: Double) -> String {
        let tenths = (p * 1000).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10) %"
    }

    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let scaled = (value * 1000).rounded() / 1000
        return "\(scaled)"
    }

    static func metricName(_ name: String) -> String {
        switch name {
        case "average_precision": "average precision"
        case "auc", "auc_roc": "AUC ROC"
        default: name.replacingOccurrences(of: "_", with: " ")
        }
    }

    static func time(_ date: Date) -> String { ApprovalsDashboardPage.time(date) }

    static let style = """
    .level{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
    .level-high{background:#fdecea;color:#b42318}.level-medium{background:#fff4e5;color:#8a5300}
    .level-low{background:#eef4ff;color:#2456a6}.level-none{background:#f0f1f3;color:#556}
    ul.facts{margin:0;padding-left:16px;font-size:13px}.fact-negative{color:#b42318}.fact-positive{color:#1a7f37}.fact-neutral{color:#667}
    .metrics{display:grid;grid-template-columns:200px 1fr;gap:4px 12px}.metrics dt{color:#667}.metrics dd{margin:0}
    .precheck{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end}.precheck label{display:flex;flex-direction:column;font-size:12px;color:#556}
    .precheck input{width:110px}.result{margin-top:12px;padding:10px;border:1px solid #dde;border-radius:6px}
    .decision.refuse{color:#b42318}.decision.ask_manager{color:#8a5300}.decision.proceed{color:#1a7f37}
    .notice{margin-top:12px;padding:10px;border:1px solid #e0b000;background:#fffbe6;border-radius:6px}.muted{color:#667}
    """
}
