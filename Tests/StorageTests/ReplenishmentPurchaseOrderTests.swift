import Commerce
import Foundation
@testable import Storage
import Testing
import TestSupport

/// Purchase-order edits and status moves through `ReplenishmentStore`, on every backend.
@Suite struct ReplenishmentPurchaseOrderTests {
    typealias Data = ReplenishmentTestData

    /// A store with one shop and one plan that drafted an Acme order (10 × variant 11, 4 × variant 12).
    func makeDraft(_ backend: Backend) async throws -> (db: ConformanceDatabase, shopID: Int64, order: PurchaseOrderDraft) {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let plan = try await db.store.saveReplenishmentPlan(
            Data.run(shopID: shop.id), lines: [], transfers: [], drafts: [Data.draft(shopID: shop.id, vendor: "Acme")], keepPlans: 5)
        let order = try #require(try await db.store.purchaseOrders(shopID: shop.id, statuses: []).first)
        #expect(order.planRunID == plan.id)
        return (db, shop.id, order)
    }

    @Test(arguments: Backend.all) func draftsRoundTrip(_ backend: Backend) async throws {
        let (db, shopID, order) = try await makeDraft(backend)
        var expected = Data.draft(shopID: shopID, vendor: "Acme")
        expected.id = order.id
        expected.planRunID = order.planRunID
        #expect(order == expected)
        #expect(try await db.store.purchaseOrder(shopID: shopID, id: order.id) == expected)
        // 10 × 700 + 4 × 750 = 10,000 minor units.
        #expect(order.totalUnits == 14 && order.totalCostMinor == 10_000)
        #expect(try await db.store.purchaseOrders(shopID: shopID, statuses: [.ordered, .approved]).isEmpty)
        let other = try await db.makeShop(domain: "other.myshopify.com")
        #expect(try await db.store.purchaseOrder(shopID: other.id, id: order.id) == nil)
    }

    @Test(arguments: Backend.all) func editingALineKeepsTheSuggestionAndZeroRemovesIt(_ backend: Backend) async throws {
        let (db, shopID, order) = try await makeDraft(backend)
        let store: any ReplenishmentStore = db.store
        let edited = try await store.updatePurchaseOrderLine(shopID: shopID, orderID: order.id, variantID: 11, locationID: 0, quantity: 12)
        #expect(edited.lines.map(\.quantity) == [12, 4])
        #expect(edited.lines.map(\.suggestedQuantity) == [10, 4])
        #expect(edited.lines.map(\.isEdited) == [true, false])
        #expect(edited.updatedAt > order.updatedAt)
        // 12 × 700 + 4 × 750 = 11,400.
        #expect(edited.totalCostMinor == 11_400)

        let removed = try await store.updatePurchaseOrderLine(shopID: shopID, orderID: order.id, variantID: 12, locationID: 0, quantity: 0)
        #expect(removed.lines.map(\.variantID) == [11])
        #expect(try await store.purchaseOrder(shopID: shopID, id: order.id) == removed)
    }

    @Test(arguments: Backend.all) func refusedEdits(_ backend: Backend) async throws {
        let (db, shopID, order) = try await makeDraft(backend)
        let store: any ReplenishmentStore = db.store
        await #expect(throws: PurchaseOrderError.invalidQuantity(-1)) {
            try await store.updatePurchaseOrderLine(shopID: shopID, orderID: order.id, variantID: 11, locationID: 0, quantity: -1)
        }
        await #expect(throws: PurchaseOrderError.lineNotFound(orderID: order.id, variantID: 11, locationID: 77)) {
            try await store.updatePurchaseOrderLine(shopID: shopID, orderID: order.id, variantID: 11, locationID: 77, quantity: 3)
        }
        await #expect(throws: PurchaseOrderError.notFound(id: order.id + 100)) {
            try await store.updatePurchaseOrderLine(shopID: shopID, orderID: order.id + 100, variantID: 11, locationID: 0, quantity: 3)
        }
        let other = try await db.makeShop(domain: "other.myshopify.com")
        await #expect(throws: PurchaseOrderError.notFound(id: order.id)) {
            try await store.updatePurchaseOrderLine(shopID: other.id, orderID: order.id, variantID: 11, locationID: 0, quantity: 3)
        }
        _ = try await store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id, status: .approved, expectedArrivalDay: nil)
        await #expect(throws: PurchaseOrderError.notEditable(id: order.id, status: .approved)) {
            try await store.updatePurchaseOrderLine(shopID: shopID, orderID: order.id, variantID: 11, locationID: 0, quantity: 3)
        }
        // Nothing changed by the refusals.
        #expect(try await store.purchaseOrder(shopID: shopID, id: order.id)?.lines == order.lines)
    }

    @Test(arguments: Backend.all) func statusMovesAlongTheLifeOfAnOrder(_ backend: Backend) async throws {
        let (db, shopID, order) = try await makeDraft(backend)
        let store: any ReplenishmentStore = db.store
        let approved = try await store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id, status: .approved, expectedArrivalDay: nil)
        #expect(approved.status == .approved)
        #expect(approved.expectedArrivalDay == "2024-04-15")  // nil keeps the drafted day
        #expect(approved.updatedAt > order.updatedAt)
        let back = try await store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id, status: .draft, expectedArrivalDay: nil)
        #expect(back.status == .draft)
        _ = try await store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id, status: .approved, expectedArrivalDay: nil)
        let ordered = try await store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id, status: .ordered, expectedArrivalDay: "2024-04-20")
        #expect(ordered.status == .ordered && ordered.expectedArrivalDay == "2024-04-20")
        let received = try await store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id, status: .received, expectedArrivalDay: nil)
        #expect(received.status == .received && received.expectedArrivalDay == "2024-04-20")
        #expect(received.lines == order.lines)
        await #expect(throws: PurchaseOrderError.invalidTransition(id: order.id, from: .received, to: .cancelled)) {
            try await store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id, status: .cancelled, expectedArrivalDay: nil)
        }
        await #expect(throws: PurchaseOrderError.notFound(id: order.id + 100)) {
            try await store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id + 100, status: .approved, expectedArrivalDay: nil)
        }
    }

    /// Moves allowed, by the rule in `PurchaseOrderStatus`'s documentation: draft → approved |
    /// cancelled | superseded; approved → ordered | draft | cancelled; ordered → received | cancelled.
    static let allowed: Set<[PurchaseOrderStatus]> = [
        [.draft, .approved], [.draft, .cancelled], [.draft, .superseded],
        [.approved, .ordered], [.approved, .draft], [.approved, .cancelled],
        [.ordered, .received], [.ordered, .cancelled],
    ]

    /// How to reach each status from a fresh draft.
    static let path: [PurchaseOrderStatus: [PurchaseOrderStatus]] = [
        .draft: [], .approved: [.approved], .ordered: [.approved, .ordered], .received: [.approved, .ordered, .received],
        .cancelled: [.cancelled], .superseded: [.superseded],
    ]

    @Test(arguments: Backend.all, PurchaseOrderStatus.allCases)
    func everyMoveFollowsTheRule(_ backend: Backend, from: PurchaseOrderStatus) async throws {
        for to in PurchaseOrderStatus.allCases {
            let (db, shopID, order) = try await makeDraft(backend)
            for step in Self.path[from]! {
                _ = try await db.store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id, status: step, expectedArrivalDay: nil)
            }
            if Self.allowed.contains([from, to]) {
                let moved = try await db.store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id, status: to, expectedArrivalDay: nil)
                #expect(moved.status == to, "\(from) → \(to)")
            } else {
                await #expect(throws: PurchaseOrderError.invalidTransition(id: order.id, from: from, to: to), "\(from) → \(to)") {
                    try await db.store.setPurchaseOrderStatus(shopID: shopID, orderID: order.id, status: to, expectedArrivalDay: nil)
                }
                #expect(try await db.store.purchaseOrder(shopID: shopID, id: order.id)?.status == from)
            }
        }
    }
}

/// Two PostgreSQL clients (as two `serve` replicas) acting on one shop's orders and plans at
/// once: the row lock and the per-shop plan lock make them apply one after the other.
@Suite struct ReplenishmentTwoClientTests {
    typealias Data = ReplenishmentTestData

    /// Two stores on one fresh database, each with its own pool.
    final class Clients: Sendable {
        let stores: [PostgresStore]
        private let lifetimes: [PostgresLifetime]

        init() async throws {
            let url = try await TestPostgres.freshDatabaseURL()
            stores = try (0..<2).map { _ in try PostgresStore(url: url, maximumConnections: 4) }
            lifetimes = stores.map(PostgresLifetime.init)
        }
    }

    func shop(_ store: PostgresStore) async throws -> Int64 {
        try await store.createShop(
            Shop(id: 9, domain: "demo.myshopify.com", name: "Demo", currency: "USD", timeZone: "America/New_York"),
            webhookSecret: "secret", apiTokenHash: "hash", at: utc("2024-01-01T00:00:00Z")).id
    }

    @Test func anOrderIsApprovedOnceWhenTwoClientsTryAtOnce() async throws {
        guard TestPostgres.isAvailable else { return TestPostgres.noteSkipped() }
        let clients = try await Clients()
        let shopID = try await shop(clients.stores[0])
        _ = try await clients.stores[0].saveReplenishmentPlan(
            Data.run(shopID: shopID), lines: [], transfers: [], drafts: [Data.draft(shopID: shopID, vendor: "Acme")], keepPlans: 5)
        let order = try #require(try await clients.stores[1].purchaseOrders(shopID: shopID, statuses: []).first)
        // Eight attempts, four per client: draft → approved is allowed once; every later one
        // finds the order approved (approved → approved is not a move).
        let outcomes = await withTaskGroup(of: Result<PurchaseOrderDraft, any Error>.self) { group in
            for attempt in 0..<8 {
                let store = clients.stores[attempt % 2]
                group.addTask {
                    do {
                        return .success(try await store.setPurchaseOrderStatus(
                            shopID: shopID, orderID: order.id, status: .approved, expectedArrivalDay: "2024-04-\(10 + attempt)"))
                    } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: [Result<PurchaseOrderDraft, any Error>]()) { $0.append($1) }
        }
        let approved = outcomes.compactMap { try? $0.get() }
        #expect(approved.count == 1)
        for case .failure(let error) in outcomes {
            #expect(error as? PurchaseOrderError == .invalidTransition(id: order.id, from: .approved, to: .approved))
        }
        // The one that won set its arrival day; the refused ones left no trace.
        let stored = try #require(try await clients.stores[0].purchaseOrder(shopID: shopID, id: order.id))
        #expect(stored.status == .approved && stored.expectedArrivalDay == approved.first?.expectedArrivalDay)
    }

    @Test func plansSavedByTwoClientsAtOnceLeaveOneCurrentDraftAndTheNewestPlans() async throws {
        guard TestPostgres.isAvailable else { return TestPostgres.noteSkipped() }
        let clients = try await Clients()
        let shopID = try await shop(clients.stores[0])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<2 {
                let store = clients.stores[client]
                group.addTask {
                    for i in 0..<4 {
                        _ = try await store.saveReplenishmentPlan(
                            Data.run(shopID: shopID), lines: Data.lines(), transfers: Data.transfers(),
                            drafts: [Data.draft(shopID: shopID, vendor: "V\(client)-\(i)")], keepPlans: 2)
                    }
                }
            }
            try await group.waitForAll()
        }
        // Saves run one at a time per shop, so the last to commit saw all the others: the two
        // newest plans remain with their lines, and only the newest plan's draft is current.
        let plans = try await clients.stores[1].replenishmentPlans(shopID: shopID, limit: 10)
        #expect(plans.count == 2)
        let newest = try #require(plans.first)
        for plan in plans {
            #expect(try await clients.stores[1].replenishmentLines(shopID: shopID, planID: plan.id, query: Data.query()).total == 6)
        }
        let orders = try await clients.stores[0].purchaseOrders(shopID: shopID, statuses: [])
        #expect(orders.count == 8)
        #expect(orders.filter { $0.status == .draft }.map(\.planRunID) == [newest.id])
        #expect(orders.filter { $0.status == .superseded }.count == 7)
    }
}
