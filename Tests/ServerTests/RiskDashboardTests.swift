import Foundation
import HTTPTypes
import HummingbirdTesting
import Pipeline
import Risk
@testable import Server
import ShopifyAdmin
import Storage
import Testing

/// `/dashboard/<domain>/risk` on a real SQLite store: flagged orders with escaped facts and their
/// proposal, counts by level, and the pre-check form behind CSRF.
@Suite("Risk dashboard")
struct RiskDashboardTests: DashboardSession {
    static let page = "/dashboard/\(TestApp.domain)/risk"

    @Test("flagged orders show level, probability, facts coloured by sentiment (escaped), the proposal link; counts; the nav links the page")
    func rendersFlagged() async throws {
        let h = try await ApprovalsHarness()
        // Scored now, so the 7- and 30-day counts see them.
        let now = Date()
        for (i, (level, p)) in [("HIGH", 0.91), ("MEDIUM", 0.32), ("LOW", 0.04)].enumerated() {
            try await h.app.store.saveRiskAssessment(RiskFixture.record(shopID: h.app.shop.id, orderID: 101 + Int64(i), level: level, probability: p,
                                                                        at: now.addingTimeInterval(Double(i) - 60)))
        }
        let payload: JSONValue = ["orderId": "gid://shopify/Order/101", "riskLevel": "HIGH",
                                  "facts": [["description": "7 orders from this card in the last hour", "sentiment": "NEGATIVE"]]]
        let (proposal, _) = try await h.approvals.propose(
            ProposedAction(type: .orderRiskAssessment, targetType: "order", targetID: "gid://shopify/Order/101", payload: payload,
                           reason: "Storewise risk score 91 % (HIGH)", proposer: "order-risk"), shopID: h.app.shop.id)
        try await h.run { client in
            let cookie = try await signIn(client, h.app)
            let (status, page, _) = try await client.get(Self.page, headers: cookie)
            #expect(status == .ok)
            #expect(page.contains("<span class=\"level level-high\">HIGH</span>") && page.contains("91.0 %"))
            #expect(page.contains("<li class=\"fact-negative\">7 orders from this card in the last hour</li>"))
            #expect(page.contains("<li class=\"fact-positive\">Returning customer with 12 earlier orders</li>"))
            // A fact is text, never markup.
            #expect(!page.contains("<script>alert(1)</script>"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; billing country differs"))
            #expect(page.contains("/approvals#proposal-\(proposal.id)\">#\(proposal.id)</a> pending"))
            // LOW is counted but not listed among flagged orders.
            #expect(page.contains("Order 102") && page.contains("Order 101") && !page.contains("Order 103"))
            #expect(page.contains("<tr><td><span class=\"level level-low\">LOW</span></td><td>1</td><td>1</td></tr>"))
            #expect(page.contains("No champion risk model yet"))
            #expect(page.contains("href=\"/dashboard/\(TestApp.domain)/risk\">Risk</a>"))
            let (_, forecasts, _) = try await client.get("/dashboard/\(TestApp.domain)/forecasts", headers: cookie)
            #expect(forecasts.contains("/risk\">Risk</a>"))

            let (anonymous, _, _) = try await client.get(Self.page)
            #expect(anonymous == .unauthorized)
        }
    }

    @Test("the pre-check form needs its CSRF token; with it the answer shows level and decision; a bad field is named (400) and the input kept escaped")
    func precheckForm() async throws {
        let app = try await TestApp()
        try await app.run { client in
            let cookie = try await signIn(client, app)
            let (_, page, _) = try await client.get(Self.page, headers: cookie)
            #expect(page.contains("action=\"\(Self.page)/precheck\"") && page.contains("name=\"csrf\""))
            var form = cookie
            form[.contentType] = "application/x-www-form-urlencoded"
            let (forbidden, _, _) = try await client.send(Self.page + "/precheck", .post, headers: form, body: "kind=refund&amount=120.00")
            #expect(forbidden == .forbidden)

            let (ok, answer, _) = try await post(client, Self.page + "/precheck", "kind=refund&amount=120.00&staff_id=7&location_id=1", cookie: cookie)
            #expect(ok == .ok)
            #expect(answer.contains("class=\"result\"") && answer.contains("decision <strong class=\"decision"))
            #expect(answer.contains("value=\"120.00\""))

            let (bad, refused, _) = try await post(client, Self.page + "/precheck", "kind=refund&amount=%3Cb%3E", cookie: cookie)
            #expect(bad == .badRequest)
            #expect(refused.contains("Not checked: field amount must be a decimal amount"))
            #expect(refused.contains("value=\"&lt;b&gt;\"") && !refused.contains("<b>"))
        }
    }

    @Test("the champion risk model's holdout metrics and thresholds are shown")
    func champion() async throws {
        let app = try await TestApp()
        let draft = ModelVersionDraft(
            shopID: app.shop.id, kind: RiskKind.kindName, createdBy: "test", trigger: "initial", parameters: ["label_delay_days": "30"],
            data: TrainingDataIdentity(firstEventID: 1, lastEventID: 10, eventCount: 10, projectionDigest: "d"),
            holdoutMetrics: ["average_precision": 0.7123, "auc": 0.9012], primaryMetric: "average_precision", higherIsBetter: true,
            artifactURI: "risk-model:1", artifactDigest: "a", summary: ["threshold_high": 0.42, "frauds": 31])
        _ = try await app.store.registerModelVersion(draft, at: Date())
        _ = try await app.store.moveAliases(shopID: app.shop.id, kind: RiskKind.kindName, [AliasChange(alias: "champion", version: 1)], actor: "test",
                                           action: "promote", reason: "test", at: Date())
        try await app.run { client in
            let cookie = try await signIn(client, app)
            let (status, page, _) = try await client.get(Self.page, headers: cookie)
            #expect(status == .ok)
            #expect(page.contains("champion v1"))
            #expect(page.contains("<dt>average precision</dt><dd>0.712</dd>") && page.contains("<dt>AUC ROC</dt><dd>0.901</dd>"))
            #expect(page.contains("<dt>threshold_high</dt><dd>0.42</dd>") && !page.contains("<dt>frauds</dt>"))
            #expect(page.contains("label_delay_days=30"))
        }
    }
}
