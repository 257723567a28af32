import Crypto
import Foundation
import NIOHTTP1
import Pipeline
import ShopifyAdmin
import Storage
import Testing

/// The background loop's pass, its shutdown, and messages to a real listener.
@Suite struct ActionExecutionServiceTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    struct NoClients: AdminClientProvider {
        func client(shopID: Int64) async throws -> AdminClient { throw ActionError.noAdminClient(shopID: shopID) }
    }

    static func message(_ subject: String, ttl: Double? = nil) -> ProposedAction {
        ProposedAction(type: .message, targetType: "merchant", targetID: "ops",
                       payload: ["to": "ops@example.com", "subject": .string(subject), "body": "Mugs run out Friday", "channel": "webhook"],
                       reason: "Stock alert", proposer: "replenishment", timeToLive: ttl)
    }

    @Test func onePassExpiresAndExecutes() async throws {
        let (store, shop) = try await SQLiteStore.lifecycleShop()
        let outbox = FileManager.default.temporaryDirectory.appending(path: "storewise-outbox-\(UUID().uuidString)", directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: outbox) }
        let approvals = ApprovalService(store: store, policy: .standard)
        let stale = try await approvals.propose(Self.message("stale", ttl: 60), shopID: shop, at: Self.t0).proposal
        let go = try await approvals.propose(Self.message("go"), shopID: shop, at: Self.t0).proposal
        _ = try await approvals.approve(shopID: shop, id: go.id, by: .user("ana", source: "ui"), reason: nil, at: Self.t0)
        let service = ActionExecutionService(approvals: approvals, executor: ActionExecutor(store: store, clients: NoClients(), outbox: outbox),
                                             logger: .init(label: "test"))
        await service.pass(now: Self.t0.addingTimeInterval(61))
        #expect(try await store.proposal(id: stale.id, shopID: shop)?.status == .expired)
        #expect(try await store.proposal(id: go.id, shopID: shop)?.status == .executed)
    }

    @Test func runEndsWhenCancelled() async throws {
        let (store, _) = try await SQLiteStore.lifecycleShop()
        let approvals = ApprovalService(store: store, policy: .standard)
        let service = ActionExecutionService(approvals: approvals, executor: ActionExecutor(
            store: store, clients: NoClients(), outbox: FileManager.default.temporaryDirectory), interval: 0.05, logger: .init(label: "test"))
        let task = Task { try await service.run() }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        // Returns (rather than hanging) once cancelled; no time bound asserted.
        try await task.value
    }

    @Test func messageIsPostedSignedToTheWebhook() async throws {
        let server = try await CaptureServer.start(statuses: [.ok])
        let (store, shop) = try await SQLiteStore.lifecycleShop()
        let approvals = ApprovalService(store: store, policy: .standard)
        let executor = ActionExecutor(store: store, clients: NoClients(), outbox: FileManager.default.temporaryDirectory,
                                      options: ActionExecutorOptions(messageWebhookURL: server.url, messageWebhookSecret: "merchant-secret"))
        let p = try await approvals.propose(Self.message("Low stock"), shopID: shop, at: Self.t0).proposal
        _ = try await approvals.approve(shopID: shop, id: p.id, by: .user("ana", source: "ui"), reason: nil, at: Self.t0)
        #expect(try await executor.execute(proposalID: p.id, now: Self.t0)?.status == .executed)
        try await server.stop()
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.headers["x-storewise-topic"] == "action_message")
        #expect(request.headers["x-storewise-message-id"] == "proposal-\(p.id)")
        // The receiver's own check: base64(HMAC-SHA256(secret, raw body)).
        let mac = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Data("merchant-secret".utf8)))
        #expect(request.headers["x-storewise-hmac-sha256"] == Data(mac).base64EncodedString())
        let body = try JSONValue.parse(Data(request.body))
        #expect(body["subject"] == "Low stock")
        #expect(body["shop_id"] == .int(shop))
    }

    @Test func refusedMessageIsRetried() async throws {
        let server = try await CaptureServer.start(statuses: [.serviceUnavailable])
        let (store, shop) = try await SQLiteStore.lifecycleShop()
        let approvals = ApprovalService(store: store, policy: .standard)
        let executor = ActionExecutor(store: store, clients: NoClients(), outbox: FileManager.default.temporaryDirectory,
                                      options: ActionExecutorOptions(messageWebhookURL: server.url))
        let p = try await approvals.propose(Self.message("Low stock"), shopID: shop, at: Self.t0).proposal
        _ = try await approvals.approve(shopID: shop, id: p.id, by: .user("ana", source: "ui"), reason: nil, at: Self.t0)
        let after = try #require(try await executor.execute(proposalID: p.id, now: Self.t0))
        try await server.stop()
        #expect(after.status == .approved)
        #expect(after.lastError?.contains("503") == true)
        // RetryBackoff default 30 s base.
        #expect(after.nextAttemptAt == Self.t0.addingTimeInterval(30))
    }
}
