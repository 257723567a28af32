import Commerce
import Foundation

/// The checkout detail a real Shopify order carries and the base simulator leaves out: payment
/// attempts with the card's BIN and the processor's AVS / CVV results, shipping lines, the POS
/// staff member, a few legitimate manual discounts and gifts shipped to someone else.
///
/// Drawn from a random stream of its own, in the order legitimate orders are placed, so the same
/// seed gives the same details whether fraud is on or off.
struct CheckoutDetails {
    var rng: Xoshiro256StarStar
    var transactionIDs = IDSequence(base: IDBase.transaction)
    /// Staff user ids per location slot (none for the online warehouse).
    let staff: [[Int64]]
    /// The card each customer pays with online: an index into `bins`, drawn at their first order.
    var customerCards: [Int: Int] = [:]

    /// Issuer BINs the shop's buyers pay with (fictional, in the networks' real number ranges).
    static let bins = [
        "414720", "426684", "440066", "453998", "476173", "491277", "402400", "431274", "448590", "465901",
        "517805", "523914", "542418", "551029", "530125", "222300", "371449", "378282", "601100", "650021",
    ]
    /// Why a legitimate buyer's first try fails (a typo, an expired card, a soft decline).
    static let typoErrors = ["incorrect_cvc", "incorrect_number", "expired_card", "card_declined"]
    static let manualDiscountTitles = ["Damaged packaging", "Price match", "Regular's discount", "Staff discretion"]

    init(seed: UInt64, slots: Int) {
        rng = Xoshiro256StarStar(seed: seed, stream: 12)
        var roster: [[Int64]] = [[]]
        var next: Int64 = 81_200_000_000 + Int64(rng.int(below: 900_000))
        for _ in 1..<max(slots, 1) {
            var people: [Int64] = []
            for _ in 0..<(4 + rng.int(below: 5)) {
                next += 1 + Int64(rng.int(below: 40_000))
                people.append(next)
            }
            roster.append(people)
        }
        staff = roster
    }

    /// Four digits derived from `key` (SplitMix64's finaliser): a card's last four without a draw.
    static func last4(_ key: UInt64) -> String {
        var mix = SplitMix64(seed: key)
        let n = Int(mix.next() % 10_000)
        return String(repeating: "0", count: 4 - String(n).count) + String(n)
    }

    /// The last four of customer `c`'s own card (the same card at every order).
    static func customerLast4(_ c: Int) -> String { last4(0xC0FF_EE00_0000 &+ UInt64(c)) }

    static func cardCompany(bin: String) -> String {
        switch bin.first {
        case "4": "visa"
        case "5", "2": "mastercard"
        case "3": "american_express"
        default: "discover"
        }
    }

    /// A staff member on shift at a POS slot.
    mutating func staffMember(at slot: Int) -> Int64? {
        guard slot > 0, slot < staff.count, !staff[slot].isEmpty else { return nil }
        return staff[slot][rng.int(below: staff[slot].count)]
    }

    /// Adds the checkout detail to a legitimate order just built by the engine. `c` is the
    /// customer's index (nil for a guest); totals stay consistent when a manual discount is given.
    mutating func decorate(
        _ order: inout Order, customer c: Int?, slot: Int, taxRate: Double, promotion: Promotion?,
        regions: [Region]
    ) {
        let currency = order.currency
        if let promotion, let code = order.discountCodes.first {
            order.discountApplications.append(DiscountApplication(
                type: "discount_code", title: code.code, valueType: "percentage", value: Double(promotion.percentOff),
                targetType: "line_item"))
        }
        let hasMerchandise = order.lineItems.contains { !$0.isGiftCard }
        if slot > 0 {
            order.userID = staffMember(at: slot)
            if hasMerchandise && rng.bernoulli(0.025) { giveManualDiscount(&order, taxRate: taxRate) }
            let card = rng.bernoulli(0.65)
            order.payments = [PaymentAttempt(
                id: transactionIDs.next(&rng), kind: "sale", status: "success", gateway: card ? "shopify_payments" : "cash",
                amount: order.totalPrice, createdAt: order.createdAt, cardBIN: card ? Self.bins[rng.int(below: Self.bins.count)] : nil,
                cardCompany: nil)]
            if let bin = order.payments[0].cardBIN { order.payments[0].cardCompany = Self.cardCompany(bin: bin) }
            return
        }

        let shipping = order.totalPrice.minorUnits - order.subtotalPrice.minorUnits - order.totalTax.minorUnits
        if hasMerchandise {
            let abroad = order.shippingAddress?.countryCode.map { $0 != "US" } ?? false
            let express = rng.bernoulli(0.08)
            order.shippingLines = [ShippingLine(
                title: abroad ? "International" : express ? "Express" : "Standard",
                code: abroad ? "INTL" : express ? "EXPRESS" : "STANDARD", source: "shopify",
                price: Money(minorUnits: shipping, currency: currency))]
            // A present: a customer now and then ships to someone else, who lives near them or not.
            if c != nil && rng.bernoulli(0.04) {
                order.shippingAddress = Self.address(in: regions[rng.int(below: Region.domestic.count)], &rng)
            }
        }
        let bin: String
        let last4 = c.map(Self.customerLast4) ?? Self.last4(UInt64(bitPattern: order.id))
        if let c {
            if customerCards[c] == nil { customerCards[c] = rng.int(below: Self.bins.count) }
            bin = Self.bins[customerCards[c]!]
        } else {
            bin = Self.bins[rng.int(below: Self.bins.count)]
        }
        var attempts: [PaymentAttempt] = []
        if rng.bernoulli(0.03) {
            let error = Self.typoErrors[rng.int(below: Self.typoErrors.count)]
            attempts.append(PaymentAttempt(
                id: transactionIDs.next(&rng), kind: "sale", status: "failure", gateway: "shopify_payments",
                amount: order.totalPrice, createdAt: order.createdAt.addingTimeInterval(-Double(30 + rng.int(below: 150))),
                cardBIN: bin, cardCompany: Self.cardCompany(bin: bin), avsResultCode: "Y",
                cvvResultCode: error == "incorrect_cvc" ? "N" : "M", errorCode: error, cardLast4: last4))
        }
        let domestic = (order.billingAddress?.countryCode ?? "US") == "US"
        let u = rng.uniform()
        let avs = domestic ? (u < 0.93 ? "Y" : u < 0.96 ? "A" : u < 0.98 ? "Z" : "N") : (u < 0.7 ? "U" : "Y")
        attempts.append(PaymentAttempt(
            id: transactionIDs.next(&rng), kind: "sale", status: "success", gateway: "shopify_payments",
            amount: order.totalPrice, createdAt: order.createdAt, cardBIN: bin, cardCompany: Self.cardCompany(bin: bin),
            avsResultCode: avs, cvvResultCode: rng.bernoulli(0.98) ? "M" : "P", cardLast4: last4))
        order.payments = attempts
    }

    /// A legitimate POS override: 10–30 % off one merchandise line, for a reason an associate gives.
    private mutating func giveManualDiscount(_ order: inout Order, taxRate: Double) {
        let lines = order.lineItems.indices.filter { !order.lineItems[$0].isGiftCard }
        let i = lines[rng.int(below: lines.count)]
        let percent = [10, 15, 20, 25, 30][rng.int(below: 5)]
        let title = Self.manualDiscountTitles[rng.int(below: Self.manualDiscountTitles.count)]
        Self.applyManualDiscount(&order, line: i, percent: percent, title: title, taxRate: taxRate)
    }

    /// Takes `percent` off line `i`'s net price and recomputes subtotal, tax and total (shipping kept).
    static func applyManualDiscount(_ order: inout Order, line i: Int, percent: Int, title: String, taxRate: Double) {
        let line = order.lineItems[i]
        let net = Int64(line.quantity) * line.price.minorUnits - line.totalDiscount.minorUnits
        let off = (net * Int64(percent) + 50) / 100
        let shipping = order.totalPrice.minorUnits - order.subtotalPrice.minorUnits - order.totalTax.minorUnits
        order.lineItems[i].totalDiscount.minorUnits += off
        order.totalDiscounts.minorUnits += off
        order.subtotalPrice.minorUnits -= off
        let taxable = order.lineItems.reduce(Int64(0)) {
            $1.isGiftCard ? $0 : $0 + Int64($1.quantity) * $1.price.minorUnits - $1.totalDiscount.minorUnits
        }
        order.totalTax.minorUnits = Int64((Double(taxable) * taxRate).rounded())
        order.totalPrice.minorUnits = order.subtotalPrice.minorUnits + order.totalTax.minorUnits + shipping
        order.discountApplications.append(DiscountApplication(
            type: "manual", title: title, valueType: "percentage", value: Double(percent), targetType: "line_item"))
    }

    /// Somebody's address in `region`.
    static func address(in region: Region, _ rng: inout Xoshiro256StarStar) -> Address {
        let first = PersonNames.first[rng.int(below: PersonNames.first.count)]
        let last = PersonNames.last[rng.int(below: PersonNames.last.count)]
        let street = PersonNames.streets[rng.int(below: PersonNames.streets.count)]
        let zip = region.countryCode == "US" ? "\(region.zipPrefix)\(10 + rng.int(below: 90))" : "\(region.zipPrefix) \(rng.int(below: 10))AB"
        return Address(
            firstName: first, lastName: last, name: "\(first) \(last)", address1: "\(rng.int(in: 1...980)) \(street)",
            city: region.city, province: region.province, provinceCode: region.provinceCode, zip: zip,
            country: region.country, countryCode: region.countryCode)
    }
}
