import Commerce
import Foundation
import GRDB

/// customers/redact: forget a customer's personal data everywhere the shop keeps it.
extension Projector {
    /// Scrubs the customer row, the orders of the customer or named by the request, and the raw
    /// body of every logged event of the customer or of those orders. Ids, amounts and lines
    /// stay, so demand and revenue are unchanged.
    func redact(_ request: CustomerPrivacyRequest) throws {
        try execute("""
            UPDATE customers SET email = NULL, phone = NULL, first_name = NULL, last_name = NULL, default_address = NULL
            WHERE shop_id = ? AND id = ?
            """, [shopID, request.customerID])
        var orderIDs = Set(request.orderIDs)
        for row in try fetchRows("SELECT id FROM orders WHERE shop_id = ? AND customer_id = ?", [shopID, request.customerID]) {
            orderIDs.insert(row[0])
        }
        let idList = "[" + orderIDs.sorted().map(String.init).joined(separator: ",") + "]"
        try execute("""
            UPDATE orders SET email = NULL, phone = NULL, billing_address = NULL, shipping_address = NULL, browser_ip = NULL
            WHERE shop_id = ? AND (customer_id = ? OR id IN (SELECT value FROM json_each(?)))
            """, [shopID, request.customerID, idList])
        let byCustomer = try fetchRows("SELECT sequence, body FROM events WHERE shop_id = ? AND customer_id = ?",
                                       [shopID, request.customerID])
        let byOrder = try fetchRows("""
            SELECT sequence, body FROM events
            WHERE shop_id = ? AND resource_id IN (SELECT value FROM json_each(?)) AND topic LIKE 'orders/%'
            """, [shopID, idList])
        var seen = Set<Int64>()
        for row in byCustomer + byOrder {
            let sequence: Int64 = row[0]
            guard seen.insert(sequence).inserted else { continue }
            let body: Data = row[1]
            let scrubbed = scrubPersonalData(body)
            if scrubbed != body {
                try execute("UPDATE events SET body = ? WHERE sequence = ?", [scrubbed, sequence])
            }
        }
    }
}

/// The one call site of the scrubber, so the projection and the log agree on what is personal.
func scrubPersonalData(_ body: Data) -> Data {
    PersonalDataScrubber.scrub(body)
}
