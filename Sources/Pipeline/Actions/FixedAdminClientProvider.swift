import ShopifyAdmin

/// Clients given up front, by shop id (tests, the demo).
public struct FixedAdminClientProvider: AdminClientProvider {
    public let clients: [Int64: AdminClient]

    public init(clients: [Int64: AdminClient]) {
        self.clients = clients
    }

    public func client(shopID: Int64) async throws -> AdminClient {
        guard let client = clients[shopID] else { throw ActionError.noAdminClient(shopID: shopID) }
        return client
    }
}
