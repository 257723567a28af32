/// How "customers also bought" compares two items' buyers (see `ItemSimilarity`).
public enum SimilarityMeasure: String, Sendable, CaseIterable, Codable {
    /// Shared customers / √(customers of a · customers of b).
    case cosine
    /// Like cosine, but each shared customer counts by a BM25 length weight, so a wholesaler
    /// with 500 items says less about two items than a shopper with 5.
    case bm25
}
