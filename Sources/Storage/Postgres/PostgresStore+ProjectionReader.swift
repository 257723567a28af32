import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: ProjectionReader {
    public func orders(shopID: Int64, from: Date?, to: Date?, limit: Int, offset: Int) async throws -> [OrderSummary] {
        throw PostgresStoreError.notImplemented("ProjectionReader.orders")
    }

    public func order(shopID: Int64, id: Int64) async throws -> Order? {
        throw PostgresStoreError.notImplemented("ProjectionReader.order")
    }

    public func products(shopID: Int64, limit: Int, offset: Int) async throws -> [Product] {
        throw PostgresStoreError.notImplemented("ProjectionReader.products")
    }

    public func customer(shopID: Int64, id: Int64) async throws -> Customer? {
        throw PostgresStoreError.notImplemented("ProjectionReader.customer")
    }

    public func locations(shopID: Int64) async throws -> [Location] {
        throw PostgresStoreError.notImplemented("ProjectionReader.locations")
    }

    public func demand(shopID: Int64, variantID: Int64?, locationID: Int64?, fromDay: String?, toDay: String?, limit: Int) async throws -> [DemandDay] {
        throw PostgresStoreError.notImplemented("ProjectionReader.demand")
    }

    public func salesByDay(shopID: Int64, fromDay: String?, toDay: String?) async throws -> [SalesDay] {
        throw PostgresStoreError.notImplemented("ProjectionReader.salesByDay")
    }

    public func salesByLocation(shopID: Int64, fromDay: String?, toDay: String?) async throws -> [LocationSales] {
        throw PostgresStoreError.notImplemented("ProjectionReader.salesByLocation")
    }

    public func stats(shopID: Int64) async throws -> ShopStats {
        throw PostgresStoreError.notImplemented("ProjectionReader.stats")
    }

    public func customerData(shopID: Int64, customerID: Int64) async throws -> CustomerDataExport {
        throw PostgresStoreError.notImplemented("ProjectionReader.customerData")
    }
}
