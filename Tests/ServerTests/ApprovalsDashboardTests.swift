import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Pipeline
@testable import Server
import Storage
import Testing

/// The dashboard inbox on a real SQLite store (standard policy, outbox executor), and the CSRF check on every
/// dashboard POST form.
@Suite("Approvals dashboard and CSRF")
struct ApprovalsDashboardTests {
    typealias H = ApprovalsHarness
    static let inbox = "/dashboard/\(TestApp.domain)/approvals"

    func run(_ h: H, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = buildRouter(h.app.dependencies, configuration: h.app.configuration)
        let api = ApprovalsAPIController(shops: h.app.store, approvals: h.approvals, executor: h.executor, audit: h.app.store)
        api.addRoutes(to: router)
        let dependencies = h.app.dependencies
        DashboardController(shops: dependencies.store, reader: dependencies.store, forecasts: dependencies.store, demand: dependencies.store)
            .addApprovalRoutes(to: router, api: api)
        try await Application(router: router).test(.router, body)
    }

    func signIn(_ client: any TestClientProtocol, _ app: TestApp) async throws -> HTTPFields {
        let (_, _, headers) = try await client.get("/dashboard/\(TestApp.domain)?token=\(app.token)")
        var fields = HTTPFields()
        fields[.cookie] = try #require(headers[.setCookie]?.split(separator: ";").first.map(String.init))
        fields[.contentType] = "application/x-www-form-urlencoded"
        return fields
    }

    /// The `csrf` value the page renders in the form posting to `action`.
    func csrf(in page: String, action: String) throws -> String {
        let form = try #require(page.range(of: "action=\"\(action)\""), "no form posting to \(action)")
        let close = try #require(page[form.upperBound...].range(of: "</form>"))
        let marker = try #require(page[form.upperBound..<close.lowerBound].range(of: "<input type=\"hidden\" name=\"csrf\" value=\""),
                                  "no csrf field in the form for \(action)")
        let rest = page[marker.upperBound...]
        return String(rest[..<rest.firstIndex(of: "\"")!])
    }

    func create(_ client: any TestClientProtocol, _ h: H, _ body: String) async throws -> Int {
        let (status, text, _) = try await client.send("/api/v1/approvals", .post, headers: h.json, body: body)
        #expect(status == .created, "\(text)")
        return try #require(try H.object(text)["id"] as? Int)
    }

    @Test("The inbox shows pending proposals with reason, rule, amount, payload and forms carrying CSRF tokens; the nav links to it")
    func inbox() async throws {
        let h = try await H()
        try await run(h) { client in
            // 3 × 2,000.00 = 6,000.00 USD: above 5,000.00, so the standard policy asks a person.
            let po = try await create(client, h, H.purchaseOrder(quantity: 3))
            let tags = try await create(client, h, H.tags)
            #expect(try await client.get(Self.inbox).0 == .unauthorized)
            let cookie = try await signIn(client, h.app)
            let (status, page, _) = try await client.get(Self.inbox, headers: cookie)
            #expect(status == .ok)
            #expect(page.contains("#\(po) Purchase order") || page.contains("#\(po) "))
            #expect(page.contains("reorder point reached") && page.contains("RFM segment Champions"))
            #expect(page.contains("large-purchase-orders") && page.contains("6000.00 USD"))
            #expect(page.contains("storewise-champions"))
            for id in [po, tags] {
                for decision in ["approve", "reject", "edit"] {
                    _ = try csrf(in: page, action: "\(Self.inbox)/\(id)/\(decision)")
                }
            }
            let (_, overview, _) = try await client.get("/dashboard/\(TestApp.domain)", headers: cookie)
            #expect(overview.contains("href=\"/dashboard/\(TestApp.domain)/approvals\""))
        }
    }

    @Test("A POST without the CSRF token, or with another form's token, is refused 403 and changes nothing; with it the approval executes")
    func csrfOnApprove() async throws {
        let h = try await H()
        try await run(h) { client in
            let po = try await create(client, h, H.purchaseOrder(quantity: 3))
            let cookie = try await signIn(client, h.app)
            let (_, page, _) = try await client.get(Self.inbox, headers: cookie)
            let approve = "\(Self.inbox)/\(po)/approve"
            let (missing, missingBody, _) = try await client.send(approve, .post, headers: cookie, body: "reason=ok")
            #expect(missing == .forbidden && missingBody.contains("csrf"))
            let rejectToken = try csrf(in: page, action: "\(Self.inbox)/\(po)/reject")
            #expect(try await client.send(approve, .post, headers: cookie, body: "reason=ok&csrf=\(rejectToken)").0 == .forbidden)
            #expect(try await client.send(approve, .post, headers: cookie, body: "reason=ok&csrf=AAAA").0 == .forbidden)
            #expect(try await h.app.store.proposal(id: Int64(po), shopID: h.app.shop.id)?.status == .pending)

            let token = try csrf(in: page, action: approve)
            let (done, _, headers) = try await client.send(approve, .post, headers: cookie, body: "reason=stock+checked&csrf=\(token)")
            #expect(done == .seeOther)
            #expect(headers[.location]?.hasPrefix(Self.inbox + "?done=") == true)
            let proposal = try #require(try await h.app.store.proposal(id: Int64(po), shopID: h.app.shop.id))
            #expect(proposal.status == .executed)
            #expect(proposal.decidedBy == "user:dashboard" && proposal.decisionReason == "stock checked")
            let audit = try await h.app.store.auditEntries(shopID: h.app.shop.id, after: 0, limit: 10, proposalID: Int64(po))
            #expect(audit.map(\.entry.action) == ["proposal.created", "proposal.approved", "execution.succeeded"])
            #expect(audit[1].entry.source == "ui" && audit[1].entry.actorID == "dashboard")
            // The decided proposal moves to the recent decisions.
            let (_, after, _) = try await client.get(Self.inbox, headers: cookie)
            #expect(after.contains("Recent decisions") && after.contains("executed"))
        }
    }

    @Test("Reject needs a reason (400, still pending); edit needs valid JSON and runs the edited payload")
    func rejectAndEdit() async throws {
        let h = try await H()
        try await run(h) { client in
            let tags = try await create(client, h, H.tags)
            let po = try await create(client, h, H.purchaseOrder(quantity: 3))
            let cookie = try await signIn(client, h.app)
            let (_, page, _) = try await client.get(Self.inbox, headers: cookie)
            let reject = "\(Self.inbox)/\(tags)/reject"
            let rejectToken = try csrf(in: page, action: reject)
            let (noReason, noReasonPage, _) = try await client.send(reject, .post, headers: cookie, body: "reason=&csrf=\(rejectToken)")
            #expect(noReason == .badRequest && noReasonPage.contains("reason"))
            #expect(try await h.app.store.proposal(id: Int64(tags), shopID: h.app.shop.id)?.status == .pending)
            #expect(try await client.send(reject, .post, headers: cookie, body: "reason=wrong+customer&csrf=\(rejectToken)").0 == .seeOther)
            #expect(try await h.app.store.proposal(id: Int64(tags), shopID: h.app.shop.id)?.status == .rejected)

            let edit = "\(Self.inbox)/\(po)/edit"
            let editToken = try csrf(in: page, action: edit)
            let (badJSON, _, _) = try await client.send(edit, .post, headers: cookie, body: "payload=%7Bnot+json&reason=fewer&csrf=\(editToken)")
            #expect(badJSON == .badRequest)
            // One machine instead of three: 200,000 minor.
            let payload = #"{"vendor":"Acme","currency":"USD","totalMinor":200000,"lines":[{"sku":"A-1","variantId":"gid://shopify/ProductVariant/10","title":"Espresso machine","quantity":1,"unitCostMinor":200000}]}"#
            let encoded = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let (edited, _, _) = try await client.send(edit, .post, headers: cookie, body: "payload=\(encoded)&reason=one+is+enough&csrf=\(editToken)")
            #expect(edited == .seeOther)
            let proposal = try #require(try await h.app.store.proposal(id: Int64(po), shopID: h.app.shop.id))
            #expect(proposal.status == .executed)
            #expect(proposal.editedPayload?.contains("\"quantity\":1") == true)
        }
    }

    @Test("Other dashboard forms (models) are CSRF-checked too; without the sign-in cookie the route answers 401 as before")
    func otherForms() async throws {
        let h = try await H()
        try await run(h) { client in
            let cookie = try await signIn(client, h.app)
            let path = "/dashboard/\(TestApp.domain)/models/forecast/train"
            let (refused, _, _) = try await client.send(path, .post, headers: cookie, body: "")
            #expect(refused == .forbidden)
            #expect(try await h.app.store.jobs(shopID: h.app.shop.id, states: nil, limit: 10).isEmpty)
            #expect(try await client.send(path, .post, body: "").0 == .unauthorized)
            #expect(try await client.send(path, .post, headers: cookie, body: "csrf=" + CSRFToken.token(for: path, session: h.app.token)).0 == .seeOther)
        }
    }
}
