import Foundation
@testable import Storage
import Testing

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
