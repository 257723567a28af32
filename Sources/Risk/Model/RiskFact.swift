/// One reason behind a score, in words a person can check ("7 orders from this card in the
/// last hour"), with Shopify's sentiment and the contribution it came from.
public struct RiskFact: Sendable, Hashable, Codable {
    /// At most 256 characters (Shopify truncates longer ones).
    public var description: String
    public var sentiment: RiskSentiment
    /// The feature (column name) or rule that produced it; nil for a summary line.
    public var source: String?
    /// Its share of the score: a SHAP value in log-odds for the model, a rule's weight for rules.
    public var contribution: Double

    public init(description: String, sentiment: RiskSentiment, source: String? = nil, contribution: Double) {
        self.description = String(description.prefix(256)); self.sentiment = sentiment
        self.source = source; self.contribution = contribution
    }
}
