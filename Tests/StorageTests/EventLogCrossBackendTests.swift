import Commerce
import Foundation
import Logging
import PostgresNIO
@testable import Storage
import Synchronization
import Testing
import TestSupport

/// The event log across backends and across processes: SQLite and PostgreSQL build the same
/// projections (row for row, digest for digest) from the same events, and two PostgreSQL clients
/// ingesting one shop at once keep its log in commit order.
@Suite struct EventLogCrossBackendTests {
    /// The replay suite's history (every projection rule) plus a dispute.
    func history(_ db: ConformanceDatabase, shopID: Int64) async throws {
        try await SQLiteReplayTests().ingestHistory(db, shopID: shopID)
        let dispute = Dispute(id: 31, orderID: 1001, type: "chargeback", amount: usd(2700), reason: "fraudulent",
                              status: "needs_response", initiatedAt: utc("2024-03-20T10:00:00Z"))
        let outcomes = try await db.ingest([event(shopID: shopID, .dispute(dispute), topic: .disputesCreate, webhookID: "d31")])
        guard case .stored(_, true)? = outcomes.first else { Issue.record("\(outcomes)"); return }
    }

    @Test func sqliteAndPostgresBuildTheSameProjectionsAndDigest() async throws {
        guard TestPostgres.isAvailable else { print(TestPostgres.skipReason); return }
        let sqlite = try await ConformanceDatabase(.sqlite)
        let postgres = try await ConformanceDatabase(.postgres)
        let sqliteShop = try await sqlite.makeShop()
        let postgresShop = try await postgres.makeShop()
        try await history(sqlite, shopID: sqliteShop.id)
        try await history(postgres, shopID: postgresShop.id)

        for table in SQLiteMigrations.projectionTables.map(\.name) + ["disputes"] {
            let expected = try await sqlite.rows(table, shopID: sqliteShop.id)
            #expect(!expected.isEmpty, "\(table) has rows")
            #expect(try await postgres.rows(table, shopID: postgresShop.id) == expected, "table \(table)")
        }
        let digest = try await sqlite.store.projectionDigest(shopID: sqliteShop.id)
        #expect(try await postgres.store.projectionDigest(shopID: postgresShop.id) == digest)

        // The reads agree too.
        #expect(try await postgres.store.stats(shopID: postgresShop.id) == sqlite.store.stats(shopID: sqliteShop.id))
        #expect(try await postgres.store.products(shopID: postgresShop.id, limit: 10, offset: 0)
                == sqlite.store.products(shopID: sqliteShop.id, limit: 10, offset: 0))
        #expect(try await postgres.store.salesByLocation(shopID: postgresShop.id, fromDay: nil, toDay: nil)
                == sqlite.store.salesByLocation(shopID: sqliteShop.id, fromDay: nil, toDay: nil))
        #expect(try await postgres.store.customerData(shopID: postgresShop.id, customerID: 2)
                == sqlite.store.customerData(shopID: sqliteShop.id, customerID: 2))
        #expect(try await postgres.store.latestDemandDay(shopID: postgresShop.id) == sqlite.store.latestDemandDay(shopID: sqliteShop.id))

        // A replay on PostgreSQL rebuilds the same rows.
        try await postgres.store.rebuildProjections(shopID: postgresShop.id) { _, _ in }
        #expect(try await postgres.store.projectionDigest(shopID: postgresShop.id) == digest)
    }

    /// Orders over 3 variants and 4 days, so that concurrent batches share demand rows.
    static func batches(shopID: Int64, count: Int, size: Int) -> [[IncomingEvent]] {
        (0..<count).map { batch in
            (0..<size).map { index in
                let id = Int64(batch * size + index + 1)
                let day = 10 + Int(id % 4)
                let order = makeOrder(id: id, createdAt: "2024-03-\(day)T15:00:00Z",
                                      lines: [line(id * 10, variant: 11 + id % 3, quantity: 1 + Int(id % 2), price: 1000 + id)])
                return orderEvent(shopID: shopID, order, webhookID: "o\(id)", topic: .ordersCreate)
            }
        }
    }

    /// Two clients (two "replicas") ingest interleaved batches of one shop at once while a third
    /// tails the log by `sequence > cursor`, as risk catch-up does. Under the per-shop lock every
    /// event commits in sequence order, so the tailer never skips one; the projections equal
    /// those of a single client ingesting the same batches one after the other.
    @Test func twoClientsIngestOneShopConcurrently() async throws {
        guard TestPostgres.isAvailable else { print(TestPostgres.skipReason); return }
        let url = try await TestPostgres.freshDatabaseURL()
        let clients = try (0..<3).map { _ in try PostgresStore(url: url, maximumConnections: 4, logger: Logger(label: "test.quiet")) }
        let lifetimes = clients.map(PostgresLifetime.init)
        defer { _ = lifetimes }
        let shop = try await clients[0].createShop(Shop(id: 9, domain: "race.myshopify.com", name: "Race", currency: "USD", timeZone: "UTC"),
                                                   webhookSecret: "s", apiTokenHash: "h", at: utc("2024-01-01T00:00:00Z"))
        let batches = Self.batches(shopID: shop.id, count: 40, size: 5)
        let done = Flag()

        async let tailed: [Int64] = {
            var seen: [Int64] = [], cursor: Int64 = 0
            while true {
                let finished = done.value.load(ordering: .acquiring)
                let page = try await clients[2].events(shopID: shop.id, after: cursor, limit: 1_000)
                seen += page.map(\.sequence)
                cursor = page.last?.sequence ?? cursor
                if finished && page.isEmpty { return seen }
            }
        }()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<2 {
                group.addTask {
                    for (index, batch) in batches.enumerated() where index % 2 == client {
                        let outcomes = try await clients[client].ingest(batch)
                        #expect(outcomes.allSatisfy { if case .stored(_, true) = $0 { true } else { false } }, "\(outcomes)")
                    }
                }
            }
            try await group.waitForAll()
        }
        done.value.store(true, ordering: .releasing)
        let seen = try await tailed

        let log = try await clients[0].events(shopID: shop.id, after: 0, limit: 10_000)
        #expect(log.count == 200)
        #expect(Set(log.map(\.webhookID)).count == 200, "every event once")
        #expect(log.map(\.sequence) == log.map(\.sequence).sorted())
        #expect(seen == log.map(\.sequence), "the tailer saw every event, in order, none skipped")

        let single = try await ConformanceDatabase(.postgres)
        let singleShop = try await single.store.createShop(
            Shop(id: 9, domain: "race.myshopify.com", name: "Race", currency: "USD", timeZone: "UTC"),
            webhookSecret: "s", apiTokenHash: "h", at: utc("2024-01-01T00:00:00Z"))
        for batch in Self.batches(shopID: singleShop.id, count: 40, size: 5) {
            _ = try await single.ingest(batch)
        }
        #expect(try await clients[1].projectionDigest(shopID: shop.id) == single.store.projectionDigest(shopID: singleShop.id))
        let demand = try await clients[1].demand(shopID: shop.id, variantID: nil, locationID: nil, fromDay: nil, toDay: nil, limit: 100)
        // 200 orders: ids 1…200, units 1 + id % 2, so 100 × 1 + 100 × 2 = 300 units in all.
        #expect(demand.reduce(0) { $0 + $1.units } == 300)
        #expect(demand.count == 12)
    }
}

/// A flag shared with a child task (an `Atomic` itself cannot be captured: it is not copyable).
private final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}
