import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Pipeline
@testable import Server
import ShopifyAdmin
import Storage
import Testing

/// The approvals API on a real SQLite store, with the standard policy and an executor whose
/// outbox is the test's folder (purchase orders execute there, no Shopify needed).
struct ApprovalsHarness {
    let app: TestApp
    let approvals: ApprovalService
    let executor: ActionExecutor
    var outbox: URL { app.directory.appendingPathComponent("outbox") }

    init() async throws {
        app = try await TestApp(timeZone: "UTC")
        approvals = ApprovalService(store: app.store, policy: .standard)
        executor = ActionExecutor(store: app.store, clients: FixedAdminClientProvider(clients: [:]),
                                  outbox: app.directory.appendingPathComponent("outbox"))
    }

    /// The real application with the approval service and executor set, as `Runtime` sets them.
    func run(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var dependencies = app.dependencies
        dependencies.approvals = approvals
        dependencies.executor = executor
        try await buildApplication(configuration: app.configuration, dependencies: dependencies).test(.router, body)
    }

    var json: HTTPFields {
        var fields = app.bearer
        fields[.contentType] = "application/json"
        return fields
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    /// A purchase order of `quantity` × 2,000.00 USD (1 unit → 200,000 minor: routine; 3 → 600,000: a person decides).
    static func purchaseOrder(quantity: Int) -> String {
        """
        {"type": "purchase-order", "target": {"type": "vendor", "id": "Acme"}, "reason": "reorder point reached",
         "payload": {"vendor": "Acme", "currency": "USD", "totalMinor": \(quantity * 200_000),
                     "lines": [{"sku": "A-1", "variantId": "gid://shopify/ProductVariant/10", "title": "Espresso machine",
                                "quantity": \(quantity), "unitCostMinor": 200000}]}}
        """
    }

    static let tags = """
        {"type": "customer-tags", "target": {"type": "customer", "id": "gid://shopify/Customer/7"}, "reason": "RFM segment Champions",
         "payload": {"id": "gid://shopify/Customer/7", "tags": ["storewise-champions"]}}
        """
}

@Suite("Approvals API")
struct ApprovalsAPITests {
    typealias H = ApprovalsHarness
    static let base = "/api/v1/approvals"

    @Test("POST creates a proposal under the policy (201, pending, fallback rule); GET lists it with counts and shows its audit row")
    func createListShow() async throws {
        let h = try await H()
        try await h.run { client in
            let (status, body, _) = try await client.send(Self.base, .post, headers: h.json, body: H.tags)
            #expect(status == .created, "\(body)")
            let created = try H.object(body)
            #expect(created["status"] as? String == "pending" && created["verdict"] as? String == "require-person")
            #expect(created["policy_rule"] as? String == ApprovalPolicy.fallbackRule)
            #expect(created["target_id"] as? String == "gid://shopify/Customer/7" && created["title"] as? String == "Customer tags")
            // Payload keys pass through as Shopify spells them.
            let payload = try #require(created["payload"] as? [String: Any])
            #expect(payload["tags"] as? [String] == ["storewise-champions"] && payload["id"] as? String == "gid://shopify/Customer/7")
            let id = try #require(created["id"] as? Int)

            let (listStatus, listBody, _) = try await client.get("\(Self.base)?status=pending&type=customer-tags", headers: h.app.bearer)
            #expect(listStatus == .ok)
            let list = try H.object(listBody)
            #expect((list["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [id])
            #expect(list["total"] as? Int == 1 && (list["counts"] as? [String: Int])?["pending"] == 1 && (list["counts"] as? [String: Int])?["executed"] == 0)
            let (_, otherType, _) = try await client.get("\(Self.base)?type=purchase-order", headers: h.app.bearer)
            #expect((try H.object(otherType)["items"] as? [[String: Any]])?.isEmpty == true)

            let (showStatus, showBody, _) = try await client.get("\(Self.base)/\(id)", headers: h.app.bearer)
            #expect(showStatus == .ok)
            let audit = try #require(try H.object(showBody)["audit"] as? [[String: Any]])
            #expect(audit.map { $0["action"] as? String } == ["proposal.created"])
            #expect(audit.first?["reason"] as? String == "RFM segment Champions")
        }
    }

    @Test("Bad requests answer 400 naming the field; unknown ids 404; no token 401")
    func validation() async throws {
        let h = try await H()
        try await h.run { client in
            let cases: [(String, String)] = [
                (#"{"type": "teleport", "target": {"type": "x", "id": "y"}, "payload": {}, "reason": "r"}"#, "field type"),
                (#"{"type": "customer-tags", "target": {"type": "customer", "id": "gid://shopify/Customer/7"}, "payload": {"id": "gid://shopify/Customer/7", "tags": ["a"]}}"#, "field reason"),
                (#"{"type": "customer-tags", "target": {"type": "customer"}, "payload": {}, "reason": "r"}"#, "target.id"),
                (#"{"type": "customer-tags", "target": {"type": "customer", "id": "7"}, "payload": {"id": "7", "tags": ["a"]}, "reason": "r"}"#, "payload.id"),
                (#"{"type": "customer-tags", "target": {"type": "customer", "id": "7"}, "payload": {"id": "gid://shopify/Customer/7", "tags": ["a"]}, "reason": "r", "confidence": 2}"#, "field confidence"),
            ]
            for (body, field) in cases {
                let (status, text, _) = try await client.send(Self.base, .post, headers: h.json, body: body)
                #expect(status == .badRequest && text.contains(field), "\(body) → \(status) \(text)")
            }
            let (badStatus, badText, _) = try await client.get("\(Self.base)?status=maybe", headers: h.app.bearer)
            #expect(badStatus == .badRequest && badText.contains("status"))
            #expect(try await client.get("\(Self.base)/999", headers: h.app.bearer).0 == .notFound)
            #expect(try await client.send("\(Self.base)/999/approve", .post, headers: h.json, body: "{}").0 == .notFound)
            #expect(try await client.send("\(Self.base)/abc/reject", .post, headers: h.json, body: #"{"reason": "x"}"#).0 == .badRequest)
            #expect(try await client.get(Self.base).0 == .unauthorized)
            #expect(try await client.get("/api/v1/audit").0 == .unauthorized)
        }
    }

    @Test("Reject needs a reason; a rejected proposal answers 409 to further decisions and never executes")
    func reject() async throws {
        let h = try await H()
        try await h.run { client in
            let id = try #require(try H.object(try await client.send(Self.base, .post, headers: h.json, body: H.tags).1)["id"] as? Int)
            let (noReason, noReasonText, _) = try await client.send("\(Self.base)/\(id)/reject", .post, headers: h.json, body: "{}")
            #expect(noReason == .badRequest && noReasonText.contains("field reason"))
            let (status, body, _) = try await client.send("\(Self.base)/\(id)/reject", .post, headers: h.json,
                                                          body: #"{"reason": "not this customer", "actor": "ana@shop"}"#)
            #expect(status == .ok, "\(body)")
            let rejected = try H.object(body)
            #expect(rejected["status"] as? String == "rejected")
            let decision = try #require(rejected["decision"] as? [String: Any])
            #expect(decision["by"] as? String == "user:ana@shop" && decision["reason"] as? String == "not this customer")
            let audit = try #require(rejected["audit"] as? [[String: Any]])
            #expect(audit.map { $0["action"] as? String } == ["proposal.created", "proposal.rejected"])
            #expect(audit.last?["actor_id"] as? String == "ana@shop" && audit.last?["source"] as? String == "api")

            let (again, againText, _) = try await client.send("\(Self.base)/\(id)/approve", .post, headers: h.json, body: "{}")
            #expect(again == .conflict && againText.contains("not pending"))
            #expect(try await client.send("\(Self.base)/\(id)/reject", .post, headers: h.json, body: #"{"reason": "again"}"#).0 == .conflict)
        }
        #expect(try await h.executor.executeDue() == 0)
    }

    @Test("Approve executes at once: a large purchase order goes to the outbox, with audit rows created → approved → execution.succeeded")
    func approveExecutes() async throws {
        let h = try await H()
        try await h.run { client in
            let (createStatus, createBody, _) = try await client.send(Self.base, .post, headers: h.json, body: H.purchaseOrder(quantity: 3))
            #expect(createStatus == .created)
            let created = try H.object(createBody)
            // 3 × 2,000.00 = 6,000.00 USD = 600,000 minor > 500,000: a person decides.
            #expect(created["status"] as? String == "pending" && created["policy_rule"] as? String == "large-purchase-orders")
            #expect(created["amount_minor"] as? Int == 600_000)
            let id = try #require(created["id"] as? Int)

            let (status, body, _) = try await client.send("\(Self.base)/\(id)/approve", .post, headers: h.json, body: #"{"reason": "budget ok"}"#)
            #expect(status == .ok, "\(body)")
            let approved = try H.object(body)
            #expect(approved["status"] as? String == "executed", "\(body)")
            let execution = try #require(approved["execution"] as? [String: Any])
            #expect(execution["attempts"] as? Int == 1 && execution["executed_at"] != nil)
            let audit = try #require(approved["audit"] as? [[String: Any]])
            #expect(audit.map { $0["action"] as? String } == ["proposal.created", "proposal.approved", "execution.succeeded"])
            #expect(audit[1]["reason"] as? String == "budget ok" && audit[1]["actor_id"] as? String == "api")

            let folder = h.outbox.appendingPathComponent("shop-\(h.app.shop.id)/purchase-orders")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(files.contains { $0.hasPrefix("PO-\(id)-") && $0.hasSuffix(".csv") } && files.contains { $0.hasSuffix(".html") }, "\(files)")

            // A routine one (200,000 minor) is approved by the policy and executed on creation.
            let (routineStatus, routineBody, _) = try await client.send(Self.base, .post, headers: h.json, body: H.purchaseOrder(quantity: 1))
            #expect(routineStatus == .created)
            let routine = try H.object(routineBody)
            #expect(routine["policy_rule"] as? String == "routine-purchase-orders" && routine["status"] as? String == "executed", "\(routineBody)")
        }
    }

    @Test("Edit approves with the new payload (validated, 400 naming the field when not), keeps the proposed one, and executes")
    func edit() async throws {
        let h = try await H()
        try await h.run { client in
            let id = try #require(try H.object(try await client.send(Self.base, .post, headers: h.json, body: H.purchaseOrder(quantity: 3)).1)["id"] as? Int)
            let bad = #"{"payload": {"vendor": "Acme", "currency": "USD", "totalMinor": 1, "lines": [{"sku": "A-1", "variantId": "gid://shopify/ProductVariant/10", "title": "Espresso machine", "quantity": 2, "unitCostMinor": 200000}]}, "reason": "two"}"#
            let (badStatus, badText, _) = try await client.send("\(Self.base)/\(id)/edit", .post, headers: h.json, body: bad)
            #expect(badStatus == .badRequest && badText.contains("payload.totalMinor"), "\(badText)")
            #expect(try await client.send("\(Self.base)/\(id)/edit", .post, headers: h.json, body: #"{"reason": "no payload"}"#).0 == .badRequest)

            let good = bad.replacingOccurrences(of: #""totalMinor": 1,"#, with: #""totalMinor": 400000,"#)
            let (status, body, _) = try await client.send("\(Self.base)/\(id)/edit", .post, headers: h.json, body: good)
            #expect(status == .ok, "\(body)")
            let edited = try H.object(body)
            #expect(edited["status"] as? String == "executed", "\(body)")
            #expect((edited["payload"] as? [String: Any])?["totalMinor"] as? Int == 400_000)
            #expect((edited["proposed_payload"] as? [String: Any])?["totalMinor"] as? Int == 600_000)
            let audit = try #require(edited["audit"] as? [[String: Any]])
            #expect(audit.map { $0["action"] as? String } == ["proposal.created", "proposal.edited", "execution.succeeded"])
            #expect((audit[1]["old_value"] as? [String: Any])?["totalMinor"] as? Int == 600_000)
            #expect((audit[1]["new_value"] as? [String: Any])?["totalMinor"] as? Int == 400_000)
        }
    }

    @Test("The audit API pages by sequence and by proposal; verify says the chain is intact")
    func auditAndVerify() async throws {
        let h = try await H()
        try await h.run { client in
            let first = try #require(try H.object(try await client.send(Self.base, .post, headers: h.json, body: H.tags).1)["id"] as? Int)
            let second = try #require(try H.object(try await client.send(Self.base, .post, headers: h.json, body: H.purchaseOrder(quantity: 3)).1)["id"] as? Int)
            _ = try await client.send("\(Self.base)/\(first)/reject", .post, headers: h.json, body: #"{"reason": "no"}"#)

            let (status, body, _) = try await client.get("/api/v1/audit", headers: h.app.bearer)
            #expect(status == .ok)
            let all = try #require(try H.object(body)["items"] as? [[String: Any]])
            #expect(all.compactMap { $0["sequence"] as? Int } == [1, 2, 3])
            #expect(all.map { $0["action"] as? String } == ["proposal.created", "proposal.created", "proposal.rejected"])
            // Each row carries the previous row's hash.
            #expect(all[1]["previous_hash"] as? String == all[0]["hash"] as? String)

            let page = try H.object(try await client.get("/api/v1/audit?after=1&limit=1", headers: h.app.bearer).1)
            #expect((page["items"] as? [[String: Any]])?.compactMap { $0["sequence"] as? Int } == [2] && page["next"] as? Int == 2)
            let mine = try H.object(try await client.get("/api/v1/audit?proposal=\(second)", headers: h.app.bearer).1)
            #expect((mine["items"] as? [[String: Any]])?.compactMap { $0["proposal_id"] as? Int } == [second])

            let verify = try H.object(try await client.get("/api/v1/audit/verify", headers: h.app.bearer).1)
            #expect(verify["intact"] as? Bool == true && verify["rows"] as? Int == 3 && verify["head_sequence"] as? Int == 3)
        }
    }
}
