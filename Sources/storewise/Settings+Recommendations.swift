import Pipeline
import Recommendations

extension Settings {
    /// `recommendations.neighbours`, `.minCoPurchases`, `.shrinkage`, `.similarity`, `.maxPerProductType`,
    /// `.marginBoost`, `.excludePurchased`, `.stockRefreshSeconds`, `.logRetentionDays` and `.threads`.
    func recommendationOptions() throws -> RecommendationOptions {
        var options = RecommendationOptions()
        options.training.neighbours = try int("recommendations.neighbours", default: options.training.neighbours, range: 1...200)
        options.training.minimumCoPurchases = try int("recommendations.minCoPurchases", default: options.training.minimumCoPurchases, range: 1...1000)
        options.training.shrinkage = try number("recommendations.shrinkage", default: options.training.shrinkage, range: 0...1000)
        let similarity = try choice("recommendations.similarity", default: options.training.similarity.rawValue,
                                    among: SimilarityMeasure.allCases.map(\.rawValue))
        options.training.similarity = SimilarityMeasure(rawValue: similarity) ?? .cosine
        options.training.threads = try int("recommendations.threads", default: options.training.threads, range: 1...256)
        options.maxPerProductType = try int("recommendations.maxPerProductType", default: options.maxPerProductType, range: 0...50)
        options.marginBoost = try number("recommendations.marginBoost", default: options.marginBoost, range: 0...10)
        options.excludePurchasedByDefault = try choice("recommendations.excludePurchased", default: options.excludePurchasedByDefault ? "true" : "false",
                                                       among: ["true", "false"]) == "true"
        options.logRetentionDays = try int("recommendations.logRetentionDays", default: options.logRetentionDays, range: 0...3650)
        options.stockRefreshSeconds = Double(try int("recommendations.stockRefreshSeconds", default: Int(options.stockRefreshSeconds), range: 1...3600))
        return options
    }

    /// A number key in `range`; anything else is an error naming the key.
    func number(_ key: String, default value: Double, range: ClosedRange<Double>) throws -> Double {
        guard let raw = optionalString(key) else { return value }
        guard let parsed = Double(raw), parsed.isFinite, range.contains(parsed) else {
            throw SettingsError(key: key, value: raw, expected: "a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return parsed
    }
}
