import Foundation
import Hummingbird
import Pipeline
import Risk
import Storage

/// The risk page of the dashboard, `/dashboard/<domain>/risk`, and its pre-check form
/// (signed in by cookie, CSRF-checked by `CSRFMiddleware`).
extension DashboardController {
    /// Most flagged orders shown; assessments read to count levels over 30 days.
    static let riskRowsShown = 50
    static let riskCountLimit = 20_000

    func addRiskRoutes(to router: Router<AppRequestContext>, risk: RiskService, registry: any ModelRegistry,
                       approvals: (any ApprovalStore)?, policy: RiskPrecheckPolicy) {
        router.get("/dashboard/:domain/risk") { request, context in
            let record = try await signedInShop(request, context: context)
            return html(try await riskPage(record, risk: risk, registry: registry, approvals: approvals, policy: policy, trial: nil).render())
        }
        router.post("/dashboard/:domain/risk/precheck") { request, context in
            let record = try await signedInShop(request, context: context)
            var form = try await Self.formFields(request)
            form[CSRFToken.field] = nil
            var trial = RiskDashboardPage.Trial(fields: form)
            let nonEmpty = form.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
            do {
                let subject = try RiskPrecheckRequest(fields: nonEmpty, shopCurrency: record.shop.currency, at: Date()).subject
                let assessment = try await risk.precheck(shopID: record.id, subject: subject)
                trial.kind = RiskJSON.kindName(subject)
                trial.assessment = assessment
                trial.decision = policy.decision(for: assessment.level)
            } catch let error as RiskPrecheckError {
                trial.error = error.description
            }
            var response = html(try await riskPage(record, risk: risk, registry: registry, approvals: approvals, policy: policy, trial: trial).render())
            if trial.error != nil { response.status = .badRequest }
            return response
        }
    }

    func riskPage(_ record: ShopRecord, risk: RiskService, registry: any ModelRegistry, approvals: (any ApprovalStore)?,
                  policy: RiskPrecheckPolicy, trial: RiskDashboardPage.Trial?) async throws -> RiskDashboardPage {
        let now = Date()
        let flagged = try await risk.flagged(shopID: record.id, minimumLevel: .medium, since: nil, limit: Self.riskRowsShown)
        // Counts read the last 30 days' assessments (a dedicated count query would be cheaper; see docs/risk.md).
        let month = try await risk.flagged(shopID: record.id, minimumLevel: .none, since: now.addingTimeInterval(-30 * 86_400), limit: Self.riskCountLimit)
        var counts7: [RiskLevel: Int] = [:], counts30: [RiskLevel: Int] = [:]
        let weekStart = now.addingTimeInterval(-7 * 86_400)
        for stored in month {
            counts30[stored.assessment.level, default: 0] += 1
            if stored.scoredAt >= weekStart { counts7[stored.assessment.level, default: 0] += 1 }
        }
        var proposals: [String: ActionProposal] = [:]
        if let approvals {
            let rows = try await approvals.proposals(shopID: record.id, query: ProposalQuery(actionType: ActionType.orderRiskAssessment.rawValue, limit: 500)).rows
            // Newest first from the store: keep the newest proposal per order.
            for proposal in rows where proposals[proposal.draft.targetID] == nil { proposals[proposal.draft.targetID] = proposal }
        }
        var rows: [RiskDashboardPage.Row] = []
        for stored in flagged {
            let order = stored.subjectKind == .order ? try await reader.order(shopID: record.id, id: stored.subjectID) : nil
            let proposal = proposals["gid://shopify/Order/\(stored.subjectID)"]
            rows.append(RiskDashboardPage.Row(stored: stored, name: order?.name, total: order?.totalPrice, proposalID: proposal?.id,
                                              proposalStatus: proposal?.status.rawValue))
        }
        let champion = try await registry.resolveAlias(shopID: record.id, kind: RiskKind.kindName, alias: ModelAlias.champion)
        return RiskDashboardPage(record: record, rows: rows, counts7: counts7, counts30: counts30, countsCapped: month.count >= Self.riskCountLimit,
                                 champion: champion, policy: policy, trial: trial, approvalsOn: approvals != nil, now: now)
    }
}
