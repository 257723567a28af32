import Foundation
import Hummingbird
import Pipeline
import Storage

/// The models API's writes: aliases, promotion, rollback, training, rollout, proposals and
/// alerts. Each step is checked here first (so a client gets a 4xx naming the field, not a
/// storage error) and then done in one call to the lifecycle or the store. The dashboard's forms
/// call the same functions with actor `dashboard`.
extension ModelsAPIController {
    static let actor = "api"
    /// A reason longer than this is refused (it is shown in tables).
    static let maxReason = 500

    // MARK: - Routes

    /// Points a non-champion alias at a version: `{"version": 3, "reason": "…"}`.
    @Sendable func setAlias(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let alias = try Self.aliasName(context.parameters.get("alias"))
        let body = try Self.body(VersionBody.self, request: try await JSONRequestBody.data(request), allowed: ["version", "reason"])
        guard let number = body.version else { throw Self.fieldError("version", "is required") }
        let moves = try await setAlias(shopID: record.id, kind: kind, alias: alias, version: number, reason: body.reason, actor: Self.actor)
        return try await movesResponse(shopID: record.id, kind: kind, moves)
    }

    /// Removes a non-champion alias: 204, or 404 when it was not set.
    @Sendable func removeAlias(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let alias = try Self.aliasName(context.parameters.get("alias"))
        let reason = QueryParameters(request).string("reason")
        try await removeAlias(shopID: record.id, kind: kind, alias: alias, reason: reason, actor: Self.actor)
        return Response(status: .noContent)
    }

    /// `{"version": 3, "reason": "…"}` → the alias moves made (champion, previous, challenger).
    @Sendable func promote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let body = try Self.body(VersionBody.self, request: try await JSONRequestBody.data(request), allowed: ["version", "reason"])
        guard let number = body.version else { throw Self.fieldError("version", "is required") }
        let moves = try await promote(shopID: record.id, kind: kind, version: number, reason: body.reason, actor: Self.actor)
        return try await movesResponse(shopID: record.id, kind: kind, moves)
    }

    /// `{"reason": "…"}` → champion back to the previous one; 409 when there is none.
    @Sendable func rollback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let body = try Self.body(ReasonBody.self, request: try await JSONRequestBody.data(request), allowed: ["reason"])
        let moves = try await rollback(shopID: record.id, kind: kind, reason: body.reason, actor: Self.actor)
        return try await movesResponse(shopID: record.id, kind: kind, moves)
    }

    /// `{"parameters": {…}}` (optional) → 202 with the queued job (the waiting one when already queued).
    @Sendable func train(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let parameters = try Self.trainingParameters(try await JSONRequestBody.data(request))
        let job = try await train(shopID: record.id, kind: kind, parameters: parameters, actor: Self.actor)
        var response = try JSONResponse.make(ModelsJSON.JobView(job))
        response.status = .accepted
        return response
    }

    /// `{"canary_percent": 10, "shadow": true, "sample_rate": 0.1}`; a field left out keeps its value.
    @Sendable func setRollout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let kind = try await kind(context, shopID: record.id)
        let body = try Self.body(RolloutBody.self, request: try await JSONRequestBody.data(request),
                                 allowed: ["canary_percent", "shadow", "sample_rate"])
        let setting = try await saveRollout(shopID: record.id, kind: kind, canaryPercent: body.canaryPercent, shadow: body.shadow,
                                            sampleRate: body.sampleRate)
        return try JSONResponse.make(ModelsJSON.RolloutView(setting))
    }

    /// Approves (promotes) or rejects a pending proposal: `{"note": "…"}` (optional).
    func decide(_ request: Request, context: AppRequestContext, approve: Bool) async throws -> Response {
        let record = try context.requireShop()
        let id = try RecommendationAPIController.pathID(context.parameters.get("id"), name: "id", what: "proposal")
        let body = try Self.body(NoteBody.self, request: try await JSONRequestBody.data(request), allowed: ["note"])
        let (proposal, moves) = try await decide(shopID: record.id, id: id, approve: approve, note: body.note, actor: Self.actor)
        return try await movesResponse(shopID: record.id, kind: proposal.kind, moves)
    }

    @Sendable func resolveAlert(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let id = try RecommendationAPIController.pathID(context.parameters.get("id"), name: "id", what: "alert")
        try await resolveAlert(shopID: record.id, id: id, actor: Self.actor)
        return Response(status: .noContent)
    }

    func movesResponse(shopID: Int64, kind: String, _ moves: [AliasMove]) async throws -> Response {
        let aliases = try await registry.modelAliases(shopID: shopID, kind: kind)
        return try JSONResponse.make(ModelsJSON.Moves(kind: kind, moves: moves.map(ModelsJSON.MoveView.init),
                                                      aliases: aliases.map(ModelsJSON.AliasView.init)))
    }

    // MARK: - Steps (shared with the dashboard)

    func setAlias(shopID: Int64, kind: String, alias: String, version: Int, reason: String?, actor: String) async throws -> [AliasMove] {
        try await requireReady(shopID: shopID, kind: kind, version: version)
        do {
            return try await lifecycle.moveAliases(shopID: shopID, kind: kind, [AliasChange(alias: alias, version: version)], actor: actor,
                                                  action: "set", reason: try Self.reason(reason), at: Date())
        } catch StorageError.unknownModelVersion {
            throw Self.fieldError("version", "names no ready \(kind) version: \(version)")
        }
    }

    func removeAlias(shopID: Int64, kind: String, alias: String, reason: String?, actor: String) async throws {
        guard try await registry.modelAliases(shopID: shopID, kind: kind).contains(where: { $0.name == alias }) else {
            throw APIError.notFound("no alias \(alias) on \(kind)")
        }
        try await lifecycle.moveAliases(shopID: shopID, kind: kind, [AliasChange(alias: alias, version: nil)], actor: actor,
                                       action: "remove", reason: try Self.reason(reason), at: Date())
    }

    func promote(shopID: Int64, kind: String, version: Int, reason: String?, actor: String) async throws -> [AliasMove] {
        try await requireReady(shopID: shopID, kind: kind, version: version)
        let why = try Self.reason(reason)
        return try await Self.mapping { try await lifecycle.promote(shopID: shopID, kind: kind, version: version, actor: actor, reason: why, at: Date()) }
    }

    func rollback(shopID: Int64, kind: String, reason: String?, actor: String) async throws -> [AliasMove] {
        let why = try Self.reason(reason)
        guard try await registry.modelAliases(shopID: shopID, kind: kind).contains(where: { $0.name == ModelAlias.previous }) else {
            throw Self.noPrevious(kind)
        }
        return try await Self.mapping { try await lifecycle.rollback(shopID: shopID, kind: kind, actor: actor, reason: why, at: Date()) }
    }

    func train(shopID: Int64, kind: String, parameters: [String: String]?, actor: String) async throws -> JobRecord {
        guard lifecycle.kinds[kind] != nil else {
            throw APIError(status: .conflict, code: "not_trainable", message: "model kind \(kind) is not configured for training here")
        }
        return try await Self.mapping {
            try await lifecycle.requestTraining(shopID: shopID, kind: kind, trigger: "on-demand", requestedBy: actor, parameters: parameters, at: Date())
        }
    }

    /// Validates and stores a rollout; a nil field keeps the stored value.
    func saveRollout(shopID: Int64, kind: String, canaryPercent: Double?, shadow: Bool?, sampleRate: Double?) async throws -> RolloutSetting {
        var setting = try await registry.rolloutSetting(shopID: shopID, kind: kind)
        if let canaryPercent {
            guard canaryPercent.isFinite, (0...100).contains(canaryPercent) else {
                throw Self.fieldError("canary_percent", "must be a percentage in 0...100, got \(canaryPercent)")
            }
            setting.canaryPercent = canaryPercent
        }
        if let sampleRate {
            guard sampleRate.isFinite, (0...1).contains(sampleRate) else {
                throw Self.fieldError("sample_rate", "must be a share in 0...1, got \(sampleRate)")
            }
            setting.sampleRate = sampleRate
        }
        if let shadow { setting.shadow = shadow }
        setting.shopID = shopID
        setting.kind = kind
        setting.updatedAt = Date()
        try await registry.setRolloutSetting(setting)
        return setting
    }

    func decide(shopID: Int64, id: Int64, approve: Bool, note: String?, actor: String) async throws -> (PromotionProposal, [AliasMove]) {
        guard let proposal = try await registry.promotionProposal(shopID: shopID, id: id) else {
            throw APIError.notFound("no promotion proposal \(id) in this shop")
        }
        guard proposal.status == .pending else {
            throw APIError(status: .conflict, code: "not_pending", message: "promotion proposal \(id) is \(proposal.status.rawValue), not pending")
        }
        let text = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (text?.count ?? 0) <= Self.maxReason else { throw Self.fieldError("note", "must be at most \(Self.maxReason) characters") }
        let moves = try await Self.mapping {
            try await lifecycle.decideProposal(shopID: shopID, id: id, approve: approve, by: actor, note: text?.isEmpty == false ? text : nil, at: Date())
        }
        return (proposal, moves)
    }

    func resolveAlert(shopID: Int64, id: Int64, actor: String) async throws {
        guard try await monitoring.resolveAlert(shopID: shopID, id: id, by: actor, at: Date()) else {
            throw APIError.notFound("no open alert \(id) in this shop")
        }
    }

    /// 400 naming `version` unless it is a ready version of the kind.
    func requireReady(shopID: Int64, kind: String, version: Int) async throws {
        guard version > 0 else { throw Self.fieldError("version", "must be a positive integer, got \(version)") }
        guard let found = try await registry.modelVersion(shopID: shopID, kind: kind, version: version) else {
            throw Self.fieldError("version", "names no \(kind) version of this shop: \(version)")
        }
        guard found.status == .ready else {
            throw Self.fieldError("version", "names \(found.label), which is \(found.status.rawValue), not ready")
        }
    }

    // MARK: - Bodies and errors

    struct VersionBody: Decodable { var version: Int?; var reason: String? }
    struct ReasonBody: Decodable { var reason: String? }
    struct NoteBody: Decodable { var note: String? }
    struct RolloutBody: Decodable {
        var canaryPercent: Double?
        var shadow: Bool?
        var sampleRate: Double?
        enum CodingKeys: String, CodingKey { case canaryPercent = "canary_percent", shadow, sampleRate = "sample_rate" }
    }

    /// Decodes a JSON object body with only `allowed` keys (an empty body is `{}`).
    static func body<T: Decodable>(_ type: T.Type, request data: Data, allowed: Set<String>) throws -> T {
        let data = data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) ? Data("{}".utf8) : data
        for key in try JSONRequestBody.keys(data).sorted() where !allowed.contains(key) {
            throw fieldError(key, "is not accepted here; known: \(allowed.sorted().joined(separator: ", "))")
        }
        return try JSONRequestBody.decode(T.self, from: data)
    }

    /// `{"parameters": {"horizon": 28, "method": "ets"}}`: values may be strings, numbers or
    /// booleans (the registry keeps them as text); nil when none are given.
    static func trainingParameters(_ data: Data) throws -> [String: String]? {
        let data = data.isEmpty ? Data("{}".utf8) : data
        for key in try JSONRequestBody.keys(data) where key != "parameters" {
            throw fieldError(key, "is not accepted here; known: parameters")
        }
        struct Body: Decodable { var parameters: [String: ParameterValue]? }
        return try JSONRequestBody.decode(Body.self, from: data).parameters?.mapValues(\.text)
    }

    /// One training parameter as text, from a JSON string, integer, number or boolean.
    struct ParameterValue: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let string = try? value.decode(String.self) { text = string }
            else if let flag = try? value.decode(Bool.self) { text = flag ? "true" : "false" }
            else if let integer = try? value.decode(Int64.self) { text = String(integer) }
            else if let number = try? value.decode(Double.self) { text = String(number) }
            else {
                throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath,
                                                                    debugDescription: "must be a string, number or boolean"))
            }
        }
    }

    static func reason(_ raw: String?) throws -> String {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= maxReason else { throw fieldError("reason", "must be at most \(maxReason) characters") }
        return text.isEmpty ? "no reason given" : text
    }

    /// An alias name from the path: 1…64 of a-z, 0-9, `-`, `_`; champion is refused (it moves
    /// only by promotion and rollback, so its history always says which).
    static func aliasName(_ raw: String?) throws -> String {
        let name = (raw ?? "").removingPercentEncoding ?? (raw ?? "")
        guard (1...64).contains(name.count), name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) else {
            throw APIError.badRequest("path parameter alias must be 1…64 characters of a-z, 0-9, - and _, got '\(name)'", code: "invalid_parameter")
        }
        guard name != ModelAlias.champion else {
            throw APIError.badRequest("path parameter alias: champion moves only by POST …/promote and …/rollback", code: "invalid_parameter")
        }
        return name
    }

    static func fieldError(_ field: String, _ reason: String) -> APIError {
        APIError.badRequest("field \(field) \(reason)", code: "invalid_field")
    }

    static func noPrevious(_ kind: String) -> APIError {
        APIError(status: .conflict, code: "no_previous", message: "\(kind) has no previous champion to roll back to")
    }

    /// Runs a lifecycle step, answering its refusals as 4xx (logged 5xx for anything else).
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as APIError {
            throw error
        } catch StorageError.unknownModelVersion(_, let kind, let version) {
            throw fieldError("version", "names no ready \(kind) version: \(version)")
        } catch let error as LifecycleError {
            switch error {
            case .unknownKind: throw APIError.notFound(error.description)
            case .unknownVersion(let kind, let version): throw fieldError("version", "names no ready \(kind) version: \(version)")
            case .noPrevious(let kind): throw noPrevious(kind)
            case .noChampion: throw APIError(status: .conflict, code: "no_champion", message: error.description)
            case .unknownProposal: throw APIError.notFound(error.description)
            case .proposalNotPending: throw APIError(status: .conflict, code: "not_pending", message: error.description)
            case .invalidPayload, .invalidOption: throw APIError.badRequest(error.description)
            }
        }
    }
}
