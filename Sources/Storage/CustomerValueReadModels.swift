import Commerce
import Foundation

/// One order as customer summaries read it.
public struct CustomerOrderRow: Sendable, Hashable {
    public var orderID: Int64
    public var customerID: Int64?
    public var email: String?
    public var phone: String?
    public var createdAt: Date
    /// The shop-local day of the order, "YYYY-MM-DD".
    public var day: String
    /// "online" or "pos" (`Channel.rawValue`).
    public var channel: String
    public var totalMinor: Int64
    /// Sum of the order's refunds.
    public var refundedMinor: Int64
    public var currency: String
    public var cancelled: Bool

    public init(orderID: Int64, customerID: Int64?, email: String?, phone: String?, createdAt: Date, day: String, channel: String,
                totalMinor: Int64, refundedMinor: Int64, currency: String, cancelled: Bool) {
        self.orderID = orderID; self.customerID = customerID; self.email = email; self.phone = phone; self.createdAt = createdAt
        self.day = day; self.channel = channel; self.totalMinor = totalMinor; self.refundedMinor = refundedMinor
        self.currency = currency; self.cancelled = cancelled
    }
}

/// How to reach a customer, for joining orders that carry no customer id.
public struct CustomerContact: Sendable, Hashable {
    public var customerID: Int64
    public var email: String?
    public var phone: String?

    public init(customerID: Int64, email: String?, phone: String?) {
        self.customerID = customerID; self.email = email; self.phone = phone
    }
}

/// A scoring run: the models fitted, how well they predicted a holdout, and what was scored.
public struct CustomerValueRun: Sendable, Hashable, Codable {
    public var id: Int64
    public var shopID: Int64
    public var createdAt: Date
    /// `PurchaseModelKind.rawValue` ("bgnbd", "mbgnbd", "paretonbd").
    public var model: String
    /// Purchase-model parameters by name (r, alpha, a, b or r, alpha, s, beta).
    public var parameters: [String: Double]
    /// Gamma-Gamma p, q, v; empty when the spend model fell back to the mean order value.
    public var spendParameters: [String: Double]
    public var meanOrderValue: Double
    public var unitDays: Double
    public var logLikelihood: Double
    public var customers: Int
    public var repeatBuyers: Int
    /// Orders read, and those left out (cancelled, fully refunded, or of no known customer).
    public var orders: Int
    public var skippedOrders: Int
    public var currency: String
    public var horizonDays: Double
    public var clvMonths: Int
    /// The holdout check: the last `holdoutDays` days were hidden, the model fitted on the rest,
    /// and each customer's predicted repeat purchases compared with what they did.
    public var holdout: CustomerHoldout?
    public var seconds: Double
    /// The shop's event count when the run read its data: a newer count means new data.
    public var eventCount: Int

    public init(id: Int64 = 0, shopID: Int64, createdAt: Date, model: String, parameters: [String: Double], spendParameters: [String: Double],
                meanOrderValue: Double, unitDays: Double, logLikelihood: Double, customers: Int, repeatBuyers: Int, orders: Int,
                skippedOrders: Int, currency: String, horizonDays: Double, clvMonths: Int, holdout: CustomerHoldout?, seconds: Double,
                eventCount: Int) {
        self.id = id; self.shopID = shopID; self.createdAt = createdAt; self.model = model; self.parameters = parameters
        self.spendParameters = spendParameters; self.meanOrderValue = meanOrderValue; self.unitDays = unitDays
        self.logLikelihood = logLikelihood; self.customers = customers; self.repeatBuyers = repeatBuyers; self.orders = orders
        self.skippedOrders = skippedOrders; self.currency = currency; self.horizonDays = horizonDays; self.clvMonths = clvMonths
        self.holdout = holdout; self.seconds = seconds; self.eventCount = eventCount
    }
}

/// Predicted against actual repeat purchases over a hidden last stretch of history.
public struct CustomerHoldout: Sendable, Hashable, Codable {
    public var days: Int
    public var customers: Int
    /// Mean absolute error of predicted repeat purchases per customer.
    public var meanAbsoluteError: Double
    public var predictedPurchases: Double
    public var actualPurchases: Int

    public init(days: Int, customers: Int, meanAbsoluteError: Double, predictedPurchases: Double, actualPurchases: Int) {
        self.days = days; self.customers = customers; self.meanAbsoluteError = meanAbsoluteError
        self.predictedPurchases = predictedPurchases; self.actualPurchases = actualPurchases
    }
}

/// One customer's scores from the latest run, with the history they came from.
public struct CustomerScoreRow: Sendable, Hashable, Codable {
    public var customerID: Int64
    public var runID: Int64
    /// Orders counted (cancelled and fully refunded ones left out), and per channel.
    public var orders: Int
    public var onlineOrders: Int
    public var posOrders: Int
    /// Repeat purchase days x, and t_x and T in days.
    public var frequency: Double
    public var recencyDays: Double
    public var ageDays: Double
    public var firstOrderDay: String
    public var lastOrderDay: String
    /// Lifetime spend net of refunds, and the refunds, in minor units of `currency`.
    public var spendMinor: Int64
    public var refundedMinor: Int64
    public var currency: String
    public var probabilityAlive: Double
    public var expectedPurchases: Double
    public var expectedOrderValueMinor: Int64
    /// Predicted CLV over the run's months, discounted.
    public var lifetimeValueMinor: Int64
    public var recencyScore: Int
    public var frequencyScore: Int
    public var monetaryScore: Int
    /// `RFMSegment.rawValue`.
    public var segment: String

    public var churnRisk: Double { 1 - probabilityAlive }

    public init(customerID: Int64, runID: Int64 = 0, orders: Int, onlineOrders: Int, posOrders: Int, frequency: Double, recencyDays: Double,
                ageDays: Double, firstOrderDay: String, lastOrderDay: String, spendMinor: Int64, refundedMinor: Int64, currency: String,
                probabilityAlive: Double, expectedPurchases: Double, expectedOrderValueMinor: Int64, lifetimeValueMinor: Int64,
                recencyScore: Int, frequencyScore: Int, monetaryScore: Int, segment: String) {
        self.customerID = customerID; self.runID = runID; self.orders = orders; self.onlineOrders = onlineOrders; self.posOrders = posOrders
        self.frequency = frequency; self.recencyDays = recencyDays; self.ageDays = ageDays; self.firstOrderDay = firstOrderDay
        self.lastOrderDay = lastOrderDay; self.spendMinor = spendMinor; self.refundedMinor = refundedMinor; self.currency = currency
        self.probabilityAlive = probabilityAlive; self.expectedPurchases = expectedPurchases
        self.expectedOrderValueMinor = expectedOrderValueMinor; self.lifetimeValueMinor = lifetimeValueMinor
        self.recencyScore = recencyScore; self.frequencyScore = frequencyScore; self.monetaryScore = monetaryScore; self.segment = segment
    }
}

/// Which scores to list, in which order, which page.
public struct CustomerScoreQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable {
        /// Highest predicted CLV first.
        case value
        /// Highest churn risk first, ties by CLV: "who is slipping away".
        case churnRisk = "churn_risk"
        /// Highest lifetime spend first.
        case spend
        /// Most recent last order first.
        case recent
    }

    public var segment: String?
    /// Only customers with at least this churn risk (0…1).
    public var minimumChurnRisk: Double?
    /// Only customers with at least this CLV, in minor units.
    public var minimumValueMinor: Int64?
    public var sort: Sort
    public var limit: Int
    public var offset: Int

    public init(segment: String? = nil, minimumChurnRisk: Double? = nil, minimumValueMinor: Int64? = nil, sort: Sort = .value,
                limit: Int = 50, offset: Int = 0) {
        self.segment = segment; self.minimumChurnRisk = minimumChurnRisk; self.minimumValueMinor = minimumValueMinor
        self.sort = sort; self.limit = limit; self.offset = offset
    }
}

/// One segment of the latest run.
public struct SegmentSummary: Sendable, Hashable, Codable {
    public var segment: String
    public var customers: Int
    public var lifetimeValueMinor: Int64
    public var spendMinor: Int64
    public var meanProbabilityAlive: Double
    /// Customers who may be emailed / texted.
    public var emailConsented: Int
    public var smsConsented: Int

    public init(segment: String, customers: Int, lifetimeValueMinor: Int64, spendMinor: Int64, meanProbabilityAlive: Double,
                emailConsented: Int, smsConsented: Int) {
        self.segment = segment; self.customers = customers; self.lifetimeValueMinor = lifetimeValueMinor; self.spendMinor = spendMinor
        self.meanProbabilityAlive = meanProbabilityAlive; self.emailConsented = emailConsented; self.smsConsented = smsConsented
    }
}

/// The marketing channel an export is for; each has its own consent.
public enum MarketingChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case email
    case sms
}

/// One row of a consent-aware audience export.
public struct AudienceMember: Sendable, Hashable, Codable {
    public var customerID: Int64
    public var email: String?
    public var phone: String?
    public var firstName: String?
    public var lastName: String?
    public var segment: String
    public var lifetimeValueMinor: Int64
    public var spendMinor: Int64
    public var probabilityAlive: Double
    public var expectedPurchases: Double
    public var orders: Int
    public var lastOrderDay: String
    public var currency: String
    public var tags: [String]

    public init(customerID: Int64, email: String?, phone: String?, firstName: String?, lastName: String?, segment: String,
                lifetimeValueMinor: Int64, spendMinor: Int64, probabilityAlive: Double, expectedPurchases: Double, orders: Int,
                lastOrderDay: String, currency: String, tags: [String]) {
        self.customerID = customerID; self.email = email; self.phone = phone; self.firstName = firstName; self.lastName = lastName
        self.segment = segment; self.lifetimeValueMinor = lifetimeValueMinor; self.spendMinor = spendMinor
        self.probabilityAlive = probabilityAlive; self.expectedPurchases = expectedPurchases; self.orders = orders
        self.lastOrderDay = lastOrderDay; self.currency = currency; self.tags = tags
    }
}

/// What a POS clienteling screen shows about one customer.
public struct CustomerProfile: Sendable, Hashable, Codable {
    public var customerID: Int64
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var tags: [String]
    public var acceptsEmailMarketing: Bool
    public var acceptsSMSMarketing: Bool
    /// The customer's scores from the latest run; nil before their first scored order.
    public var score: CustomerScoreRow?
    /// Lifetime spend net of refunds and order count, live from the orders (cancelled and test orders left out).
    public var lifetimeSpendMinor: Int64
    public var orders: Int
    public var currency: String?
    /// Product types by units bought, most first (at most five).
    public var favouriteProductTypes: [ProductTypeCount]
    public var lastOnlinePurchase: RecentPurchase?
    public var lastInStorePurchase: RecentPurchase?

    public init(customerID: Int64, firstName: String?, lastName: String?, email: String?, phone: String?, tags: [String],
                acceptsEmailMarketing: Bool, acceptsSMSMarketing: Bool, score: CustomerScoreRow?, lifetimeSpendMinor: Int64,
                orders: Int, currency: String?, favouriteProductTypes: [ProductTypeCount], lastOnlinePurchase: RecentPurchase?,
                lastInStorePurchase: RecentPurchase?) {
        self.customerID = customerID; self.firstName = firstName; self.lastName = lastName; self.email = email; self.phone = phone
        self.tags = tags; self.acceptsEmailMarketing = acceptsEmailMarketing; self.acceptsSMSMarketing = acceptsSMSMarketing
        self.score = score; self.lifetimeSpendMinor = lifetimeSpendMinor; self.orders = orders; self.currency = currency
        self.favouriteProductTypes = favouriteProductTypes; self.lastOnlinePurchase = lastOnlinePurchase
        self.lastInStorePurchase = lastInStorePurchase
    }
}

/// Units of one product type a customer bought.
public struct ProductTypeCount: Sendable, Hashable, Codable {
    public var productType: String
    public var units: Int

    public init(productType: String, units: Int) { self.productType = productType; self.units = units }
}

/// One recent order with what was in it.
public struct RecentPurchase: Sendable, Hashable, Codable {
    public var orderID: Int64
    public var name: String
    public var createdAt: Date
    public var totalMinor: Int64
    public var currency: String
    public var locationID: Int64?
    public var locationName: String?
    public var lines: [RecentPurchaseLine]

    public init(orderID: Int64, name: String, createdAt: Date, totalMinor: Int64, currency: String, locationID: Int64?,
                locationName: String?, lines: [RecentPurchaseLine]) {
        self.orderID = orderID; self.name = name; self.createdAt = createdAt; self.totalMinor = totalMinor; self.currency = currency
        self.locationID = locationID; self.locationName = locationName; self.lines = lines
    }
}

/// A line of a ``RecentPurchase``.
public struct RecentPurchaseLine: Sendable, Hashable, Codable {
    public var title: String
    public var variantTitle: String?
    public var productType: String?
    public var quantity: Int

    public init(title: String, variantTitle: String?, productType: String?, quantity: Int) {
        self.title = title; self.variantTitle = variantTitle; self.productType = productType; self.quantity = quantity
    }
}
