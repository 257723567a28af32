import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Storage
import Testing

/// `/dashboard/<domain>/models` and a kind's page, signed in by cookie, on a registry filled
/// through the store's protocols: versions, an alias history, a drift report, live accuracy.
@Suite("Models dashboard")
struct ModelsDashboardTests: DashboardSession {
    typealias F = ModelsFixture
    static let page = "/dashboard/\(TestApp.domain)/models"

    /// A report of forecast v2 with two columns written as the pipeline stores them
    /// (`[ColumnDrift]` through a plain `JSONEncoder`: camelCase keys); the figures are made up
    /// for display, not computed.
    static func report(_ app: TestApp, version: Int = 1, createdAt: Date = Date(timeIntervalSince1970: 1_767_571_200)) -> DriftReportRecord {
        let columns = """
        [{"bins":[{"currentShare":0.2,"label":"0–50","referenceShare":0.6},{"currentShare":0.8,"label":"50–100","referenceShare":0.4}],\
        "currentRows":300,"drifted":true,"isNumerical":true,"method":"ks","name":"order_total","psi":0.52,"referenceRows":900,\
        "statistic":0.0004,"threshold":0.05,"uniqueValues":412},\
        {"bins":[{"currentShare":0.68,"label":"online","referenceShare":0.7},{"currentShare":0.32,"label":"pos","referenceShare":0.3}],\
        "currentRows":300,"drifted":false,"isNumerical":false,"method":"z","name":"channel","psi":0.0019,"referenceRows":900,\
        "statistic":0.54,"threshold":0.05,"uniqueValues":2}]
        """
        return DriftReportRecord(shopID: app.shop.id, kind: F.kind, version: version, createdAt: createdAt, referenceFrom: "2025-12-01",
                                 referenceTo: "2025-12-28", currentFrom: "2026-01-01", currentTo: "2026-01-07", referenceRows: 900,
                                 currentRows: 300, columnCount: 2, driftedColumns: 1, datasetDrift: true, columnsJSON: columns)
    }

    /// Two versions, v2 champion over v1 (a promotion by the scheduler, then one by a person).
    func promoted(_ app: TestApp) async throws {
        try await F.register(app, mase: [0.95, 0.90])
        let registry: any ModelRegistry = app.store
        try await registry.moveAliases(shopID: app.shop.id, kind: F.kind, [AliasChange(alias: "champion", version: 1)],
                                       actor: "scheduler", action: "auto-promote", reason: "first version", at: Date(timeIntervalSince1970: 1_767_225_700))
        try await registry.moveAliases(shopID: app.shop.id, kind: F.kind, [AliasChange(alias: "champion", version: 2), AliasChange(alias: "previous", version: 1)],
                                       actor: "cli:ana", action: "promote", reason: "better <MASE>", at: Date(timeIntervalSince1970: 1_767_312_100))
    }

    @Test("The models page shows aliases, versions with promote forms, rollback, history with who and why, and the nav links to it")
    func overview() async throws {
        let app = try await TestApp()
        try await promoted(app)
        try await app.run { client async throws in
            #expect(try await client.get(Self.page).0 == .unauthorized)
            let cookie = try await signIn(client, app)
            let (status, body, _) = try await client.get(Self.page, headers: cookie)
            #expect(status == .ok)
            #expect(body.contains("champion → v2"))
            #expect(body.contains("previous → v1"))
            #expect(body.contains("<code>forecast-run:2</code>"))
            #expect(body.contains("0.950"))   // v1's holdout MASE, three decimals under 1
            #expect(body.contains("action=\"\(Self.page)/forecast/rollback\""))
            #expect(body.contains("action=\"\(Self.page)/forecast/train\""))
            #expect(body.contains("action=\"\(Self.page)/forecast/rollout\""))
            // A promote form for v1 only: v2 is the champion already.
            #expect(body.contains("name=\"version\" value=\"1\""))
            #expect(!body.contains("name=\"version\" value=\"2\""))
            // The history, newest first, escaped.
            #expect(body.contains("<td>cli:ana</td><td>promote</td><td>better &lt;MASE&gt;</td>"))
            #expect(body.contains("<td>scheduler</td><td>auto-promote</td><td>first version</td>"))
            #expect(body.contains("v1 → v2"))
            // Every configured kind has a panel, even before its first version.
            #expect(body.contains("id=\"kind-customer-value\""))
            let (_, home, _) = try await client.get("/dashboard/\(TestApp.domain)", headers: cookie)
            #expect(home.contains("href=\"\(Self.page)\""))
            let (_, section, _) = try await client.get("/dashboard/\(TestApp.domain)/recommendations", headers: cookie)
            #expect(section.contains("href=\"\(Self.page)\""))
        }
    }

    @Test("The kind page charts metrics over time and shows drift per feature with each column's test, statistic, PSI and bins")
    func kindPage() async throws {
        let app = try await TestApp()
        try await promoted(app)
        _ = try await app.store.saveDriftReport(Self.report(app, version: 2, createdAt: Date(timeIntervalSince1970: 1_767_400_000)))
        _ = try await app.store.saveDriftReport(Self.report(app, version: 2, createdAt: Date(timeIntervalSince1970: 1_767_571_200)))
        _ = try await app.store.saveLiveAccuracy(LiveAccuracyRecord(
            shopID: app.shop.id, kind: F.kind, version: 2, measuredAt: Date(timeIntervalSince1970: 1_767_571_200), fromDay: "2026-01-02",
            throughDay: "2026-01-05", series: 12, days: 4, metrics: ["mase": 0.97, "rmsse": 1.1, "bias": 0.04], holdoutValue: 0.90))
        try await app.run { client async throws in
            let cookie = try await signIn(client, app)
            let (status, body, _) = try await client.get("\(Self.page)/forecast", headers: cookie)
            #expect(status == .ok)
            #expect(body.contains("Metrics over time"))
            #expect(body.contains("v2 live mase"))
            #expect(body.contains("live mase 0.970"))
            #expect(body.contains("v1 holdout 0.950"))
            // The latest report: one row per column, the drifted badge on order_total only.
            let total = try #require(body.range(of: "<strong>order_total</strong>"))
            let row = try #require(body[total.lowerBound...].components(separatedBy: "</tr>").first)
            #expect(row.contains("Kolmogorov–Smirnov"))
            #expect(row.contains("badge bad\">drifted"))
            #expect(row.contains("0.520"))  // PSI
            #expect(row.contains("reference 60.0%, current 20.0%"))
            let channel = try #require(body.range(of: "<strong>channel</strong>"))
            let channelRow = try #require(body[channel.lowerBound...].components(separatedBy: "</tr>").first)
            #expect(channelRow.contains("proportion Z") && channelRow.contains("stable"))
            #expect(body.contains("1 of 2 columns drifted"))
            #expect(body.contains("Drift share over time"))
            #expect(try await client.get("\(Self.page)/weather", headers: cookie).0 == .notFound)
        }
    }

    @Test("Forms promote, roll back, save the rollout and resolve alerts as actor dashboard; a refusal shows the page with the reason")
    func forms() async throws {
        let app = try await TestApp()
        try await promoted(app)
        let alert = try #require(try await app.store.raiseAlert(ModelAlert(
            shopID: app.shop.id, kind: F.kind, version: 2, type: "live-accuracy", severity: "critical", message: "live MASE 8.3 % worse", createdAt: Date())))
        try await app.run { client async throws in
            let cookie = try await signIn(client, app)
            let (rolled, _, headers) = try await post(client, "\(Self.page)/forecast/rollback", "reason=bad+week", cookie: cookie)
            #expect(rolled == .seeOther)
            #expect(headers[.location] == Self.page)
            #expect(try await F.aliases(app) == ["champion": 1])
            let newest = try #require(try await app.store.aliasHistory(shopID: app.shop.id, kind: F.kind, alias: "champion", limit: 1).first)
            #expect(newest.actor == "dashboard" && newest.action == "rollback" && newest.reason == "bad week")

            #expect(try await post(client, "\(Self.page)/forecast/promote", "version=2&reason=", cookie: cookie).0 == .seeOther)
            #expect(try await F.aliases(app)["champion"] == 2)

            let (refused, page, _) = try await post(client, "\(Self.page)/forecast/rollout", "canary_percent=120&sample_rate=0.1", cookie: cookie)
            #expect(refused == .badRequest)
            #expect(page.contains("Not changed: field canary_percent"))
            #expect(try await post(client, "\(Self.page)/forecast/rollout", "canary_percent=10&shadow=on&sample_rate=0.5", cookie: cookie).0 == .seeOther)
            let rollout = try await app.store.rolloutSetting(shopID: app.shop.id, kind: F.kind)
            #expect(rollout.canaryPercent == 10 && rollout.shadow && rollout.sampleRate == 0.5)

            let (_, before, _) = try await client.get(Self.page, headers: cookie)
            #expect(before.contains("live MASE 8.3 % worse"))
            #expect(try await post(client, "\(Self.page)/alerts/\(alert.id)/resolve", "", cookie: cookie).0 == .seeOther)
            #expect(try await app.store.modelAlerts(shopID: app.shop.id, openOnly: true, limit: 10).isEmpty)
        }
    }

    @Test("The proposal's Approve form promotes its version, Reject leaves the aliases, and Train now queues one job")
    func proposalAndTrainForms() async throws {
        let app = try await TestApp()
        try await F.register(app, mase: [0.95, 0.94, 0.93])
        let registry: any ModelRegistry = app.store
        try await registry.moveAliases(shopID: app.shop.id, kind: F.kind, [AliasChange(alias: "champion", version: 1)],
                                       actor: "scheduler", action: "auto-promote", reason: "first version", at: Date())
        let proposal = try await registry.createPromotionProposal(PromotionProposal(
            shopID: app.shop.id, kind: F.kind, version: 2, championVersion: 1, metric: "mase", candidateValue: 0.94, championValue: 0.95,
            reason: "forecast v2: MASE 0.940 vs champion v1 0.950 — not better by 2 %", createdAt: Date()))
        try await app.run { client async throws in
            let cookie = try await signIn(client, app)
            let (_, page, _) = try await client.get(Self.page, headers: cookie)
            #expect(page.contains("Proposal: promote v2"))
            #expect(page.contains("not better by 2 %"))
            #expect(page.contains("action=\"\(Self.page)/proposals/\(proposal.id)/approve\""))
            #expect(try await post(client, "\(Self.page)/proposals/\(proposal.id)/approve", "note=looks+fine", cookie: cookie).0 == .seeOther)
            #expect(try await F.aliases(app) == ["champion": 2, "previous": 1])
            let decided = try #require(try await registry.promotionProposal(shopID: app.shop.id, id: proposal.id))
            #expect(decided.status == .approved && decided.decidedBy == "dashboard")
            // Deciding it again is refused with the reason on the page.
            let (again, againPage, _) = try await post(client, "\(Self.page)/proposals/\(proposal.id)/reject", "", cookie: cookie)
            #expect(again == .conflict)
            #expect(againPage.contains("not pending"))

            #expect(try await post(client, "\(Self.page)/forecast/train", "", cookie: cookie).0 == .seeOther)
            #expect(try await post(client, "\(Self.page)/forecast/train", "", cookie: cookie).0 == .seeOther)
            let jobs = try await app.store.jobs(shopID: app.shop.id, states: nil, limit: 10)
            #expect(jobs.count == 1)
            #expect(jobs.first?.draft.requestedBy == "dashboard")
            let (_, after, _) = try await client.get(Self.page, headers: cookie)
            #expect(after.contains("<span class=\"state queued\">queued</span>"))
        }
    }
}
