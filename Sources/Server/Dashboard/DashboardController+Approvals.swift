import Foundation
import Hummingbird
import Pipeline
import ShopifyAdmin
import Storage

/// The approvals inbox of the dashboard, `/dashboard/<domain>/approvals`, and its Approve, Edit and Reject forms
/// (signed in by cookie, CSRF-checked by `CSRFMiddleware`; decisions are recorded as user `dashboard` from `ui`).
extension DashboardController {
    static let approvalsActor = "dashboard"

    func addApprovalRoutes(to router: Router<AppRequestContext>, api: ApprovalsAPIController) {
        router.get("/dashboard/:domain/approvals") { request, context in
            let record = try await signedInShop(request, context: context)
            // The last decision's outcome, shown once after the redirect (escaped like every text).
            let done = request.uri.queryParameters["done"].map(String.init).flatMap { $0.isEmpty ? nil : String($0.prefix(500)) }
            return html(try await approvalsPage(record, api: api, message: done).render())
        }
        router.post("/dashboard/:domain/approvals/:id/:decision") { request, context in
            let record = try await signedInShop(request, context: context)
            return try await approvalsForm(record, request: request, context: context, api: api)
        }
    }

    /// Pending proposals (oldest first) and the latest decided ones.
    func approvalsPage(_ record: ShopRecord, api: ApprovalsAPIController, message: String? = nil) async throws -> ApprovalsDashboardPage {
        let store = api.store
        let pending = try await store.proposals(shopID: record.id, query: ProposalQuery(statuses: [.pending], limit: 200)).rows
        let decided: [ProposalStatus] = [.approved, .executing, .executed, .failed, .rejected, .expired]
        let recent = try await store.proposals(shopID: record.id, query: ProposalQuery(statuses: decided, limit: 50)).rows
        return ApprovalsDashboardPage(
            record: record, pending: pending.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) },
            recent: recent.sorted { ($0.decidedAt ?? $0.updatedAt, $0.id) > ($1.decidedAt ?? $1.updatedAt, $1.id) },
            counts: try await store.proposalCounts(shopID: record.id), message: message, now: Date())
    }

    /// `approve` (reason optional), `edit` (payload JSON + reason), `reject` (reason required). Success goes back to
    /// the inbox (303) with the outcome; a refusal shows the inbox again with the reason and the refusal's status.
    func approvalsForm(_ record: ShopRecord, request: Request, context: AppRequestContext, api: ApprovalsAPIController) async throws -> Response {
        let actor = ActionActor.user(Self.approvalsActor, source: "ui")
        var message: String
        do {
            let id = try ApprovalsAPIController.id(context)
            let form = try await Self.formFields(request)
            let decision = context.parameters.get("decision") ?? ""
            switch decision {
            case "approve":
                let reason = try ApprovalsAPIController.reason(form["reason"], required: false)
                let approved = try await ApprovalsAPIController.mapping { try await api.approvals.approve(shopID: record.id, id: id, by: actor, reason: reason) }
                message = Self.outcome(try await api.execute(approved))
            case "edit":
                let reason = try ApprovalsAPIController.reason(form["reason"], required: true)
                let payload: JSONValue
                do { payload = try JSONValue.parse(Data((form["payload"] ?? "").utf8)) } catch {
                    throw ApprovalsAPIController.fieldError("payload", "is not valid JSON")
                }
                let edited = try await ApprovalsAPIController.mapping {
                    try await api.approvals.edit(shopID: record.id, id: id, payload: payload, by: actor, reason: reason)
                }
                message = Self.outcome(try await api.execute(edited))
            case "reject":
                let reason = try ApprovalsAPIController.reason(form["reason"], required: true)!
                let rejected = try await ApprovalsAPIController.mapping { try await api.approvals.reject(shopID: record.id, id: id, by: actor, reason: reason) }
                message = "#\(rejected.id) rejected: \(reason)"
            default:
                throw APIError.notFound("no form \(decision)")
            }
        } catch let error as APIError {
            var response = html(try await approvalsPage(record, api: api, message: "Not changed: \(error.message)").render())
            response.status = error.status
            return response
        }
        var headers = HTTPFields()
        headers[.location] = "/dashboard/\(record.shop.domain)/approvals?done=" + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return Response(status: .seeOther, headers: headers)
    }

    static func outcome(_ proposal: ActionProposal) -> String {
        switch proposal.status {
        case .executed: "#\(proposal.id) approved and executed: \(proposal.outcome ?? "ok")"
        case .failed: "#\(proposal.id) approved, but execution failed: \(proposal.lastError ?? "unknown error")"
        default: "#\(proposal.id) \(proposal.status.rawValue)" + (proposal.lastError.map { " (last error: \($0); retried automatically)" } ?? "")
        }
    }
}
