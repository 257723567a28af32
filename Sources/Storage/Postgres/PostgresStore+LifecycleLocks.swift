import Foundation
import Logging
import PostgresNIO

/// The advisory-lock namespaces of the lifecycle stores: the first key of the two-key form
/// `pg_advisory_xact_lock(namespace, key)`. Two-key locks never collide with the one-bigint-key
/// locks (migrations), and a hash collision inside a namespace only serializes two writers more.
enum LifecycleLock {
    /// `hashtext(dedupe_key)`: one live job per dedupe key across processes.
    static let jobDedupe = "710001"
    /// `hashtext(shop_id || ':' || kind)`: the next version number per shop × kind.
    static let modelVersion = "710002"
    /// Key 0: alias moves commit in history-id order, so `latestAliasMoveID` only grows as readers see it.
    static let aliasMoves = "710003"
    /// `hashtext(shop_id || ':' || kind || ':' || type)`: one open alert per shop × kind × type.
    static let alerts = "710004"
}

extension PostgresStore {
    /// Throws `StorageError.unknownShop` when the shop does not exist (as SQLite's `requireShop`).
    static func requireLifecycleShop(_ connection: PostgresConnection, _ shopID: Int64, logger: Logger) async throws {
        let found = try await connection.rows("SELECT 1 FROM shops WHERE id = \(shopID)", logger: logger)
        if found.isEmpty { throw StorageError.unknownShop(id: shopID) }
    }
}
