import Foundation
import ShopifyAdmin
import Storage

extension ActionExecutor {
    /// Runs a Shopify write-back; returns the remote ids.
    func performShopify(_ type: ActionType, proposal: ActionProposal, payload: JSONValue, lease: ExecutionLease,
                        client: AdminClient) async throws -> JSONValue {
        throw AdminError.transport(operation: type.rawValue, reason: "write-back is being written (issue 9)")
    }
}
