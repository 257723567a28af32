import Foundation

/// The payload of a "propose" job: which proposer runs, for what.
///
/// ```json
/// {"proposer":"customer-segment","customer_id":42,"topic":"orders/create","resource_id":1001}
/// {"proposer":"purchase-orders"}
/// {"proposer":"win-back"}
/// ```
public struct ProposalRequest: Sendable, Hashable, Codable {
    public enum Proposer: String, Sendable, Hashable, Codable, CaseIterable {
        case customerSegment = "customer-segment"
        case purchaseOrders = "purchase-orders"
        case winBack = "win-back"
    }

    public var proposer: Proposer
    /// The customer whose scores to look at (customer-segment).
    public var customerID: Int64?
    /// The webhook that asked for it, and its resource id (for the log and the dedupe key).
    public var topic: String?
    public var resourceID: Int64?

    public init(proposer: Proposer, customerID: Int64? = nil, topic: String? = nil, resourceID: Int64? = nil) {
        self.proposer = proposer; self.customerID = customerID; self.topic = topic; self.resourceID = resourceID
    }

    enum CodingKeys: String, CodingKey {
        case proposer
        case customerID = "customer_id"
        case topic
        case resourceID = "resource_id"
    }

    /// The job payload text (sorted keys, so equal requests are equal text).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a struct of strings and integers cannot fail.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads a job payload; the error names the field.
    public static func parse(_ text: String) throws -> ProposalRequest {
        do {
            return try JSONDecoder().decode(ProposalRequest.self, from: Data(text.utf8))
        } catch DecodingError.keyNotFound(let key, _) {
            throw JobFailure("propose job payload: field \(key.stringValue) is required", permanent: true)
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            throw JobFailure("propose job payload: field \(context.codingPath.map(\.stringValue).joined(separator: ".")) is invalid "
                + "(proposer must be one of \(Proposer.allCases.map(\.rawValue).joined(separator: ", ")))", permanent: true)
        } catch DecodingError.typeMismatch(_, let context) {
            throw JobFailure("propose job payload: field \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type", permanent: true)
        } catch {
            throw JobFailure("propose job payload is not a JSON object: \(text.prefix(200))", permanent: true)
        }
    }
}
