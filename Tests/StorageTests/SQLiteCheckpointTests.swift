import Commerce
import Foundation
import Testing
@testable import Storage

@Suite struct SQLiteCheckpointTests {
    /// The background checkpoint copies every committed WAL frame into the database file while
    /// no reader holds an old snapshot; the WAL is kept (not restarted) while it is small.
    @Test func checkpointCopiesTheWholeLog() async throws {
        let db = try TestDatabase()
        let shop = try await db.makeShop()
        let orders = (1...50).map { id in
            orderEvent(shopID: shop.id, makeOrder(id: Int64(id), createdAt: "2024-03-10T12:00:00Z",
                                                  lines: [line(Int64(id), variant: 11, quantity: 1, price: 1500)]))
        }
        _ = try await db.ingest(orders)
        let result = try #require(try db.store.checkpoint())
        #expect(result.walFrames > 0)
        #expect(result.checkpointedFrames == result.walFrames)
        #expect(result.walFrames < SQLiteStore.restartSize && !result.restarted)
        #expect(try SQLiteStore.inMemory().checkpoint() == nil)
    }
}
