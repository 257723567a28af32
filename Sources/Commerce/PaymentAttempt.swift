import Foundation

/// One payment transaction on an order (`transactions[]` with `payment_details`), when the payload
/// carries them: the attempts, their outcome, and the card checks a risk score reads.
public struct PaymentAttempt: Hashable, Sendable, Codable {
    public var id: Int64
    /// "authorization", "sale", "capture", "void", "refund".
    public var kind: String
    /// "success", "failure", "error" or "pending".
    public var status: String
    public var gateway: String?
    public var amount: Money?
    public var createdAt: Date?
    /// The card's first six digits (bank identification number).
    public var cardBIN: String?
    /// The card's last four digits (from the masked number Shopify shows): with the BIN it tells
    /// one card from the thousands that share a bank's range.
    public var cardLast4: String?
    /// "visa", "mastercard", …
    public var cardCompany: String?
    /// The processor's address verification code ("Y", "N", "A", "Z", …).
    public var avsResultCode: String?
    /// The processor's card security code result ("M" match, "N" no match, …).
    public var cvvResultCode: String?
    /// Shopify's error code on a failed attempt ("card_declined", "incorrect_cvc", …).
    public var errorCode: String?

    public init(
        id: Int64, kind: String, status: String, gateway: String? = nil, amount: Money? = nil, createdAt: Date? = nil,
        cardBIN: String? = nil, cardCompany: String? = nil, avsResultCode: String? = nil,
        cvvResultCode: String? = nil, errorCode: String? = nil, cardLast4: String? = nil
    ) {
        self.id = id; self.kind = kind; self.status = status; self.gateway = gateway; self.amount = amount
        self.createdAt = createdAt; self.cardBIN = cardBIN; self.cardCompany = cardCompany
        self.avsResultCode = avsResultCode; self.cvvResultCode = cvvResultCode; self.errorCode = errorCode
        self.cardLast4 = cardLast4
    }
}

extension PaymentAttempt {
    /// The last four digits of a masked card number ("•••• •••• •••• 4242", "XXXX-4242"), or nil
    /// when it does not end in four digits.
    public static func last4(fromMasked number: String?) -> String? {
        guard let number else { return nil }
        let digits = number.reversed().prefix { $0.isASCII && ($0.isNumber || $0 == " " || $0 == "-") }.filter(\.isNumber)
        guard digits.count >= 4 else { return nil }
        return String(digits.prefix(4).reversed())
    }

    /// The masked form the webhook carries for a card's last four digits.
    public static func masked(last4: String) -> String { "•••• •••• •••• " + last4 }
}
