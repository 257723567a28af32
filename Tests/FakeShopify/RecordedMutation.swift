import Foundation
import ShopifyAdmin

/// One mutation the fake received, as tests inspect it.
public struct RecordedMutation: Sendable, Hashable {
    /// The root field ("tagsAdd", "orderRiskAssessmentCreate" …).
    public var field: String
    /// The operation's variables as sent, and the root field's arguments after variable substitution.
    public var variables: JSONValue
    public var arguments: JSONValue
    /// False when the fake refused it (userErrors) or an injected fault stopped it before applying.
    public var applied: Bool
    public var at: Date

    public init(field: String, variables: JSONValue, arguments: JSONValue, applied: Bool, at: Date) {
        self.field = field; self.variables = variables; self.arguments = arguments; self.applied = applied; self.at = at
    }
}

/// A fault the fake injects into its next responses.
public enum FakeFault: Sendable, Hashable {
    /// The next `count` GraphQL requests answer this HTTP status (429, 500, 502, 503 …) without doing anything.
    case httpStatus(Int, count: Int)
    /// The next `count` requests whose root field is `field` are applied, then answered 503
    /// (the response is "lost"): a client that retries blindly would apply them twice.
    case dropResponseAfterApply(field: String, count: Int)
}
