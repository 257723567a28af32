import Foundation
import ShopifyAdmin
import Storage

extension ActionExecutor {
    /// Writes the purchase order's CSV and printable HTML to the shop's outbox.
    func exportPurchaseOrder(_ proposal: ActionProposal, payload: JSONValue) throws -> JSONValue {
        throw ActionError.delivery("purchase-order export is being written (issue 9)")
    }

    /// POSTs a message to the webhook, or writes it to the outbox.
    func sendMessage(_ proposal: ActionProposal, payload: JSONValue) async throws -> JSONValue {
        throw ActionError.delivery("message delivery is being written (issue 9)")
    }
}
