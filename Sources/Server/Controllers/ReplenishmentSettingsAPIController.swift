import Foundation
import Hummingbird
import Storage

/// Scoped replenishment settings under `/api/v1/replenishment/settings`.
///
/// ```
/// GET    /api/v1/replenishment/settings
/// PUT    /api/v1/replenishment/settings/shop/_               {"service_level": 0.97}
/// PUT    /api/v1/replenishment/settings/vendor/Bean%20Co     {"lead_time_days": 21, "case_pack": 12}
/// DELETE /api/v1/replenishment/settings/variant_location/11:77
/// ```
/// The body is the overrides object with snake_case keys (camelCase is accepted too); a field
/// left out or null inherits from the wider scope. An unknown field, a wrong type or a value
/// out of range is a 400 naming the field, and nothing is stored.
struct ReplenishmentSettingsAPIController {
    let shops: any ShopStore
    let replenishment: any ReplenishmentStore

    /// The shop scope has no key; the URL needs a segment, so `_` stands for it.
    static let shopKey = "_"

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("api/v1/replenishment/settings").add(middleware: BearerAuthMiddleware(shops: shops))
        api.get(use: list)
        api.put(":scope/:key", use: save)
        api.delete(":scope/:key", use: remove)
    }

    /// Every stored setting, with the built-in defaults they inherit from.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let settings = try await replenishment.replenishmentSettings(shopID: record.id)
        return try JSONResponse.make(SettingList(defaults: .defaults, items: settings.map(SettingView.init)))
    }

    /// Validates and stores the body as the overrides of one scope and key (replacing what was there).
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let (scope, key) = try Self.scopeAndKey(context)
        let overrides = try Self.overrides(from: try await JSONRequestBody.data(request))
        let setting = ReplenishmentSetting(scope: scope, key: key, overrides: overrides, updatedAt: Date())
        do {
            try setting.validate()
            try await replenishment.saveReplenishmentSetting(shopID: record.id, setting)
        } catch let error as ReplenishmentSettingsError {
            throw APIError(error)
        }
        return try JSONResponse.make(SettingView(setting))
    }

    /// Deletes one setting: 204, or 404 when there was none.
    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let (scope, key) = try Self.scopeAndKey(context)
        guard try await replenishment.deleteReplenishmentSetting(shopID: record.id, scope: scope, key: key) else {
            throw APIError.notFound("no replenishment setting for scope \(scope.rawValue) and key '\(key.isEmpty ? Self.shopKey : key)'")
        }
        return Response(status: .noContent)
    }

    /// The path's scope and its key, percent-decoded; `_` is the shop scope's empty key.
    static func scopeAndKey(_ context: AppRequestContext) throws -> (SettingsScope, String) {
        let rawScope = context.parameters.get("scope") ?? ""
        guard let scope = SettingsScope(rawValue: rawScope) else {
            throw APIError.badRequest("path parameter scope must be one of \(SettingsScope.allCases.map(\.rawValue).joined(separator: ", ")), got '\(rawScope)'",
                                      code: "invalid_parameter")
        }
        let rawKey = context.parameters.get("key") ?? ""
        let key = rawKey.removingPercentEncoding ?? rawKey
        if scope == .shop {
            guard key == shopKey else {
                throw APIError.badRequest("path parameter key must be \(shopKey) for scope shop, got '\(key)'", code: "invalid_parameter")
            }
            return (scope, "")
        }
        return (scope, key)
    }

    /// Decodes overrides from a JSON object, accepting each field in snake_case or camelCase.
    static func overrides(from data: Data) throws -> ReplenishmentOverrides {
        for key in try JSONRequestBody.keys(data) where field(for: key) == nil {
            throw APIError.badRequest("field \(key) is not a replenishment setting; known: \(fields.map(snakeCase).joined(separator: ", "))",
                                      code: "invalid_field")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            let last = path[path.count - 1]
            return FieldKey(stringValue: field(for: last.stringValue) ?? last.stringValue)
        }
        return try JSONRequestBody.decode(ReplenishmentOverrides.self, from: data, decoder: decoder, fieldName: snakeCase)
    }

    /// The settings' property names, read from the type so a new setting needs no change here.
    static let fields: [String] = Mirror(reflecting: ReplenishmentOverrides()).children.compactMap(\.label)

    /// The property a client's key means: case and underscores ignored ("lead_time_sd_days" is `leadTimeSDDays`).
    static func field(for key: String) -> String? {
        let wanted = key.replacingOccurrences(of: "_", with: "").lowercased()
        return fields.first { $0.lowercased() == wanted }
    }

    /// camelCase to snake_case as `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase` does it:
    /// a word starts at an upper-case letter after a lower-case one, and at the last capital
    /// of a run followed by a lower-case letter ("leadTimeSDDays" → "lead_time_sd_days").
    static func snakeCase(_ name: String) -> String {
        let characters = Array(name)
        var out = ""
        for (i, c) in characters.enumerated() {
            if c.isUppercase, i > 0 {
                let previous = characters[i - 1]
                let nextIsLower = i + 1 < characters.count && characters[i + 1].isLowercase
                if !previous.isUppercase || nextIsLower { out += "_" }
            }
            out += c.lowercased()
        }
        return out
    }

    private struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension APIError {
    /// A refused setting: 400, naming the field as clients spell it.
    init(_ error: ReplenishmentSettingsError) {
        switch error {
        case .invalidField(let name, var reason):
            // The core names fields as Swift spells them, also inside the reason ("at least minimumStock").
            for field in ReplenishmentSettingsAPIController.fields.sorted(by: { $0.count > $1.count }) {
                reason = reason.replacingOccurrences(of: field, with: ReplenishmentSettingsAPIController.snakeCase(field))
            }
            self = .badRequest("field \(ReplenishmentSettingsAPIController.snakeCase(name)) \(reason)", code: "invalid_field")
        case .invalidKey(let scope, let key, let reason):
            self = .badRequest("path parameter key '\(key)' for scope \(scope) \(reason)", code: "invalid_parameter")
        }
    }
}

/// Response bodies of the settings API (snake_case keys through `JSONResponse`).
extension ReplenishmentSettingsAPIController {
    struct SettingList: Encodable, Sendable {
        /// What every shop starts from; stored settings override field by field.
        var defaults: ReplenishmentOverrides
        var items: [SettingView]
    }

    struct SettingView: Encodable, Sendable {
        var scope: SettingsScope
        var key: String
        /// Where to PUT or DELETE this setting.
        var path: String
        var overrides: ReplenishmentOverrides
        var updatedAt: Date

        init(_ setting: ReplenishmentSetting) {
            scope = setting.scope; key = setting.key; overrides = setting.overrides; updatedAt = setting.updatedAt
            let segment = setting.scope == .shop ? ReplenishmentSettingsAPIController.shopKey
                : (setting.key.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? setting.key)
            path = "/api/v1/replenishment/settings/\(setting.scope.rawValue)/\(segment)"
        }
    }
}
