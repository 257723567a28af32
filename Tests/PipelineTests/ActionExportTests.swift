import Foundation
import Pipeline
import ShopifyAdmin
import Storage
import Testing

/// Purchase orders and messages go to the outbox (no Shopify involved).
@Suite struct ActionExportTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    struct NoClients: AdminClientProvider {
        func client(shopID: Int64) async throws -> AdminClient { throw ActionError.noAdminClient(shopID: shopID) }
    }

    func setUp() async throws -> (ApprovalService, ActionExecutor, SQLiteStore, Int64, URL) {
        let (store, shop) = try await SQLiteStore.lifecycleShop()
        let outbox = FileManager.default.temporaryDirectory.appending(path: "storewise-outbox-\(UUID().uuidString)", directoryHint: .isDirectory)
        return (ApprovalService(store: store, policy: .standard), ActionExecutor(store: store, clients: NoClients(), outbox: outbox), store, shop, outbox)
    }

    @Test func purchaseOrderWritesCSVAndHTML() async throws {
        let (approvals, executor, store, shop, outbox) = try await setUp()
        defer { try? FileManager.default.removeItem(at: outbox) }
        // 3 × 4.50 + 2 × 12.00 = 37.50 USD = 3,750 cents: under 500,000, so the routine rule approves it.
        let action = ProposedAction(
            type: .purchaseOrder, targetType: "vendor", targetID: "Acme Supply Co.",
            payload: ["vendor": "Acme Supply Co.", "currency": "USD", "totalMinor": 3750, "lines": [
                ["sku": "A-1", "variantId": "gid://shopify/ProductVariant/11", "title": "Mug", "quantity": 3, "unitCostMinor": 450],
                ["sku": "B-2", "variantId": "gid://shopify/ProductVariant/12", "title": "Plate, large", "quantity": 2, "unitCostMinor": 1200],
            ]],
            modelKind: "forecast", modelVersion: 4, reason: "Stock runs out in 9 days", proposer: "replenishment")
        let p = try await approvals.propose(action, shopID: shop, at: Self.t0).proposal
        #expect(p.status == .approved)
        #expect(p.draft.amountMinor == 3750)
        #expect(try await executor.executeDue(now: Self.t0) == 1)
        let done = try #require(try await store.proposal(id: p.id, shopID: shop))
        #expect(done.status == .executed)

        let directory = outbox.appending(path: "shop-\(shop)/purchase-orders")
        let csv = try String(contentsOf: directory.appending(path: "PO-\(p.id)-acme-supply-co.csv"), encoding: .utf8)
        #expect(csv == "SKU,Product,Variant,Location,Quantity,Unit cost (USD),Line total (USD),Reason\r\n"
            + "A-1,Mug,,Default location,3,4.50,13.50,\r\n"
            + "B-2,\"Plate, large\",,Default location,2,12.00,24.00,\r\n")
        let html = try String(contentsOf: directory.appending(path: "PO-\(p.id)-acme-supply-co.html"), encoding: .utf8)
        for part in ["Acme Supply Co.", "37.50 USD", "#\(p.id)", "forecast v4", "policy:routine-purchase-orders", "Plate, large", "13.50 USD"] {
            #expect(html.contains(part), "missing \(part)")
        }
        let outcome = try JSONValue.parse(Data(try #require(done.outcome).utf8))
        #expect(outcome["totalMinor"] == 3750)
        #expect(outcome["csv"].string?.hasSuffix("PO-\(p.id)-acme-supply-co.csv") == true)
    }

    @Test func messageWithoutWebhookGoesToTheOutbox() async throws {
        let (approvals, executor, _, shop, outbox) = try await setUp()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let p = try await approvals.propose(ProposedAction(
            type: .message, targetType: "merchant", targetID: "ops", payload: ["to": "ops@example.com", "subject": "Low stock",
                                                                             "body": "Mugs run out Friday", "channel": "webhook"],
            reason: "Stock alert", proposer: "replenishment"), shopID: shop, at: Self.t0).proposal
        #expect(p.status == .pending)
        _ = try await approvals.approve(shopID: shop, id: p.id, by: .user("ana", source: "ui"), reason: nil, at: Self.t0)
        #expect(try await executor.execute(proposalID: p.id, now: Self.t0)?.status == .executed)
        let data = try Data(contentsOf: outbox.appending(path: "shop-\(shop)/messages/message-\(p.id).json"))
        let body = try JSONValue.parse(data)
        #expect(body["subject"] == "Low stock")
        #expect(body["to"] == "ops@example.com")
        #expect(body["proposal_id"] == .int(p.id))
    }
}
