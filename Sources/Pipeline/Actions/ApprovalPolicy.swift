import Foundation
import ShopifyAdmin
import Storage

/// Decides what happens to a new proposal: ordered rules, the first that matches wins, else the fallback.
///
/// JSON form (configuration `approvals.policy` names the file):
/// ```json
/// {"rules": [{"name": "low-risk-assessments", "actionType": "order-risk-assessment",
///             "riskLevels": ["LOW", "NONE"], "verdict": "auto-approve"},
///            {"name": "large-purchase-orders", "actionType": "purchase-order", "amountAbove": 500000,
///             "verdict": "require-person"}],
///  "fallback": "require-person"}
/// ```
/// Rule keys: `name` (required), `actionType`, `riskLevels`, `amountAbove`, `amountAtMost` (minor units),
/// `confidenceAtLeast` (0…1), `verdict` (`auto-approve` | `require-person` | `reject`, required).
public struct ApprovalPolicy: Sendable, Hashable {
    public var rules: [ApprovalRule]
    public var fallback: PolicyVerdict

    public init(rules: [ApprovalRule], fallback: PolicyVerdict = .requirePerson) {
        self.rules = rules; self.fallback = fallback
    }

    /// The rule name reported when no rule matched.
    public static let fallbackRule = "fallback"

    /// LOW/NONE risk assessments run without a person; HIGH/MEDIUM ones, every discount, purchase
    /// orders above 5,000.00 (500,000 minor units) and messages wait for a person; smaller purchase
    /// orders run; anything else waits for a person.
    public static let standard = ApprovalPolicy(rules: [
        ApprovalRule(name: "low-risk-assessments", actionType: .orderRiskAssessment, riskLevels: ["LOW", "NONE"], verdict: .autoApprove),
        ApprovalRule(name: "risky-assessments-need-a-person", actionType: .orderRiskAssessment, riskLevels: ["HIGH", "MEDIUM"],
                     verdict: .requirePerson),
        ApprovalRule(name: "discounts-need-a-person", actionType: .discountCode, verdict: .requirePerson),
        ApprovalRule(name: "large-purchase-orders", actionType: .purchaseOrder, amountAbove: 500_000, verdict: .requirePerson),
        ApprovalRule(name: "routine-purchase-orders", actionType: .purchaseOrder, amountAtMost: 500_000, verdict: .autoApprove),
        ApprovalRule(name: "messages-need-a-person", actionType: .message, verdict: .requirePerson),
    ], fallback: .requirePerson)

    /// The verdict for `action` and the name of the rule that gave it (`fallbackRule` when none matched).
    public func evaluate(_ action: ProposedAction) -> (verdict: PolicyVerdict, rule: String) {
        for rule in rules where rule.matches(action) {
            return (rule.verdict, rule.name)
        }
        return (fallback, Self.fallbackRule)
    }

    /// Reads the JSON form; errors name the rule index and field (`rules[2].verdict: must be …`).
    public static func parse(json: Data) throws -> ApprovalPolicy {
        let root: JSONValue
        do { root = try JSONValue.parse(json) } catch {
            throw ActionError.invalidPolicy(field: "(file)", reason: "not valid JSON")
        }
        guard case .object(let members) = root else { throw ActionError.invalidPolicy(field: "(file)", reason: "must be a JSON object") }
        if let unknown = members.keys.sorted().first(where: { $0 != "rules" && $0 != "fallback" }) {
            throw ActionError.invalidPolicy(field: unknown, reason: "unknown key (expected rules, fallback)")
        }
        var fallback = PolicyVerdict.requirePerson
        if let value = members["fallback"] {
            guard let parsed = try? verdict(value) else { throw ActionError.invalidPolicy(field: "fallback", reason: verdictList) }
            fallback = parsed
        }
        guard case .array(let items)? = members["rules"] else {
            throw ActionError.invalidPolicy(field: "rules", reason: "required: an array of rules")
        }
        var rules: [ApprovalRule] = []
        var names = Set<String>()
        for (index, item) in items.enumerated() {
            let rule = try parseRule(item, path: "rules[\(index)]")
            guard names.insert(rule.name).inserted else {
                throw ActionError.invalidPolicy(field: "rules[\(index)].name", reason: "\"\(rule.name)\" is used by an earlier rule")
            }
            rules.append(rule)
        }
        return ApprovalPolicy(rules: rules, fallback: fallback)
    }

    static let verdictList = "must be auto-approve, require-person or reject"
    static let ruleKeys: Set<String> = ["name", "actionType", "riskLevels", "amountAbove", "amountAtMost", "confidenceAtLeast", "verdict"]

    static func verdict(_ value: JSONValue) throws -> PolicyVerdict {
        guard let text = value.string, let verdict = PolicyVerdict(rawValue: text) else { throw ActionError.invalidPolicy(field: "", reason: "") }
        return verdict
    }

    static func parseRule(_ item: JSONValue, path: String) throws -> ApprovalRule {
        func bad(_ field: String, _ reason: String) -> ActionError { .invalidPolicy(field: "\(path).\(field)", reason: reason) }
        guard case .object(let m) = item else { throw ActionError.invalidPolicy(field: path, reason: "must be an object") }
        if let unknown = m.keys.sorted().first(where: { !ruleKeys.contains($0) }) {
            throw bad(unknown, "unknown key (expected " + ruleKeys.sorted().joined(separator: ", ") + ")")
        }
        guard let name = m["name"]?.string, !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw bad("name", "required: a non-empty string") }
        guard let verdictValue = m["verdict"] else { throw bad("verdict", "required; " + verdictList) }
        guard let verdict = try? verdict(verdictValue) else { throw bad("verdict", verdictList) }
        var rule = ApprovalRule(name: name, verdict: verdict)
        if let value = m["actionType"], value != .null {
            guard let text = value.string, let type = ActionType(rawValue: text) else {
                throw bad("actionType", "must be one of " + ActionType.allCases.map(\.rawValue).joined(separator: ", "))
            }
            rule.actionType = type
        }
        if let value = m["riskLevels"], value != .null {
            guard case .array(let levels) = value, !levels.isEmpty else { throw bad("riskLevels", "must be a non-empty array") }
            rule.riskLevels = try levels.enumerated().map { i, level in
                guard let text = level.string, ActionPayload.riskLevels.contains(text) else {
                    throw bad("riskLevels[\(i)]", "must be " + ActionPayload.riskLevels.joined(separator: ", "))
                }
                return text
            }
        }
        for key in ["amountAbove", "amountAtMost"] {
            guard let value = m[key], value != .null else { continue }
            guard case .int(let amount) = value, amount >= 0 else { throw bad(key, "must be a whole number of minor units, at least 0") }
            if key == "amountAbove" { rule.amountAbove = amount } else { rule.amountAtMost = amount }
        }
        if let value = m["confidenceAtLeast"], value != .null {
            guard let c = value.double, value.string == nil, c >= 0, c <= 1 else { throw bad("confidenceAtLeast", "must be a number from 0 to 1") }
            rule.confidenceAtLeast = c
        }
        return rule
    }
}
