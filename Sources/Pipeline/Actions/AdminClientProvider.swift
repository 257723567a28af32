import ShopifyAdmin

/// Hands the executor an Admin client for a shop (the runtime builds it from the stored, encrypted
/// offline token; tests hand a fixed client at the fake Shopify).
public protocol AdminClientProvider: Sendable {
    func client(shopID: Int64) async throws -> AdminClient
}
