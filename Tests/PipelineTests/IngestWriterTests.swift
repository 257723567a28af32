import Commerce
import Foundation
import Pipeline
import ServiceLifecycle
import Storage
import Testing
import TestSupport

@Suite("Group commit")
struct IngestWriterTests {
    @Test("Hundreds of concurrent submissions each get their own outcome and are all stored")
    func concurrentSubmissions() async throws {
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = try await store.createShop(Shop(domain: "w.myshopify.com", name: "W", currency: "USD", timeZone: "UTC"), webhookSecret: "s", apiTokenHash: "h", at: Date())
        let writer = IngestWriter(log: store, maxBatch: 64)
        let count = 500
        let outcomes = try await withThrowingTaskGroup(of: IngestOutcome.self) { group in
            group.addTask { try await writer.run(); return .duplicate }
            var results: [IngestOutcome] = []
            try await withThrowingTaskGroup(of: IngestOutcome.self) { submissions in
                for index in 0..<count {
                    submissions.addTask {
                        let order = SampleOrders.order(id: Int64(index + 1), name: "#\(index + 1)")
                        // Every tenth submission repeats the webhook id of the one before it.
                        let webhookID = index % 10 == 9 ? "w-\(index - 1)" : "w-\(index)"
                        let event = IncomingEvent(shopID: shop.id, topic: .ordersCreate, webhookID: webhookID, body: ShopifyJSON.encode(.order(order)), payload: .order(order), receivedAt: Date(), source: .webhook)
                        return try await writer.submit(event)
                    }
                }
                for try await outcome in submissions { results.append(outcome) }
            }
            group.cancelAll()
            return results
        }
        let stored = outcomes.filter { if case .stored = $0 { true } else { false } }.count
        let duplicates = outcomes.filter { $0 == .duplicate }.count
        // 500 submissions, 50 of them reusing the previous id. Which of a pair lands first is a
        // race, but exactly one of each pair is stored.
        #expect(stored == 450)
        #expect(duplicates == 50)
        #expect(try await store.eventCount(shopID: shop.id) == 450)
    }
}
