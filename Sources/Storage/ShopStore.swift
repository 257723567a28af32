import Commerce
import Foundation

/// Shops Storewise serves, looked up by domain (webhooks) or token hash (API).
public protocol ShopStore: Sendable {
    /// Adds a shop. Throws `StorageError.duplicateShop` when the domain is taken.
    func createShop(_ shop: Shop, webhookSecret: String, apiTokenHash: String, at: Date) async throws -> ShopRecord
    func shop(domain: String) async throws -> ShopRecord?
    func shop(id: Int64) async throws -> ShopRecord?
    func shop(apiTokenHash: String) async throws -> ShopRecord?
    func shops() async throws -> [ShopRecord]
    /// Replaces the API token hash (token rotation, or `shops add` run again for a known shop).
    func setAPITokenHash(shopID: Int64, hash: String) async throws
    func markUninstalled(shopID: Int64, at: Date) async throws
}
