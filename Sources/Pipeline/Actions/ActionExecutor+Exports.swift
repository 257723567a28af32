import AsyncHTTPClient
import Commerce
import Foundation
import NIOCore
import ShopifyAdmin
import Storage

extension ActionExecutor {
    /// Writes the purchase order as `<outbox>/shop-<id>/purchase-orders/PO-<proposal>-<vendor-slug>.csv`
    /// (the replenishment CSV format) and a printable `.html` next to it. Writing again overwrites
    /// the same files with the same bytes, so a retried export is harmless.
    func exportPurchaseOrder(_ proposal: ActionProposal, payload: JSONValue) throws -> JSONValue {
        let order = Self.purchaseOrderDraft(proposal, payload: payload)
        let directory = outbox.appending(path: "shop-\(proposal.draft.shopID)", directoryHint: .isDirectory)
            .appending(path: "purchase-orders", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let base = Self.purchaseOrderBaseName(order)
        let csvURL = directory.appending(path: base + ".csv")
        let htmlURL = directory.appending(path: base + ".html")
        let locationNames: [Int64: String] = [order.lines.first?.locationID ?? 0: Self.shipTo(payload)]
        let csv = PurchaseOrderCSV(currency: order.currency, locationNames: locationNames).render(order)
        try Data(csv.utf8).write(to: csvURL, options: .atomic)
        try Data(Self.purchaseOrderHTML(proposal, payload: payload, order: order).utf8).write(to: htmlURL, options: .atomic)
        return ["csv": .string(csvURL.path(percentEncoded: false)), "html": .string(htmlURL.path(percentEncoded: false)),
                "totalMinor": .int(order.totalCostMinor), "currency": .string(order.currency), "vendor": .string(order.vendor)]
    }

    /// The payload as the replenishment module's order type, so the CSV is written by the one CSV writer.
    static func purchaseOrderDraft(_ proposal: ActionProposal, payload: JSONValue) -> PurchaseOrderDraft {
        let locationID = payload["locationId"].string.flatMap(numericID) ?? 0
        let lines = (payload["lines"].array ?? []).map { line in
            let quantity = Int(line["quantity"].int ?? 0)
            let sku = line["sku"].string ?? ""
            return PurchaseOrderLine(variantID: line["variantId"].string.flatMap(numericID) ?? 0, locationID: locationID,
                                     sku: sku.isEmpty ? nil : sku, title: line["title"].string ?? "", quantity: quantity,
                                     suggestedQuantity: quantity, unitCostMinor: line["unitCostMinor"].int ?? 0, reason: "")
        }
        return PurchaseOrderDraft(id: proposal.id, shopID: proposal.draft.shopID, planRunID: 0, vendor: payload["vendor"].string ?? "",
                                  createdAt: proposal.createdAt, updatedAt: proposal.updatedAt, expectedArrivalDay: nil,
                                  currency: payload["currency"].string ?? "", lines: lines)
    }

    /// `PO-<proposal>-<vendor-slug>`, the slug made as the replenishment CSV makes it.
    static func purchaseOrderBaseName(_ order: PurchaseOrderDraft) -> String {
        // "po-<id>-<slug>.csv" → "PO-<id>-<slug>"
        let name = PurchaseOrderCSV.fileName(for: order)
        return "PO" + name.dropFirst(2).dropLast(4)
    }

    static func shipTo(_ payload: JSONValue) -> String {
        payload["locationId"].string.flatMap(numericID).map { "Location \($0)" } ?? "Default location"
    }

    /// 123 from "gid://shopify/ProductVariant/123".
    static func numericID(_ gid: String) -> Int64? {
        gid.split(separator: "/").last.flatMap { Int64($0) }
    }

    /// A self-contained page the merchant prints or sends to the vendor.
    static func purchaseOrderHTML(_ proposal: ActionProposal, payload: JSONValue, order: PurchaseOrderDraft) -> String {
        let currency = order.currency
        func money(_ minor: Int64) -> String { Money(minorUnits: minor, currency: currency).decimalString + " " + currency }
        let model = proposal.draft.modelKind.map { kind in proposal.draft.modelVersion.map { "\(kind) v\($0)" } ?? kind } ?? "—"
        var rows = ""
        for line in order.lines {
            rows += "<tr><td>\(escape(line.sku ?? ""))</td><td>\(escape(line.title))</td><td class=\"n\">\(line.quantity)</td>"
                + "<td class=\"n\">\(money(line.unitCostMinor))</td><td class=\"n\">\(money(Int64(line.quantity) * line.unitCostMinor))</td></tr>\n"
        }
        let base = escape(purchaseOrderBaseName(order))
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Purchase order \(base)</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%}
        th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}.n{text-align:right}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
        @media print{body{margin:0}}
        </style></head>
        <body>
        <h1>Purchase order \(base)</h1>
        <dl>
        <dt>Vendor</dt><dd>\(escape(order.vendor.isEmpty ? "(no vendor)" : order.vendor))</dd>
        <dt>Ship to</dt><dd>\(escape(shipTo(payload)))</dd>
        <dt>Shop</dt><dd>\(proposal.draft.shopID)</dd>
        <dt>Proposal</dt><dd>#\(proposal.id)</dd>
        <dt>Proposed by</dt><dd>\(escape(proposal.draft.proposedBy)) (model \(escape(model)))</dd>
        <dt>Approved by</dt><dd>\(escape(proposal.decidedBy ?? "—"))</dd>
        <dt>Reason</dt><dd>\(escape(proposal.draft.reason))</dd>
        </dl>
        <table>
        <thead><tr><th>SKU</th><th>Item</th><th class="n">Quantity</th><th class="n">Unit cost</th><th class="n">Line total</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        <tfoot><tr><th colspan="2">Total</th><th class="n">\(order.totalUnits)</th><th></th><th class="n">\(money(order.totalCostMinor))</th></tr></tfoot>
        </table>
        </body></html>

        """
    }

    /// HTML text escaping (vendor names and titles come from the shop).
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// POSTs the message to `options.messageWebhookURL`, signed like model alerts
    /// (`X-Storewise-Hmac-Sha256` = base64 HMAC-SHA256 of the body with the webhook secret), with
    /// `X-Storewise-Message-Id: proposal-<id>` so a receiver can drop a repeat after a lost response.
    /// Without a URL it is written to `<outbox>/shop-<id>/messages/message-<proposal>.json`.
    func sendMessage(_ proposal: ActionProposal, payload: JSONValue) async throws -> JSONValue {
        let body: JSONValue = [
            "proposal_id": .int(proposal.id), "shop_id": .int(proposal.draft.shopID), "to": payload["to"],
            "subject": payload["subject"], "body": payload["body"], "channel": payload["channel"],
            "reason": .string(proposal.draft.reason),
        ]
        let bytes = body.canonicalData()
        guard let url = options.messageWebhookURL, !url.isEmpty else {
            let directory = outbox.appending(path: "shop-\(proposal.draft.shopID)", directoryHint: .isDirectory)
                .appending(path: "messages", directoryHint: .isDirectory)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = directory.appending(path: "message-\(proposal.id).json")
            try bytes.write(to: file, options: .atomic)
            return ["file": .string(file.path(percentEncoded: false))]
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Storewise-Topic", value: "action_message")
        request.headers.add(name: "X-Storewise-Message-Id", value: "proposal-\(proposal.id)")
        request.headers.add(name: "X-Storewise-Hmac-Sha256", value: AlertNotifier.signature(body: bytes, secret: options.messageWebhookSecret ?? ""))
        request.body = .bytes(ByteBuffer(bytes: bytes))
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10), logger: logger)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            status = response.status.code
        } catch {
            throw ActionError.delivery("\(url): \(error)")
        }
        guard (200..<300).contains(status) else { throw ActionError.delivery("\(url) answered HTTP \(status)") }
        return ["webhook": .string(url), "status": .int(Int64(status))]
    }
}
