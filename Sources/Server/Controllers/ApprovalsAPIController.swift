import Foundation
import Hummingbird
import Logging
import Pipeline
import ShopifyAdmin
import Storage

/// The approval queue and the audit trail under `/api/v1`, scoped to the shop of the bearer token.
///
/// ```
/// GET  /api/v1/approvals?status=pending,approved&type=customer-tags&limit=50&offset=0   (items, total, counts)
/// GET  /api/v1/approvals/12                       (payload, reason, model version, verdict, decision, execution, audit rows)
/// POST /api/v1/approvals                          {"type": "customer-tags", "target": {"type": "customer", "id": "gid://shopify/Customer/1"},
///                                                  "payload": {…}, "reason": "…"}   → 201, policy applied
/// POST /api/v1/approvals/12/approve               {"reason": "…", "actor": "ana@shop"}   → executed at once when due
/// POST /api/v1/approvals/12/edit                  {"payload": {…}, "reason": "…"}        → approved with the new payload, executed
/// POST /api/v1/approvals/12/reject                {"reason": "not this customer"}        (reason required)
/// GET  /api/v1/audit?after=0&limit=100&proposal=12
/// GET  /api/v1/audit/verify
/// ```
/// Errors: 400 naming the field, 404 for an id not of this shop, 409 when the proposal is no
/// longer pending. Decisions are recorded as the user `actor` (default "api") with source "api".
struct ApprovalsAPIController {
    static let defaultActor = "api"
    static let maxReason = 2000
    static let maxActor = 200

    let shops: any ShopStore
    let approvals: ApprovalService
    let executor: ActionExecutor
    let audit: any AuditLog
    var logger = Logger(label: "storewise.approvals")

    var store: any ApprovalStore { approvals.store }

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("api/v1/approvals").add(middleware: BearerAuthMiddleware(shops: shops))
        api.get(use: list)
        api.post(use: create)
        api.get(":id", use: show)
        api.post(":id/approve", use: approve)
        api.post(":id/edit", use: edit)
        api.post(":id/reject", use: reject)
        let trail = router.group("api/v1/audit").add(middleware: BearerAuthMiddleware(shops: shops))
        trail.get(use: auditList)
        trail.get("verify", use: verify)
    }

    // MARK: - Reads

    /// Proposals newest first, of the comma-separated `status`es and the `type` when given.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        var statuses: [ProposalStatus]?
        if let raw = query.string("status") {
            statuses = try raw.split(separator: ",").map { part in
                let name = part.trimmingCharacters(in: .whitespaces)
                guard let status = ProposalStatus(rawValue: name) else {
                    throw APIError.badRequest("query parameter status must be \(ProposalStatus.allCases.map(\.rawValue).joined(separator: ", ")) (comma-separated), got '\(name)'",
                                              code: "invalid_parameter")
                }
                return status
            }
        }
        let type = query.string("type")
        if let type, ActionType(rawValue: type) == nil {
            throw APIError.badRequest("query parameter type must be one of \(ActionType.allCases.map(\.rawValue).joined(separator: ", ")), got '\(type)'",
                                      code: "invalid_parameter")
        }
        let limit = try query.int("limit", default: 50, range: 1...500)
        let offset = try query.int("offset", default: 0, range: 0...1_000_000)
        let (rows, total) = try await store.proposals(shopID: record.id, query: ProposalQuery(statuses: statuses, actionType: type, limit: limit, offset: offset))
        let counts = try await store.proposalCounts(shopID: record.id)
        var byName: [String: Int] = [:]
        for status in ProposalStatus.allCases { byName[status.rawValue] = counts[status] ?? 0 }
        return try ApprovalsJSON.response(ApprovalsJSON.List(items: rows.map { ApprovalsJSON.ProposalView($0) }, total: total, counts: byName,
                                                             limit: limit, offset: offset))
    }

    /// One proposal with its audit rows.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let id = try Self.id(context)
        return try ApprovalsJSON.response(try await view(shopID: record.id, id: id))
    }

    func view(shopID: Int64, id: Int64) async throws -> ApprovalsJSON.ProposalView {
        guard let proposal = try await store.proposal(id: id, shopID: shopID) else { throw APIError.notFound("no proposal \(id) in this shop") }
        let rows = try await audit.auditEntries(shopID: shopID, after: 0, limit: 1000, proposalID: id)
        return ApprovalsJSON.ProposalView(proposal, audit: rows)
    }

    // MARK: - Writes

    /// Creates a proposal from JSON; the policy decides as for any proposer. 201, or 200 with the
    /// open proposal when `dedupe_key` matched one.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let body = try JSONRequestBody.decode(ApprovalsJSON.CreateBody.self, from: try await JSONRequestBody.data(request))
        guard let type = ActionType(rawValue: body.type) else {
            throw Self.fieldError("type", "must be one of \(ActionType.allCases.map(\.rawValue).joined(separator: ", ")), got '\(body.type)'")
        }
        guard !body.target.type.trimmingCharacters(in: .whitespaces).isEmpty else { throw Self.fieldError("target.type", "must not be empty") }
        guard !body.target.id.trimmingCharacters(in: .whitespaces).isEmpty else { throw Self.fieldError("target.id", "must not be empty") }
        let reason = try Self.reason(body.reason, required: true)!
        if let confidence = body.confidence, !(0...1).contains(confidence) { throw Self.fieldError("confidence", "must be from 0 to 1") }
        if let ttl = body.expiresInSeconds, !(ttl > 0) { throw Self.fieldError("expires_in_seconds", "must be above 0") }
        let actor = try Self.actor(body.actor)
        let action = ProposedAction(type: type, targetType: body.target.type, targetID: body.target.id, payload: body.payload,
                                    confidence: body.confidence, reason: reason, proposer: "\(Self.defaultActor):\(actor)",
                                    dedupeKey: body.dedupeKey, timeToLive: body.expiresInSeconds)
        let (proposal, created) = try await Self.mapping { try await approvals.propose(action, shopID: record.id) }
        var proposalNow = proposal
        if created, proposal.status == .approved {
            // Auto-approved by the policy: run it now, so the caller sees the outcome as after an approve.
            proposalNow = try await execute(proposal)
        }
        let rows = try await audit.auditEntries(shopID: record.id, after: 0, limit: 1000, proposalID: proposal.id)
        return try ApprovalsJSON.response(ApprovalsJSON.ProposalView(proposalNow, audit: rows), status: created ? .created : .ok)
    }

    /// Approves a pending proposal and executes it at once.
    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let id = try Self.id(context)
        let body = try await Self.optionalBody(ApprovalsJSON.DecisionBody.self, request) ?? ApprovalsJSON.DecisionBody()
        let actor = ActionActor.user(try Self.actor(body.actor), source: "api")
        let reason = try Self.reason(body.reason, required: false)
        let approved = try await Self.mapping { try await approvals.approve(shopID: record.id, id: id, by: actor, reason: reason) }
        _ = try await execute(approved)
        return try ApprovalsJSON.response(try await view(shopID: record.id, id: id))
    }

    /// Approves a pending proposal with a new payload (validated like a new one) and executes it.
    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let id = try Self.id(context)
        let body = try JSONRequestBody.decode(ApprovalsJSON.EditBody.self, from: try await JSONRequestBody.data(request))
        let actor = ActionActor.user(try Self.actor(body.actor), source: "api")
        let reason = try Self.reason(body.reason, required: false)
        let edited = try await Self.mapping { try await approvals.edit(shopID: record.id, id: id, payload: body.payload, by: actor, reason: reason) }
        _ = try await execute(edited)
        return try ApprovalsJSON.response(try await view(shopID: record.id, id: id))
    }

    /// Rejects a pending proposal; `reason` is required.
    @Sendable func reject(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let id = try Self.id(context)
        let body = try await Self.optionalBody(ApprovalsJSON.DecisionBody.self, request) ?? ApprovalsJSON.DecisionBody()
        let actor = ActionActor.user(try Self.actor(body.actor), source: "api")
        let reason = try Self.reason(body.reason, required: true)!
        _ = try await Self.mapping { try await approvals.reject(shopID: record.id, id: id, by: actor, reason: reason) }
        return try ApprovalsJSON.response(try await view(shopID: record.id, id: id))
    }

    /// Runs an approved proposal now. A failure here is not the caller's: the proposal stays
    /// approved (or is retried by the execution service), and the view shows its state.
    func execute(_ proposal: ActionProposal) async throws -> ActionProposal {
        guard proposal.status == .approved else { return proposal }
        do {
            if let executed = try await executor.execute(proposalID: proposal.id) { return executed }
        } catch {
            logger.error("execution after approval failed; the execution service retries it", metadata: [
                "proposal": "\(proposal.id)", "error": "\(String(reflecting: error))",
            ])
        }
        return try await store.proposal(id: proposal.id, shopID: proposal.draft.shopID) ?? proposal
    }

    // MARK: - Audit

    /// Audit rows in sequence order after `after` (default 0), of one `proposal` when given.
    @Sendable func auditList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let after = try query.int64("after") ?? 0
        guard after >= 0 else { throw APIError.badRequest("query parameter after must be 0 or more, got '\(after)'", code: "invalid_parameter") }
        let limit = try query.int("limit", default: 100, range: 1...1000)
        let proposal = try query.int64("proposal")
        let rows = try await audit.auditEntries(shopID: record.id, after: after, limit: limit, proposalID: proposal)
        return try ApprovalsJSON.response(ApprovalsJSON.AuditList(items: rows.map(ApprovalsJSON.AuditView.init), next: rows.last?.sequence ?? after))
    }

    /// Recomputes the shop's chain: `intact` and any problems (edited, missing, truncated rows).
    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        return try ApprovalsJSON.response(ApprovalsJSON.VerifyView(try await audit.verifyAudit(shopID: record.id)))
    }

    // MARK: - Helpers

    /// The path's proposal id: a positive integer.
    static func id(_ context: AppRequestContext) throws -> Int64 {
        let raw = context.parameters.get("id") ?? ""
        guard let id = Int64(raw), id > 0 else {
            throw APIError.badRequest("path parameter id must be a positive integer, got '\(raw)'", code: "invalid_parameter")
        }
        return id
    }

    /// A body that may be empty (approve and reject take `{}` or nothing).
    static func optionalBody<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? {
        let data = try await JSONRequestBody.data(request)
        guard !data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return nil }
        return try JSONRequestBody.decode(T.self, from: data)
    }

    static func reason(_ raw: String?, required: Bool) throws -> String? {
        let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if text.isEmpty {
            if required { throw fieldError("reason", "is required") }
            return nil
        }
        guard text.count <= maxReason else { throw fieldError("reason", "must be at most \(maxReason) characters") }
        return text
    }

    static func actor(_ raw: String?) throws -> String {
        let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !text.isEmpty else { return defaultActor }
        guard text.count <= maxActor, !text.contains(where: \.isNewline) else { throw fieldError("actor", "must be one line of at most \(maxActor) characters") }
        return text
    }

    static func fieldError(_ field: String, _ problem: String) -> APIError {
        APIError.badRequest("field \(field) \(problem)", code: "invalid_field")
    }

    /// Runs a service call and answers its refusals: 400 naming the field, 404, 409.
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ActionError {
            switch error {
            case .invalidPayload(let field, let reason): throw fieldError(field, reason)
            case .reasonRequired: throw fieldError("reason", "is required")
            case .unknownActionType(let type): throw fieldError("type", "names no action type: '\(type)'")
            default: throw error
            }
        } catch let error as StorageError {
            switch error {
            case .unknownProposal(let id): throw APIError.notFound("no proposal \(id) in this shop")
            case .proposalNotPending(let id, let status):
                throw APIError(status: .conflict, code: "not_pending", message: "proposal \(id) is \(status), not pending")
            default: throw error
            }
        }
    }
}
