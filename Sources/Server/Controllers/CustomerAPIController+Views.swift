import Commerce
import CustomerValue
import Foundation
import Storage

/// Response bodies of the customer API (snake_case keys through `JSONResponse`).
extension CustomerAPIController {
    /// Money as exact minor units, Shopify's decimal string, and a label for a screen.
    struct Amount: Encodable, Sendable, Hashable {
        var minorUnits: Int64
        /// "1234.50": the currency's ISO 4217 digits, as Shopify's APIs write amounts.
        var amount: String
        var currency: String
        /// "$1,234.50" (or "1,234.50 CHF" for currencies without a common symbol).
        var formatted: String

        init(_ minor: Int64, currency: String) {
            let money = Money(minorUnits: minor, currency: currency)
            self.minorUnits = minor
            self.amount = money.decimalString
            self.currency = currency
            self.formatted = Self.format(money)
        }

        static let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$"]

        static func format(_ money: Money) -> String {
            let decimal = money.decimalString
            let negative = decimal.hasPrefix("-")
            let unsigned = negative ? decimal.dropFirst() : Substring(decimal)
            let parts = unsigned.split(separator: ".", maxSplits: 1)
            var whole = ""
            for (index, character) in parts[0].enumerated() {
                if index > 0, (parts[0].count - index) % 3 == 0 { whole.append(",") }
                whole.append(character)
            }
            let number = parts.count > 1 ? whole + "." + parts[1] : whole
            let sign = negative ? "-" : ""
            if let symbol = symbols[money.currency] { return sign + symbol + number }
            return sign + number + " " + money.currency
        }
    }

    /// What a POS clienteling screen shows about one customer.
    struct ProfileView: Encodable, Sendable {
        struct Consent: Encodable, Sendable { var email: Bool; var sms: Bool }
        struct RFM: Encodable, Sendable { var recency: Int; var frequency: Int; var monetary: Int }
        /// The run the scores come from.
        struct RunBrief: Encodable, Sendable { var id: Int64; var model: String; var createdAt: Date; var clvMonths: Int; var horizonDays: Double }

        var customerID: Int64
        var firstName: String?
        var lastName: String?
        var email: String?
        var phone: String?
        var tags: [String]
        var consent: Consent
        /// Live from the orders: net of refunds, cancelled and test orders left out.
        var lifetimeSpend: Amount
        var orders: Int
        var firstOrderDay: String?
        var lastOrderDay: String?
        /// Scores of the latest run; nil (with `scored` false) before the customer's first scored order.
        var scored: Bool
        var predictedClv: Amount?
        var probabilityAlive: Double?
        var churnRisk: Double?
        var expectedPurchases: Double?
        var expectedOrderValue: Amount?
        var segment: String?
        var segmentTitle: String?
        var rfm: RFM?
        var favouriteProductTypes: [ProductTypeCount]
        var lastOnlinePurchase: PurchaseView?
        var lastInStorePurchase: PurchaseView?
        var run: RunBrief?

        init(_ profile: CustomerProfile, run: CustomerValueRun?, shopCurrency: String) {
            let currency = profile.currency ?? profile.score?.currency ?? shopCurrency
            customerID = profile.customerID
            firstName = profile.firstName; lastName = profile.lastName; email = profile.email; phone = profile.phone
            tags = profile.tags
            consent = Consent(email: profile.acceptsEmailMarketing, sms: profile.acceptsSMSMarketing)
            lifetimeSpend = Amount(profile.lifetimeSpendMinor, currency: currency)
            orders = profile.orders
            favouriteProductTypes = profile.favouriteProductTypes
            lastOnlinePurchase = profile.lastOnlinePurchase.map(PurchaseView.init)
            lastInStorePurchase = profile.lastInStorePurchase.map(PurchaseView.init)
            scored = profile.score != nil
            if let score = profile.score {
                let scoreCurrency = score.currency.isEmpty ? currency : score.currency
                firstOrderDay = score.firstOrderDay; lastOrderDay = score.lastOrderDay
                predictedClv = Amount(score.lifetimeValueMinor, currency: scoreCurrency)
                probabilityAlive = score.probabilityAlive
                churnRisk = score.churnRisk
                expectedPurchases = score.expectedPurchases
                expectedOrderValue = Amount(score.expectedOrderValueMinor, currency: scoreCurrency)
                segment = score.segment
                segmentTitle = RFMSegment(rawValue: score.segment)?.title
                rfm = RFM(recency: score.recencyScore, frequency: score.frequencyScore, monetary: score.monetaryScore)
            }
            if let run, run.id == profile.score?.runID || profile.score == nil {
                self.run = RunBrief(id: run.id, model: run.model, createdAt: run.createdAt, clvMonths: run.clvMonths, horizonDays: run.horizonDays)
            }
        }
    }

    /// A recent order on the profile.
    struct PurchaseView: Encodable, Sendable {
        var orderID: Int64
        var name: String
        var createdAt: Date
        var total: Amount
        var locationID: Int64?
        var locationName: String?
        var lines: [RecentPurchaseLine]

        init(_ purchase: RecentPurchase) {
            orderID = purchase.orderID; name = purchase.name; createdAt = purchase.createdAt
            total = Amount(purchase.totalMinor, currency: purchase.currency)
            locationID = purchase.locationID; locationName = purchase.locationName; lines = purchase.lines
        }
    }

    /// A score row with its churn risk, segment label and money spelled out.
    struct ScoreView: Encodable, Sendable {
        var score: CustomerScoreRow
        var currency: String

        init(_ score: CustomerScoreRow, currency: String) {
            self.score = score
            self.currency = score.currency.isEmpty ? currency : score.currency
        }

        enum Extra: String, CodingKey { case churnRisk, segmentTitle, lifetimeValue, spend }

        func encode(to encoder: any Encoder) throws {
            try score.encode(to: encoder)
            var container = encoder.container(keyedBy: Extra.self)
            try container.encode(score.churnRisk, forKey: .churnRisk)
            try container.encodeIfPresent(RFMSegment(rawValue: score.segment)?.title, forKey: .segmentTitle)
            try container.encode(Amount(score.lifetimeValueMinor, currency: currency), forKey: .lifetimeValue)
            try container.encode(Amount(score.spendMinor, currency: currency), forKey: .spend)
        }
    }

    struct ScorePage: Encodable, Sendable {
        var run: CustomerValueRun
        /// Customers matching the filter before `limit` and `offset`.
        var total: Int
        var limit: Int
        var offset: Int
        var items: [ScoreView]
    }

    /// One segment with its label, money and where to export it.
    struct SegmentView: Encodable, Sendable {
        var segment: String
        var title: String
        var customers: Int
        var lifetimeValue: Amount
        var spend: Amount
        var meanProbabilityAlive: Double
        var emailConsented: Int
        var smsConsented: Int
        var exportPath: String

        init(_ summary: SegmentSummary, currency: String) {
            segment = summary.segment
            title = RFMSegment(rawValue: summary.segment)?.title ?? summary.segment
            customers = summary.customers
            lifetimeValue = Amount(summary.lifetimeValueMinor, currency: currency)
            spend = Amount(summary.spendMinor, currency: currency)
            meanProbabilityAlive = summary.meanProbabilityAlive
            emailConsented = summary.emailConsented
            smsConsented = summary.smsConsented
            exportPath = "/api/v1/customers/export?segment=\(summary.segment)&channel=email&format=csv"
        }
    }

    struct SegmentList: Encodable, Sendable {
        var run: CustomerValueRun
        var customers: Int
        var items: [SegmentView]
    }

    struct RunList: Encodable, Sendable {
        var items: [CustomerValueRun]
        var limit: Int
    }

    /// A JSON export: profiles in the shape of Klaviyo's profile import (`email`, `phone_number`,
    /// `first_name`, `last_name`, `properties`), with Mailchimp-style `tags`.
    struct AudienceExport: Encodable, Sendable {
        var segment: String
        var channel: String
        var run: CustomerValueRun
        var count: Int
        var profiles: [AudienceProfile]
    }

    struct AudienceProfile: Encodable, Sendable {
        struct Properties: Encodable, Sendable {
            var storewiseCustomerId: Int64
            var segment: String
            var segmentTitle: String
            /// Numbers, so a marketing tool can filter on them ("CLV above 200").
            var predictedClv: Decimal
            var churnRisk: Double
            var orders: Int
            var lastOrderDay: String
            var currency: String
        }

        var email: String?
        var phoneNumber: String?
        var firstName: String?
        var lastName: String?
        var tags: [String]
        var properties: Properties

        init(_ member: AudienceMember, currency: String) {
            let code = member.currency.isEmpty ? currency : member.currency
            email = member.email; phoneNumber = member.phone; firstName = member.firstName; lastName = member.lastName
            tags = member.tags
            properties = Properties(
                storewiseCustomerId: member.customerID, segment: member.segment,
                segmentTitle: RFMSegment(rawValue: member.segment)?.title ?? member.segment,
                predictedClv: Decimal(string: Money(minorUnits: member.lifetimeValueMinor, currency: code).decimalString) ?? 0,
                churnRisk: ((1 - member.probabilityAlive) * 1000).rounded() / 1000, orders: member.orders,
                lastOrderDay: member.lastOrderDay, currency: code)
        }
    }
}
