import Foundation
import Hummingbird
import Pipeline
import Storage

/// The model lifecycle under `/api/v1/models` and `/api/v1/jobs`, scoped to the shop of the
/// bearer token: versions, aliases and their history, promotion and rollback, training on
/// demand, rollout, proposals, drift, live accuracy and alerts.
///
/// ```
/// GET    /api/v1/models
/// GET    /api/v1/models/forecast/versions?limit=20        /versions/3
/// GET    /api/v1/models/forecast/aliases
/// PUT    /api/v1/models/forecast/aliases/staging         {"version": 3, "reason": "try on staging"}
/// POST   /api/v1/models/forecast/promote                 {"version": 3, "reason": "better MASE"}
/// POST   /api/v1/models/forecast/rollback                {"reason": "stockouts since v3"}
/// POST   /api/v1/models/forecast/train                   {"parameters": {"horizon": "28"}}
/// PUT    /api/v1/models/forecast/rollout                 {"canary_percent": 10, "shadow": true, "sample_rate": 0.1}
/// GET    /api/v1/models/history?kind=forecast&alias=champion&limit=50
/// POST   /api/v1/models/proposals/7/approve              {"note": "checked the holdout"}
/// GET    /api/v1/models/forecast/drift?limit=10          /drift/12
/// GET    /api/v1/models/alerts?open=true                 POST /api/v1/models/alerts/4/resolve
/// GET    /api/v1/jobs?state=queued,running&limit=20
/// ```
/// Moves made here are recorded with actor `api` (the dashboard's forms pass `dashboard`).
struct ModelsAPIController {
    let shops: any ShopStore
    let registry: any ModelRegistry
    let monitoring: any ModelMonitoringStore
    let jobs: any JobQueue
    /// Promotion, rollback, training requests and proposals; its kinds are listed even before their first version.
    let lifecycle: ModelLifecycle

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("api/v1/models").add(middleware: BearerAuthMiddleware(shops: shops))
        api.get(use: list)
        api.get("history", use: history)
        api.get("proposals", use: proposals)
        api.post("proposals/:id/approve") { request, context in try await decide(request, context: context, approve: true) }
        api.post("proposals/:id/reject") { request, context in try await decide(request, context: context, approve: false) }
        api.get("alerts", use: alerts)
        api.post("alerts/:id/resolve", use: resolveAlert)
        api.get(":kind/versions", use: versions)
        api.get(":kind/versions/:version", use: version)
        api.get(":kind/aliases", use: aliases)
        api.put(":kind/aliases/:alias", use: setAlias)
        api.delete(":kind/aliases/:alias", use: removeAlias)
        api.post(":kind/promote", use: promote)
        api.post(":kind/rollback", use: rollback)
        api.post(":kind/train", use: train)
        api.get(":kind/rollout", use: rollout)
        api.put(":kind/rollout", use: setRollout)
        api.get(":kind/drift", use: driftReports)
        api.get(":kind/drift/:id", use: driftReport)
        api.get(":kind/accuracy", use: accuracy)
        router.group("api/v1/jobs").add(middleware: BearerAuthMiddleware(shops: shops)).get(use: jobList)
    }

    // MARK: - Reads

    /// Every kind of the shop and every configured kind, with aliases, newest version, rollout,
    /// open alerts and the pending proposal.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        return try JSONResponse.make(ModelsJSON.Items(items: try await summaries(shopID: record.id)))
    }

    func summaries(shopID: Int64) async throws -> [ModelsJSON.KindSummary] {
        let names = try await kindNames(shopID: shopID)
        let aliases = try await registry.modelAliases(shopID: shopID, kind: nil)
        let alerts = try await monitoring.modelAlerts(shopID: shopID, openOnly: true, limit: 1000)
        let pending = try await registry.promotionProposals(shopID: shopID, status: .pending, limit: 1000)
        var out: [ModelsJSON.KindSummary] = []
        for name in names {
            let info = self.info(name)
            let own = aliases.filter { $0.kind == name }
            let newest = try await registry.modelVersions(shopID: shopID, kind: name, limit: 1).first
            out.append(ModelsJSON.KindSummary(
                kind: name, title: info.title, primaryMetric: info.primaryMetric, higherIsBetter: info.higherIsBetter,
                aliases: own.map(ModelsJSON.AliasView.init),
                newestVersion: newest.map { v in ModelsJSON.VersionView(v, aliases: own.filter { $0.version == v.version }.map(\.name), full: false) },
                rollout: ModelsJSON.RolloutView(try await registry.rolloutSetting(shopID: shopID, kind: name)),
                openAlerts: alerts.filter { $0.kind == name }.count,
                pendingProposal: pending.first { $0.kind == name }.map(ModelsJSON.ProposalView.init)))
        }
        return out
    }

    /// Versions newest first (`limit` 1…200, default 20).
    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let limit = try QueryParameters(request).int("limit", default: 20, range: 1...200)
        let versions = try await registry.modelVersions(shopID: record.id, kind: kind, limit: limit)
        let aliases = try await registry.modelAliases(shopID: record.id, kind: kind)
        return try JSONResponse.make(ModelsJSON.Items(items: versions.map { v in
            ModelsJSON.VersionView(v, aliases: aliases.filter { $0.version == v.version }.map(\.name), full: false)
        }))
    }

    /// One version in full, with the aliases that point at it.
    @Sendable func version(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let number = try Self.versionNumber(context.parameters.get("version"))
        guard let version = try await registry.modelVersion(shopID: record.id, kind: kind, version: number) else {
            throw APIError.notFound("no \(kind) version \(number) in this shop")
        }
        let aliases = try await registry.modelAliases(shopID: record.id, kind: kind).filter { $0.version == number }.map(\.name)
        return try JSONResponse.make(ModelsJSON.VersionView(version, aliases: aliases, full: true))
    }

    @Sendable func aliases(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let aliases = try await registry.modelAliases(shopID: record.id, kind: kind)
        return try JSONResponse.make(ModelsJSON.Items(items: aliases.map(ModelsJSON.AliasView.init)))
    }

    /// The promotion history, newest first, by `kind` and `alias` when given (`limit` 1…500, default 50).
    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let kind = query.string("kind")
        if let kind, try await !kindNames(shopID: record.id).contains(kind) {
            throw APIError.badRequest("query parameter kind names no model kind of this shop: '\(kind)'", code: "invalid_parameter")
        }
        let limit = try query.int("limit", default: 50, range: 1...500)
        let moves = try await registry.aliasHistory(shopID: record.id, kind: kind, alias: query.string("alias"), limit: limit)
        return try JSONResponse.make(ModelsJSON.Items(items: moves.map(ModelsJSON.MoveView.init)))
    }

    @Sendable func rollout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        return try JSONResponse.make(ModelsJSON.RolloutView(try await registry.rolloutSetting(shopID: record.id, kind: kind)))
    }

    /// Proposals newest first, of one `status` when given.
    @Sendable func proposals(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        var status: PromotionProposal.Status?
        if let raw = query.string("status") {
            guard let parsed = PromotionProposal.Status(rawValue: raw) else {
                throw APIError.badRequest("query parameter status must be one of \(PromotionProposal.Status.allCases.map(\.rawValue).joined(separator: ", ")), got '\(raw)'",
                                          code: "invalid_parameter")
            }
            status = parsed
        }
        let limit = try query.int("limit", default: 50, range: 1...500)
        let proposals = try await registry.promotionProposals(shopID: record.id, status: status, limit: limit)
        return try JSONResponse.make(ModelsJSON.Items(items: proposals.map(ModelsJSON.ProposalView.init)))
    }

    /// Drift reports newest first, without their columns (`limit` 1…100, default 10).
    @Sendable func driftReports(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let limit = try QueryParameters(request).int("limit", default: 10, range: 1...100)
        let reports = try await monitoring.driftReports(shopID: record.id, kind: kind, limit: limit)
        return try JSONResponse.make(ModelsJSON.Items(items: reports.map { ModelsJSON.DriftView($0, columns: nil) }))
    }

    /// One drift report with its columns (test, statistic, threshold, PSI, bins).
    @Sendable func driftReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let id = try RecommendationAPIController.pathID(context.parameters.get("id"), name: "id", what: "drift report")
        guard let report = try await monitoring.driftReport(shopID: record.id, id: id), report.kind == kind else {
            throw APIError.notFound("no \(kind) drift report \(id) in this shop")
        }
        guard let columns = DriftColumn.decode(report) else {
            context.logger.error("drift report \(id) has unreadable columns")
            throw APIError(status: .internalServerError, code: "unreadable_report", message: "drift report \(id) could not be read")
        }
        return try JSONResponse.make(ModelsJSON.DriftView(report, columns: columns))
    }

    /// Live accuracy of every version, oldest first (`version` to narrow, `limit` 1…1000, default 200).
    @Sendable func accuracy(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let query = QueryParameters(request)
        let version = try query.int("version", default: 0, range: 0...Int(Int32.max))
        let limit = try query.int("limit", default: 200, range: 1...1000)
        let records = try await monitoring.liveAccuracy(shopID: record.id, kind: kind, version: version == 0 ? nil : version, limit: limit)
        return try JSONResponse.make(ModelsJSON.Items(items: records.map(ModelsJSON.AccuracyView.init)))
    }

    /// Alerts, open first; `open=true` leaves resolved ones out.
    @Sendable func alerts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let openOnly = try RecommendationAPIController.bool(query, "open") ?? false
        let limit = try query.int("limit", default: 100, range: 1...1000)
        let alerts = try await monitoring.modelAlerts(shopID: record.id, openOnly: openOnly, limit: limit)
        return try JSONResponse.make(ModelsJSON.Items(items: alerts.map(ModelsJSON.AlertView.init)))
    }

    /// Jobs of the shop newest first, of the comma-separated `state`s when given.
    @Sendable func jobList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        var states: [JobState]?
        if let raw = query.string("state") {
            states = try raw.split(separator: ",").map { part in
                guard let state = JobState(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                    throw APIError.badRequest("query parameter state must be \(JobState.allCases.map(\.rawValue).joined(separator: ", ")) (comma-separated), got '\(part)'",
                                              code: "invalid_parameter")
                }
                return state
            }
        }
        let limit = try query.int("limit", default: 50, range: 1...500)
        let jobs = try await jobs.jobs(shopID: record.id, states: states, limit: limit)
        return try JSONResponse.make(ModelsJSON.Items(items: jobs.map(ModelsJSON.JobView.init)))
    }

    // MARK: - Kinds

    /// Configured kinds in their order, then any other kind the shop has versions of.
    func kindNames(shopID: Int64) async throws -> [String] {
        var names = lifecycle.kinds.names
        for name in try await registry.modelKinds(shopID: shopID) where !names.contains(name) { names.append(name) }
        return names
    }

    func info(_ name: String) -> ModelKindInfo {
        guard let kind = lifecycle.kinds[name] else { return ModelKindInfo(name: name, title: name, primaryMetric: "", higherIsBetter: false) }
        return ModelKindInfo(name: kind.name, title: kind.title, primaryMetric: kind.primaryMetric, higherIsBetter: kind.higherIsBetter)
    }

    /// The path's kind; 404 naming it when neither configured nor registered for the shop.
    func kind(_ context: AppRequestContext, shopID: Int64) async throws -> String {
        let raw = context.parameters.get("kind") ?? ""
        let name = raw.removingPercentEncoding ?? raw
        guard try await kindNames(shopID: shopID).contains(name) else {
            throw APIError.notFound("no model kind '\(name)'; known: \(try await kindNames(shopID: shopID).joined(separator: ", "))")
        }
        return name
    }

    /// A version number from the path: a positive integer.
    static func versionNumber(_ raw: String?) throws -> Int {
        guard let raw, let number = Int(raw), number > 0 else {
            throw APIError.badRequest("path parameter version must be a positive integer, got '\(raw ?? "")'", code: "invalid_parameter")
        }
        return number
    }
}

/// A model kind as the API and dashboard show it; a kind the shop has versions of but this
/// deployment no longer configures shows under its registry name.
struct ModelKindInfo: Sendable, Hashable {
    var name: String
    var title: String
    var primaryMetric: String
    var higherIsBetter: Bool
}
