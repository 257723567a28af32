import Foundation
import Storage

/// The dashboard's models page, `/dashboard/<domain>/models`: per model kind its aliases,
/// versions (with a promote form each), the proposal waiting for a person, rollback, train now
/// and the rollout; then open alerts, the promotion history and recent jobs.
struct ModelsDashboardPage {
    /// One kind's panel.
    struct KindPanel {
        var info: ModelKindInfo
        var aliases: [ModelAlias]
        /// Newest first.
        var versions: [ModelVersion]
        var pending: [PromotionProposal]
        var rollout: RolloutSetting
    }

    var record: ShopRecord
    var panels: [KindPanel]
    var alerts: [ModelAlert]
    var history: [AliasMove]
    var jobs: [JobRecord]
    /// A refused form's reason, shown above the panels.
    var message: String?

    var base: String { "/dashboard/\(record.shop.domain)" }

    func render() -> String {
        let shop = record.shop
        var html = DashboardPage.sectionHead(title: "Models · \(shop.name)", shop: shop, style: Self.style, home: HTML.escape(base))
        if let message { html += "<section class=\"panel notice\">\(HTML.escape(message))</section>" }
        html += alertsPanel()
        for panel in panels { html += kindPanel(panel) }
        html += historyPanel()
        html += jobsPanel()
        html += "</main><footer>Storewise · model lifecycle</footer></body></html>"
        return html
    }

    private var models: String { HTML.escape("\(base)/models") }

    private func alertsPanel() -> String {
        guard !alerts.isEmpty else { return "" }
        var rows = ""
        for alert in alerts {
            rows += "<tr><td><span class=\"badge \(alert.severity == "critical" ? "bad" : "warn")\">\(HTML.escape(alert.severity))</span></td>"
            rows += "<td>\(HTML.escape(alert.kind))\(alert.version.map { " v\($0)" } ?? "")</td><td>\(HTML.escape(alert.type))</td>"
            rows += "<td>\(HTML.escape(alert.message))</td><td>\(time(alert.createdAt))</td>"
            rows += "<td><form method=\"post\" action=\"\(models)/alerts/\(alert.id)/resolve\"><button>Resolve</button></form></td></tr>"
        }
        return """
        <section class="panel"><h2>Open alerts <small>\(alerts.count)</small></h2><table><thead><tr><th>Severity</th><th>Model</th>\
        <th>Type</th><th>What happened</th><th>When</th><th></th></tr></thead><tbody>\(rows)</tbody></table></section>
        """
    }

    private func kindPanel(_ panel: KindPanel) -> String {
        let kind = HTML.escape(panel.info.name)
        let action = "\(models)/\(kind)"
        var html = "<section class=\"panel kind\" id=\"kind-\(kind)\"><h2><a href=\"\(action)\">\(HTML.escape(panel.info.title))</a>"
        html += " <small>\(kind) · primary metric \(HTML.escape(panel.info.primaryMetric)) (\(panel.info.higherIsBetter ? "higher" : "lower") is better)</small></h2>"
        html += "<div class=\"badges\">"
        if panel.aliases.isEmpty { html += "<span class=\"empty\">No aliases yet.</span>" }
        for alias in Self.ordered(panel.aliases) {
            html += "<span class=\"alias \(HTML.escape(Self.aliasClass(alias.name)))\">\(HTML.escape(alias.name)) → v\(alias.version)</span>"
        }
        html += "</div><div class=\"actions\">"
        html += "<form method=\"post\" action=\"\(action)/train\"><button>Train now</button></form>"
        if panel.aliases.contains(where: { $0.name == ModelAlias.previous }) {
            html += "<form method=\"post\" action=\"\(action)/rollback\"><input name=\"reason\" placeholder=\"why roll back\" maxlength=\"500\">"
            html += "<button>Roll back to previous</button></form>"
        }
        html += rolloutForm(panel, action: action) + "</div>"
        for proposal in panel.pending {
            let values = [proposal.candidateValue.map { "candidate \(MetricsOverTimeChart.number($0))" },
                          proposal.championValue.map { "champion\(proposal.championVersion.map { " v\($0)" } ?? "") \(MetricsOverTimeChart.number($0))" }]
                .compactMap { $0 }.joined(separator: " vs ")
            html += "<div class=\"proposal\"><strong>Proposal: promote v\(proposal.version)</strong> <small>\(HTML.escape(proposal.metric)) \(values)</small>"
            html += "<p>\(HTML.escape(proposal.reason))</p>"
            for decision in ["approve", "reject"] {
                html += "<form method=\"post\" action=\"\(models)/proposals/\(proposal.id)/\(decision)\"><input name=\"note\" placeholder=\"note\" maxlength=\"500\">"
                html += "<button>\(decision == "approve" ? "Approve" : "Reject")</button></form>"
            }
            html += "</div>"
        }
        html += versionsTable(panel, action: action)
        return html + "</section>"
    }

    private func rolloutForm(_ panel: KindPanel, action: String) -> String {
        let rollout = panel.rollout
        return """
        <form method="post" action="\(action)/rollout" class="rollout">Canary <input name="canary_percent" value="\(MetricsOverTimeChart.number(rollout.canaryPercent))" size="4"> % \
        <label><input type="checkbox" name="shadow" value="on"\(rollout.shadow ? " checked" : "")> shadow</label> \
        log <input name="sample_rate" value="\(MetricsOverTimeChart.number(rollout.sampleRate))" size="4"> of predictions <button>Save rollout</button></form>
        """
    }

    private func versionsTable(_ panel: KindPanel, action: String) -> String {
        guard !panel.versions.isEmpty else {
            return "<p class=\"empty\">No versions yet: Train now queues the first; it becomes champion when it is ready.</p>"
        }
        var rows = ""
        for version in panel.versions {
            let draft = version.draft
            let pointing = Self.ordered(panel.aliases.filter { $0.version == version.version })
                .map { "<span class=\"alias \(HTML.escape(Self.aliasClass($0.name)))\">\(HTML.escape($0.name))</span>" }.joined(separator: " ")
            rows += "<tr><td>v\(version.version) \(pointing)</td><td>\(time(version.createdAt))</td><td>\(HTML.escape(draft.createdBy))</td>"
            rows += "<td>\(HTML.escape(draft.trigger))</td><td class=\"num\">\(version.primaryValue.map(MetricsOverTimeChart.number) ?? "—")</td>"
            rows += "<td>\(HTML.escape(draft.status.rawValue))\(draft.statusMessage.map { " <small>\(HTML.escape($0))</small>" } ?? "")</td>"
            rows += "<td><code>\(HTML.escape(draft.artifactURI))</code></td><td>"
            let isChampion = panel.aliases.contains { $0.name == ModelAlias.champion && $0.version == version.version }
            if version.status == .ready, !isChampion {
                rows += "<form method=\"post\" action=\"\(action)/promote\"><input type=\"hidden\" name=\"version\" value=\"\(version.version)\">"
                rows += "<input name=\"reason\" placeholder=\"why\" maxlength=\"500\" size=\"12\"><button>Promote</button></form>"
            }
            rows += "</td></tr>"
        }
        return """
        <table><thead><tr><th>Version</th><th>Created</th><th>By</th><th>Trigger</th><th class="num">\(HTML.escape(panel.info.primaryMetric.isEmpty ? "Holdout" : panel.info.primaryMetric))</th>\
        <th>Status</th><th>Artifact</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    private func historyPanel() -> String {
        var rows = ""
        for move in history {
            rows += "<tr><td>\(time(move.at))</td><td>\(HTML.escape(move.kind))</td><td>\(HTML.escape(move.alias))</td>"
            rows += "<td>\(move.fromVersion.map { "v\($0)" } ?? "—") → \(move.toVersion.map { "v\($0)" } ?? "removed")</td>"
            rows += "<td>\(HTML.escape(move.actor))</td><td>\(HTML.escape(move.action))</td><td>\(HTML.escape(move.reason))</td></tr>"
        }
        if history.isEmpty { rows = "<tr><td colspan=\"7\" class=\"empty\">No alias has moved yet.</td></tr>" }
        return """
        <section class="panel"><h2>Promotion history <small>every alias move, newest first</small></h2><table><thead><tr><th>When</th>\
        <th>Model</th><th>Alias</th><th>From → to</th><th>Who</th><th>Action</th><th>Why</th></tr></thead><tbody>\(rows)</tbody></table></section>
        """
    }

    private func jobsPanel() -> String {
        var rows = ""
        for job in jobs {
            rows += "<tr><td>\(job.id)</td><td>\(HTML.escape(job.draft.type))</td><td><code>\(HTML.escape(job.draft.payload))</code></td>"
            rows += "<td><span class=\"state \(job.state.rawValue)\">\(job.state.rawValue)</span></td><td class=\"num\">\(job.attempts) / \(job.draft.maxAttempts)</td>"
            rows += "<td>\(HTML.escape(job.draft.requestedBy))</td><td>\(time(job.updatedAt))</td>"
            rows += "<td>\(job.lastError.map { "<small>\(HTML.escape(String($0.prefix(200))))</small>" } ?? "")</td></tr>"
        }
        if jobs.isEmpty { rows = "<tr><td colspan=\"8\" class=\"empty\">No jobs yet.</td></tr>" }
        return """
        <section class="panel"><h2>Recent jobs</h2><table><thead><tr><th>Id</th><th>Type</th><th>Payload</th><th>State</th>\
        <th class="num">Attempts</th><th>Requested by</th><th>Updated</th><th>Last error</th></tr></thead><tbody>\(rows)</tbody></table></section>
        """
    }

    private func time(_ date: Date) -> String { Self.time(date, timeZone: record.shop.timeZone) }

    static func time(_ date: Date, timeZone: String) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        return formatter.string(from: date)
    }

    /// Champion, challenger, previous, then the others by name.
    static func ordered(_ aliases: [ModelAlias]) -> [ModelAlias] {
        let rank = [ModelAlias.champion: 0, ModelAlias.challenger: 1, ModelAlias.previous: 2]
        return aliases.sorted { (rank[$0.name] ?? 3, $0.name) < (rank[$1.name] ?? 3, $1.name) }
    }

    static func aliasClass(_ name: String) -> String {
        [ModelAlias.champion, ModelAlias.challenger, ModelAlias.previous].contains(name) ? name : "other"
    }

    static let style = """
    .badges{display:flex;gap:8px;flex-wrap:wrap;margin:4px 0 10px}.alias{padding:2px 9px;border-radius:10px;font-size:12.5px;background:#eef0f2}
    .alias.champion{background:#e3f2e9;color:#174a33;font-weight:600}.alias.challenger{background:#e4ecf6;color:#2d5b8a}
    .alias.previous{background:#f3eee4;color:#8a5a00}.actions{display:flex;gap:14px;flex-wrap:wrap;align-items:center;margin-bottom:10px}
    form{display:inline}input{font:inherit;font-size:13px;padding:2px 5px}button{font:inherit;font-size:13px;cursor:pointer}
    .proposal{border:1px solid #c9d7e8;background:#f5f8fc;border-radius:8px;padding:8px 12px;margin:8px 0}.proposal p{margin:4px 0 6px}
    .notice{background:#fdeccc;color:#8a5a00}.badge{padding:1px 7px;border-radius:8px;font-size:12px}.badge.warn{background:#fdeccc}
    .badge.bad{background:#f6d5cf;color:#8a1f11}.badge.ok{background:#e3f2e9;color:#174a33}
    .state{font-size:12.5px}.state.dead{color:#8a1f11;font-weight:600}.state.running{color:#2d5b8a}.state.succeeded{color:#174a33}
    h2 a{color:var(--ink)}
    """
}
