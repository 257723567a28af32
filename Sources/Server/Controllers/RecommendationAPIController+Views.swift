import Foundation
import Storage

/// The JSON shapes of the rules and runs routes (written by `JSONResponse`: snake_case keys,
/// ISO 8601 instants), and the rule a `PUT` sends.
extension RecommendationAPIController {
    /// `{"product_id": 902, "target_id": 905, "action": "pin", "position": 0, "note": "…"}`;
    /// `product_id` 0 puts the rule on every product page.
    struct RuleBody: Decodable {
        var productID: Int64
        var targetID: Int64
        var action: String
        var position: Int?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case productID = "product_id", targetID = "target_id", action, position, note
        }

        /// The body's name of a `RecommendationRule` property.
        static func fieldName(_ property: String) -> String {
            switch property {
            case "productID": "product_id"
            case "targetID": "target_id"
            default: property
            }
        }

        func rule(shopID: Int64, now: Date) throws -> RecommendationRule {
            guard let action = RecommendationRuleAction(rawValue: action) else {
                throw APIError.badRequest("field action must be one of pin, block, got '\(action)'", code: "invalid_field")
            }
            if let note, note.count > 500 {
                throw APIError.badRequest("field note must be at most 500 characters", code: "invalid_field")
            }
            return RecommendationRule(shopID: shopID, productID: productID, targetID: targetID, action: action,
                                      position: position ?? 0, note: note?.isEmpty == true ? nil : note,
                                      createdAt: Int64(now.timeIntervalSince1970))
        }
    }

    struct RuleView: Encodable, Sendable {
        var productID: Int64
        var targetID: Int64
        var action: String
        var position: Int
        var note: String?
        var createdAt: Date

        init(_ rule: RecommendationRule) {
            productID = rule.productID; targetID = rule.targetID; action = rule.action.rawValue
            position = rule.position; note = rule.note; createdAt = Date(timeIntervalSince1970: TimeInterval(rule.createdAt))
        }
    }

    struct RuleList: Encodable, Sendable {
        var items: [RuleView]
    }

    struct RunView: Encodable, Sendable {
        var id: Int64
        var version: String
        var kind: String
        var createdAt: Date
        var orders: Int
        var products: Int
        var pairs: Int
        var durationMs: Int
        var parameters: [String: String]
        /// The offline evaluation as the job wrote it (JSON text), when one ran.
        var evaluation: String?

        init(_ run: RecommendationRun) {
            id = run.id; version = run.version; kind = run.kind; createdAt = Date(timeIntervalSince1970: TimeInterval(run.createdAt))
            orders = run.orders; products = run.products; pairs = run.pairs; durationMs = run.durationMs
            parameters = run.parameters; evaluation = run.evaluation
        }
    }

    struct RunList: Encodable, Sendable {
        var items: [RunView]
        var limit: Int
    }
}
