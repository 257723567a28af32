import Foundation
import Storage

/// Decides which customer an order belongs to, so one person is one customer across the online
/// store and the POS: the order's customer id when it has one; otherwise the customer whose
/// email (case- and space-insensitive) or phone (digits only, at least 7) matches the order's.
/// An order that matches no customer is a guest order and is left out of the summaries, since
/// no profile could show it.
///
/// An email or phone shared by several customers (a family account, a shop's own till email)
/// identifies none of them: guessing would merge strangers.
public struct CustomerIdentityResolver: Sendable {
    private var byEmail: [String: Int64] = [:]
    private var byPhone: [String: Int64] = [:]

    public init(contacts: [CustomerContact]) {
        var emails: [String: Int64?] = [:], phones: [String: Int64?] = [:]
        for contact in contacts {
            if let key = Self.emailKey(contact.email) {
                if let existing = emails[key], existing != contact.customerID { emails[key] = .some(nil) } else { emails[key] = contact.customerID }
            }
            if let key = Self.phoneKey(contact.phone) {
                if let existing = phones[key], existing != contact.customerID { phones[key] = .some(nil) } else { phones[key] = contact.customerID }
            }
        }
        byEmail = emails.compactMapValues { $0 }
        byPhone = phones.compactMapValues { $0 }
    }

    /// The customer of `order`, or nil for a guest.
    public func customer(of order: CustomerOrderRow) -> Int64? {
        if let id = order.customerID { return id }
        if let key = Self.emailKey(order.email), let id = byEmail[key] { return id }
        if let key = Self.phoneKey(order.phone), let id = byPhone[key] { return id }
        return nil
    }

    static func emailKey(_ email: String?) -> String? {
        guard let trimmed = email?.trimmingCharacters(in: .whitespaces).lowercased(), trimmed.contains("@") else { return nil }
        return trimmed
    }

    static func phoneKey(_ phone: String?) -> String? {
        guard let phone else { return nil }
        let digits = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) })
        return digits.count >= 7 ? digits : nil
    }
}
