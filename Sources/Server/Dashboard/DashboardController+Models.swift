import Foundation
import Hummingbird
import Storage

/// The models pages of the dashboard, `/dashboard/<domain>/models` and a kind's page, and the
/// forms that promote, roll back, train, set the rollout, decide proposals and resolve alerts
/// (signed in by cookie; the history records actor `dashboard`).
extension DashboardController {
    static let modelsActor = "dashboard"

    func addModelRoutes(to router: Router<AppRequestContext>, models: ModelsAPIController) {
        router.get("/dashboard/:domain/models") { request, context in
            let record = try await signedInShop(request, context: context)
            return html(try await modelsPage(record, models: models).render())
        }
        router.get("/dashboard/:domain/models/:kind") { request, context in
            try await modelKindPage(request, context: context, models: models)
        }
        router.post("/dashboard/:domain/models/:kind/:action") { request, context in
            let record = try await signedInShop(request, context: context)
            return try await modelsForm(record, request: request, models: models) { form in
                let kind = try await models.kind(context, shopID: record.id)
                try await kindAction(context.parameters.get("action") ?? "", kind: kind, form: form, shopID: record.id, models: models)
            }
        }
        router.post("/dashboard/:domain/models/proposals/:id/:decision") { request, context in
            let record = try await signedInShop(request, context: context)
            return try await modelsForm(record, request: request, models: models) { form in
                let id = try RecommendationAPIController.pathID(context.parameters.get("id"), name: "id", what: "proposal")
                let decision = context.parameters.get("decision") ?? ""
                guard decision == "approve" || decision == "reject" else { throw APIError.notFound("no form \(decision)") }
                _ = try await models.decide(shopID: record.id, id: id, approve: decision == "approve", note: form["note"], actor: Self.modelsActor)
            }
        }
        router.post("/dashboard/:domain/models/alerts/:id/resolve") { request, context in
            let record = try await signedInShop(request, context: context)
            return try await modelsForm(record, request: request, models: models) { _ in
                let id = try RecommendationAPIController.pathID(context.parameters.get("id"), name: "id", what: "alert")
                try await models.resolveAlert(shopID: record.id, id: id, actor: Self.modelsActor)
            }
        }
    }

    /// Everything the models page shows, read through the store's protocols.
    func modelsPage(_ record: ShopRecord, models: ModelsAPIController, message: String? = nil) async throws -> ModelsDashboardPage {
        let registry = models.registry
        let pending = try await registry.promotionProposals(shopID: record.id, status: .pending, limit: 100)
        var panels: [ModelsDashboardPage.KindPanel] = []
        for name in try await models.kindNames(shopID: record.id) {
            panels.append(.init(
                info: models.info(name), aliases: try await registry.modelAliases(shopID: record.id, kind: name),
                versions: try await registry.modelVersions(shopID: record.id, kind: name, limit: 20),
                pending: pending.filter { $0.kind == name }, rollout: try await registry.rolloutSetting(shopID: record.id, kind: name)))
        }
        return ModelsDashboardPage(
            record: record, panels: panels, alerts: try await models.monitoring.modelAlerts(shopID: record.id, openOnly: true, limit: 50),
            history: try await registry.aliasHistory(shopID: record.id, kind: nil, alias: nil, limit: 50),
            jobs: try await models.jobs.jobs(shopID: record.id, states: nil, limit: 20), message: message)
    }

    func modelKindPage(_ request: Request, context: AppRequestContext, models: ModelsAPIController) async throws -> Response {
        let record = try await signedInShop(request, context: context)
        let kind = try await models.kind(context, shopID: record.id)
        let page = ModelKindDashboardPage(
            record: record, info: models.info(kind), aliases: try await models.registry.modelAliases(shopID: record.id, kind: kind),
            versions: try await models.registry.modelVersions(shopID: record.id, kind: kind, limit: 100),
            accuracy: try await models.monitoring.liveAccuracy(shopID: record.id, kind: kind, version: nil, limit: 1000),
            reports: try await models.monitoring.driftReports(shopID: record.id, kind: kind, limit: 30))
        return html(page.render())
    }

    /// `promote` (version, reason), `rollback` (reason), `train`, `rollout` (canary_percent, shadow, sample_rate).
    func kindAction(_ action: String, kind: String, form: [String: String], shopID: Int64, models: ModelsAPIController) async throws {
        func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespaces) }
        func number(_ name: String) throws -> Double? {
            guard !field(name).isEmpty else { return nil }
            guard let value = Double(field(name)) else {
                throw APIError.badRequest("form field \(name) must be a number, got '\(field(name))'", code: "invalid_field")
            }
            return value
        }
        switch action {
        case "promote":
            guard let version = Int(field("version")) else {
                throw APIError.badRequest("form field version must be a version number, got '\(field("version"))'", code: "invalid_field")
            }
            _ = try await models.promote(shopID: shopID, kind: kind, version: version, reason: form["reason"], actor: Self.modelsActor)
        case "rollback":
            _ = try await models.rollback(shopID: shopID, kind: kind, reason: form["reason"], actor: Self.modelsActor)
        case "train":
            _ = try await models.train(shopID: shopID, kind: kind, parameters: nil, actor: Self.modelsActor)
        case "rollout":
            // An unticked checkbox is not sent: absent means off here.
            _ = try await models.saveRollout(shopID: shopID, kind: kind, canaryPercent: try number("canary_percent"),
                                             shadow: field("shadow") == "on", sampleRate: try number("sample_rate"))
        default:
            throw APIError.notFound("no form \(action) for \(kind)")
        }
    }

    /// Runs a form's step; success goes back to the models page (303), a refusal shows the page
    /// again with the reason and the refusal's status.
    func modelsForm(_ record: ShopRecord, request: Request, models: ModelsAPIController,
                    _ step: ([String: String]) async throws -> Void) async throws -> Response {
        do {
            try await step(try await Self.formFields(request))
        } catch let error as APIError {
            var response = html(try await modelsPage(record, models: models, message: "Not changed: \(error.message)").render())
            response.status = error.status
            return response
        }
        var headers = HTTPFields()
        headers[.location] = "/dashboard/\(record.shop.domain)/models"
        return Response(status: .seeOther, headers: headers)
    }
}
