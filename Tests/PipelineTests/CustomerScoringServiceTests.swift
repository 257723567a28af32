import Commerce
import Foundation
import Pipeline
import Storage
import Testing
import TestSupport

/// Rescoring after ingest: a shop is scored when its event log grew since its latest run, and
/// only then.
@Suite struct CustomerScoringServiceTests {
    @Test func scoresShopsWhoseEventLogGrew() async throws {
        let (store, shopID, directory) = try await CustomerScoringJobTests().handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = CustomerScoringService(store: store, options: CustomerScoringJobTests().options())
        var refused: [Int64: Int] = [:]
        #expect(await service.scoreChangedShops(refused: &refused) == [shopID])
        let first = try #require(try await store.latestCustomerValueRun(shopID: shopID))
        #expect(first.eventCount == (try await store.eventCount(shopID: shopID)))
        // Nothing new: nothing to do.
        #expect(await service.scoreChangedShops(refused: &refused).isEmpty)
        // A new order arrives: the shop is scored again.
        let order = SampleOrders.order(id: 11, name: "#11", createdAt: "2024-02-14T12:00:00Z", customer: CustomerScoringJobTests.customer(
            7001, "Ada", email: "ada@example.com", phone: nil, emailConsent: true, smsConsent: false))
        _ = try await store.ingest([IncomingEvent(shopID: shopID, topic: .ordersCreate, webhookID: "order-11", body: ShopifyJSON.encode(.order(order)),
                                                  payload: .order(order), receivedAt: Date(), source: .webhook)])
        #expect(await service.scoreChangedShops(refused: &refused) == [shopID])
        #expect(try await store.customerScore(shopID: shopID, customerID: 7001)?.orders == 4)
    }

    @Test func aShopThatCannotBeScoredWaitsForNewEvents() async throws {
        let (store, shopID, directory) = try await CustomerScoringJobTests().handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = CustomerScoringJobTests().options()
        options.minimumCustomers = 50
        let service = CustomerScoringService(store: store, options: options)
        var refused: [Int64: Int] = [:]
        #expect(await service.scoreChangedShops(refused: &refused).isEmpty)
        #expect(refused[shopID] == (try await store.eventCount(shopID: shopID)))
        #expect(try await store.latestCustomerValueRun(shopID: shopID) == nil)
    }

    @Test func theRunningServiceScoresSoonAfterStartAndStopsWhenCancelled() async throws {
        let (store, shopID, directory) = try await CustomerScoringJobTests().handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = CustomerScoringService(store: store, options: CustomerScoringJobTests().options(), interval: .milliseconds(20))
        let task = Task { try await service.run() }
        var run: CustomerValueRun?
        for _ in 0..<250 where run == nil {
            try await Task.sleep(for: .milliseconds(20))
            run = try await store.latestCustomerValueRun(shopID: shopID)
        }
        task.cancel()
        _ = await task.result
        #expect(run?.customers == 3)
    }
}
