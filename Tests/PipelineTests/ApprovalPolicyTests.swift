import Foundation
import Pipeline
import ShopifyAdmin
import Storage
import Testing

/// The standard policy and the JSON form, case by case (expected verdicts from the brief's table).
@Suite struct ApprovalPolicyTests {
    func risk(_ level: String) -> ProposedAction {
        ProposedAction(type: .orderRiskAssessment, targetType: "order", targetID: "gid://shopify/Order/1",
                       payload: ["orderId": "gid://shopify/Order/1", "riskLevel": .string(level),
                                 "facts": [["description": "x", "sentiment": "NEUTRAL"]]],
                       reason: "r", proposer: "order-risk")
    }

    func purchaseOrder(totalMinor: Int64) -> ProposedAction {
        ProposedAction(type: .purchaseOrder, targetType: "vendor", targetID: "Acme",
                       payload: ["vendor": "Acme", "currency": "USD", "totalMinor": .int(totalMinor),
                                 "lines": [["sku": "A", "variantId": "gid://shopify/ProductVariant/1", "title": "A",
                                            "quantity": 1, "unitCostMinor": .int(totalMinor)]]],
                       reason: "r", proposer: "replenishment")
    }

    func simple(_ type: ActionType) -> ProposedAction {
        ProposedAction(type: type, targetType: "x", targetID: "1", payload: [:], reason: "r", proposer: "p")
    }

    @Test func standardPolicyTable() {
        let policy = ApprovalPolicy.standard
        let cases: [(ProposedAction, PolicyVerdict, String)] = [
            (risk("LOW"), .autoApprove, "low-risk-assessments"),
            (risk("NONE"), .autoApprove, "low-risk-assessments"),
            (risk("HIGH"), .requirePerson, "risky-assessments-need-a-person"),
            (risk("MEDIUM"), .requirePerson, "risky-assessments-need-a-person"),
            (risk("PENDING"), .requirePerson, "fallback"),
            (simple(.discountCode), .requirePerson, "discounts-need-a-person"),
            // 500,000 minor units is the limit: at it → routine, one above → a person.
            (purchaseOrder(totalMinor: 500_000), .autoApprove, "routine-purchase-orders"),
            (purchaseOrder(totalMinor: 500_001), .requirePerson, "large-purchase-orders"),
            (purchaseOrder(totalMinor: 1_200), .autoApprove, "routine-purchase-orders"),
            (simple(.message), .requirePerson, "messages-need-a-person"),
            (simple(.customerTags), .requirePerson, "fallback"),
            (simple(.metafields), .requirePerson, "fallback"),
            (simple(.draftOrder), .requirePerson, "fallback"),
        ]
        for (action, verdict, rule) in cases {
            let result = policy.evaluate(action)
            #expect(result.verdict == verdict, "\(action.type) \(action.payload)")
            #expect(result.rule == rule, "\(action.type) \(action.payload)")
        }
    }

    @Test func amountGivenByTheProposerWins() {
        var action = purchaseOrder(totalMinor: 100)
        action.amountMinor = 900_000
        #expect(ApprovalPolicy.standard.evaluate(action).rule == "large-purchase-orders")
    }

    @Test func firstMatchWinsAndConfidence() throws {
        let json = Data("""
        {"rules": [
           {"name": "confident-tags", "actionType": "customer-tags", "confidenceAtLeast": 0.9, "verdict": "auto-approve"},
           {"name": "no-tags", "actionType": "customer-tags", "verdict": "reject"}
         ],
         "fallback": "require-person"}
        """.utf8)
        let policy = try ApprovalPolicy.parse(json: json)
        var action = simple(.customerTags)
        action.confidence = 0.95
        #expect(policy.evaluate(action) == (.autoApprove, "confident-tags"))
        action.confidence = 0.5
        #expect(policy.evaluate(action) == (.reject, "no-tags"))
        action.confidence = nil
        #expect(policy.evaluate(action) == (.reject, "no-tags"))
        #expect(policy.evaluate(simple(.message)) == (.requirePerson, "fallback"))
    }

    @Test func parsesTheStandardPolicyWritten() throws {
        let json = Data("""
        {"rules": [
          {"name": "low-risk-assessments", "actionType": "order-risk-assessment", "riskLevels": ["LOW", "NONE"], "verdict": "auto-approve"},
          {"name": "risky-assessments-need-a-person", "actionType": "order-risk-assessment", "riskLevels": ["HIGH", "MEDIUM"], "verdict": "require-person"},
          {"name": "discounts-need-a-person", "actionType": "discount-code", "verdict": "require-person"},
          {"name": "large-purchase-orders", "actionType": "purchase-order", "amountAbove": 500000, "verdict": "require-person"},
          {"name": "routine-purchase-orders", "actionType": "purchase-order", "amountAtMost": 500000, "verdict": "auto-approve"},
          {"name": "messages-need-a-person", "actionType": "message", "verdict": "require-person"}
        ]}
        """.utf8)
        #expect(try ApprovalPolicy.parse(json: json) == ApprovalPolicy.standard)
    }

    @Test func parseErrorsNameTheRuleAndField() {
        let cases: [(String, String)] = [
            (#"{"rules": [{"name": "a", "verdict": "auto-approve"}, {"name": "b", "verdict": "maybe"}]}"#, "rules[1].verdict"),
            (#"{"rules": [{"name": "a"}]}"#, "rules[0].verdict"),
            (#"{"rules": [{"verdict": "reject"}]}"#, "rules[0].name"),
            (#"{"rules": [{"name": "a", "verdict": "reject", "actionType": "refund"}]}"#, "rules[0].actionType"),
            (#"{"rules": [{"name": "a", "verdict": "reject", "riskLevels": ["LOW", "SEVERE"]}]}"#, "rules[0].riskLevels[1]"),
            (#"{"rules": [{"name": "a", "verdict": "reject", "amountAbove": "lots"}]}"#, "rules[0].amountAbove"),
            (#"{"rules": [{"name": "a", "verdict": "reject", "confidenceAtLeast": 1.5}]}"#, "rules[0].confidenceAtLeast"),
            (#"{"rules": [{"name": "a", "verdict": "reject", "amountOver": 5}]}"#, "rules[0].amountOver"),
            (#"{"rules": [{"name": "a", "verdict": "reject"}, {"name": "a", "verdict": "reject"}]}"#, "rules[1].name"),
            (#"{"rules": [], "fallback": "sure"}"#, "fallback"),
            (#"{"fallback": "reject"}"#, "rules"),
            (#"[1, 2]"#, "(file)"),
            (#"{"rules": [], "extra": 1}"#, "extra"),
        ]
        for (text, field) in cases {
            do {
                _ = try ApprovalPolicy.parse(json: Data(text.utf8))
                Issue.record("accepted \(text)")
            } catch let ActionError.invalidPolicy(got, reason) {
                #expect(got == field, "\(text): \(reason)")
                #expect(!reason.isEmpty)
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
    }
}
