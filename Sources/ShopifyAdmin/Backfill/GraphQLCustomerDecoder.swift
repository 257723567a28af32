import Commerce
import Foundation

/// A bulk `BackfillQueries.customers` line → `Commerce.Customer`.
public enum GraphQLCustomerDecoder {
    public static func customer(_ root: JSONValue) throws(GraphQLDecodeError) -> Customer {
        let idText = root["id"].string ?? "?"
        let fields = GraphQLFields(root, path: "customers[\(idText)]")
        let email = try fields.object("defaultEmailAddress")
        let sms = try fields.object("smsMarketingConsent")
        return Customer(
            id: try fields.gid("id", type: "Customer"), email: try email?.optionalString("emailAddress"),
            phone: try fields.object("defaultPhoneNumber")?.optionalString("phoneNumber"),
            firstName: try fields.optionalString("firstName"), lastName: try fields.optionalString("lastName"),
            state: try fields.optionalString("state")?.lowercased(), tags: try fields.strings("tags"),
            currency: try fields.object("amountSpent")?.optionalString("currencyCode"),
            acceptsEmailMarketing: try email?.optionalString("marketingState") == "SUBSCRIBED",
            acceptsSMSMarketing: try sms?.optionalString("marketingState") == "SUBSCRIBED",
            defaultAddress: try fields.address("defaultAddress"),
            createdAt: try fields.optionalDate("createdAt"), updatedAt: try fields.optionalDate("updatedAt"))
    }
}
