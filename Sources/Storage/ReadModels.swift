import Commerce
import Foundation

/// One order as the read API lists it.
public struct OrderSummary: Hashable, Sendable, Codable {
    public var id: Int64
    public var name: String
    public var createdAt: Date
    public var updatedAt: Date
    public var cancelledAt: Date?
    public var channel: String
    public var locationID: Int64?
    public var customerID: Int64?
    public var financialStatus: String?
    public var fulfillmentStatus: String?
    public var totalPrice: Money
    public var totalDiscounts: Money
    public var lineItemCount: Int
    public var units: Int

    public init(
        id: Int64, name: String, createdAt: Date, updatedAt: Date, cancelledAt: Date?, channel: String,
        locationID: Int64?, customerID: Int64?, financialStatus: String?, fulfillmentStatus: String?,
        totalPrice: Money, totalDiscounts: Money, lineItemCount: Int, units: Int
    ) {
        self.id = id; self.name = name; self.createdAt = createdAt; self.updatedAt = updatedAt
        self.cancelledAt = cancelledAt; self.channel = channel; self.locationID = locationID
        self.customerID = customerID; self.financialStatus = financialStatus
        self.fulfillmentStatus = fulfillmentStatus; self.totalPrice = totalPrice
        self.totalDiscounts = totalDiscounts; self.lineItemCount = lineItemCount; self.units = units
    }
}

/// Units sold, refunded and revenue of one variant at one location on one shop-local day.
public struct DemandDay: Hashable, Sendable, Codable {
    public var variantID: Int64
    /// The order's location; for online orders the shop's online location (`Shop.onlineLocationID`), else `Location.onlineID` (0).
    public var locationID: Int64
    /// The shop's calendar day, "YYYY-MM-DD".
    public var day: String
    public var units: Int
    public var refundedUnits: Int
    /// Net revenue in minor units of the shop currency.
    public var revenueMinor: Int64
    /// Whether the variant was available at the location at some point that day (sold, or stock > 0).
    public var inStock: Bool

    public init(variantID: Int64, locationID: Int64, day: String, units: Int, refundedUnits: Int, revenueMinor: Int64, inStock: Bool) {
        self.variantID = variantID; self.locationID = locationID; self.day = day; self.units = units
        self.refundedUnits = refundedUnits; self.revenueMinor = revenueMinor; self.inStock = inStock
    }
}

/// Shop-wide sales of one shop-local day, for the dashboard chart.
public struct SalesDay: Hashable, Sendable, Codable {
    public var day: String
    public var orders: Int
    public var units: Int
    public var revenueMinor: Int64
    public var posOrders: Int

    public init(day: String, orders: Int, units: Int, revenueMinor: Int64, posOrders: Int) {
        self.day = day; self.orders = orders; self.units = units; self.revenueMinor = revenueMinor; self.posOrders = posOrders
    }
}

/// Sales of one location over a span of days, for the dashboard and API.
public struct LocationSales: Hashable, Sendable, Codable {
    public var locationID: Int64
    /// The location's name, "Online Store" for `Location.onlineID`, or nil when no locations/* event named it.
    public var name: String?
    public var orders: Int
    public var units: Int
    public var revenueMinor: Int64

    public init(locationID: Int64, name: String?, orders: Int, units: Int, revenueMinor: Int64) {
        self.locationID = locationID; self.name = name; self.orders = orders; self.units = units; self.revenueMinor = revenueMinor
    }
}

/// Ingest status of a shop: what the dashboard's header and `storewise status` show.
public struct ShopStats: Hashable, Sendable, Codable {
    public var events: Int
    public var eventsByTopic: [String: Int]
    public var lastEventAt: Date?
    public var orders: Int
    public var products: Int
    public var variants: Int
    public var customers: Int
    public var locations: Int
    public var demandRows: Int
    public var firstOrderAt: Date?
    public var lastOrderAt: Date?

    public init(
        events: Int, eventsByTopic: [String: Int], lastEventAt: Date?, orders: Int, products: Int,
        variants: Int, customers: Int, locations: Int, demandRows: Int, firstOrderAt: Date?, lastOrderAt: Date?
    ) {
        self.events = events; self.eventsByTopic = eventsByTopic; self.lastEventAt = lastEventAt
        self.orders = orders; self.products = products; self.variants = variants; self.customers = customers
        self.locations = locations; self.demandRows = demandRows; self.firstOrderAt = firstOrderAt
        self.lastOrderAt = lastOrderAt
    }
}

/// Everything Storewise holds about one customer: the answer to customers/data_request.
public struct CustomerDataExport: Hashable, Sendable, Codable {
    public var customer: Customer?
    /// The customer's orders, each with its line items and refunds.
    public var orders: [Order]

    public init(customer: Customer?, orders: [Order]) {
        self.customer = customer; self.orders = orders
    }
}
