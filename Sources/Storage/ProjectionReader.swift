import Commerce
import Foundation

/// Read access to a shop's projections (orders, catalog, customers, daily demand).
public protocol ProjectionReader: Sendable {
    /// Orders created in `[from, to)`, newest first.
    func orders(shopID: Int64, from: Date?, to: Date?, limit: Int, offset: Int) async throws -> [OrderSummary]
    func order(shopID: Int64, id: Int64) async throws -> Order?
    /// Products with their variants, by title.
    func products(shopID: Int64, limit: Int, offset: Int) async throws -> [Product]
    func customer(shopID: Int64, id: Int64) async throws -> Customer?
    func locations(shopID: Int64) async throws -> [Location]
    /// Daily demand rows, sparse (days with a sale, refund or stock change), ordered by variant,
    /// location and day. Filters are optional.
    func demand(shopID: Int64, variantID: Int64?, locationID: Int64?, fromDay: String?, toDay: String?, limit: Int) async throws -> [DemandDay]
    /// Shop-wide sales per shop-local day (non-cancelled, non-test orders).
    func salesByDay(shopID: Int64, fromDay: String?, toDay: String?) async throws -> [SalesDay]
    /// Sales per location (online orders at the shop's online location) over shop-local days.
    func salesByLocation(shopID: Int64, fromDay: String?, toDay: String?) async throws -> [LocationSales]
    func stats(shopID: Int64) async throws -> ShopStats
    /// customers/data_request: everything held about the customer.
    func customerData(shopID: Int64, customerID: Int64) async throws -> CustomerDataExport
}
