import Commerce
import Foundation
import Hummingbird
import NIOCore
import Pipeline
import Storage

/// Purchase-order drafts under `/api/v1/purchase-orders`, scoped to the shop of the bearer token.
///
/// ```
/// GET   /api/v1/purchase-orders?status=draft,approved
/// GET   /api/v1/purchase-orders/12          GET /api/v1/purchase-orders/12.csv
/// PATCH /api/v1/purchase-orders/12/lines    {"variant_id": 11, "location_id": 77, "quantity": 24}
/// POST  /api/v1/purchase-orders/12/status   {"status": "ordered", "expected_arrival_day": "2024-04-02"}
/// ```
/// A refused change (editing an order that is no longer a draft, a move its status does not
/// allow) is a 409 with the reason.
struct PurchaseOrderAPIController {
    let shops: any ShopStore
    let replenishment: any ReplenishmentStore
    let reader: any ProjectionReader

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("api/v1/purchase-orders").add(middleware: BearerAuthMiddleware(shops: shops))
        api.get(use: list)
        api.get(":id", use: order)
        api.patch(":id/lines", use: editLine)
        api.post(":id/status", use: setStatus)
    }

    /// Orders newest first, optionally of some statuses.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        var statuses: [PurchaseOrderStatus] = []
        if let raw = QueryParameters(request).string("status") {
            statuses = try raw.split(separator: ",").map { part in
                let name = part.trimmingCharacters(in: .whitespaces)
                guard let status = PurchaseOrderStatus(rawValue: name) else {
                    throw APIError.badRequest("query parameter status must be a comma list of \(Self.statusNames), got '\(name)'", code: "invalid_parameter")
                }
                return status
            }
        }
        let orders = try await replenishment.purchaseOrders(shopID: record.id, statuses: statuses)
        return try JSONResponse.make(OrderList(items: orders.map(OrderView.init)))
    }

    /// One order as JSON, or as the vendor's CSV when the id ends in `.csv`.
    @Sendable func order(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let raw = context.parameters.get("id") ?? ""
        let isCSV = raw.hasSuffix(".csv")
        let id = try Self.orderID(isCSV ? String(raw.dropLast(4)) : raw)
        guard let order = try await replenishment.purchaseOrder(shopID: record.id, id: id) else {
            throw APIError(PurchaseOrderError.notFound(id: id))
        }
        if isCSV { return try await Self.csvResponse(order, shop: record, reader: reader) }
        return try JSONResponse.make(OrderView(order))
    }

    /// Sets one line's quantity on a draft (0 removes the line).
    @Sendable func editLine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let id = try Self.orderID(context.parameters.get("id") ?? "")
        let edit = try JSONRequestBody.decode(LineEdit.self, from: try await JSONRequestBody.data(request))
        do {
            let order = try await replenishment.updatePurchaseOrderLine(
                shopID: record.id, orderID: id, variantID: edit.variantID, locationID: edit.locationID, quantity: edit.quantity)
            return try JSONResponse.make(OrderView(order))
        } catch let error as PurchaseOrderError {
            throw APIError(error)
        }
    }

    /// Moves an order to a new status when its life allows it.
    @Sendable func setStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let id = try Self.orderID(context.parameters.get("id") ?? "")
        let change = try JSONRequestBody.decode(StatusChange.self, from: try await JSONRequestBody.data(request))
        let status = try Self.requestedStatus(change.status, field: "field status")
        if let day = change.expectedArrivalDay, CivilDate(day) == nil {
            throw APIError.badRequest("field expected_arrival_day must be a day YYYY-MM-DD, got '\(day)'", code: "invalid_field")
        }
        do {
            let order = try await replenishment.setPurchaseOrderStatus(shopID: record.id, orderID: id, status: status, expectedArrivalDay: change.expectedArrivalDay)
            return try JSONResponse.make(OrderView(order))
        } catch let error as PurchaseOrderError {
            throw APIError(error)
        }
    }

    static var statusNames: String { PurchaseOrderStatus.allCases.map(\.rawValue).joined(separator: ", ") }

    /// A status a person may ask for; `superseded` is the planner's alone.
    static func requestedStatus(_ raw: String, field: String) throws -> PurchaseOrderStatus {
        let allowed = PurchaseOrderStatus.allCases.filter { $0 != .superseded }
        guard let status = PurchaseOrderStatus(rawValue: raw), allowed.contains(status) else {
            throw APIError.badRequest("\(field) must be one of \(allowed.map(\.rawValue).joined(separator: ", ")), got '\(raw)'", code: "invalid_field")
        }
        return status
    }

    static func orderID(_ raw: String) throws -> Int64 {
        guard let id = Int64(raw) else {
            throw APIError.badRequest("path parameter id must be an integer purchase-order id, got '\(raw)'", code: "invalid_parameter")
        }
        return id
    }

    /// The order's CSV as a download named `po-<id>-<vendor>.csv`, titles and locations from the catalog.
    static func csvResponse(_ order: PurchaseOrderDraft, shop record: ShopRecord, reader: any ProjectionReader) async throws -> Response {
        let wanted = Set(order.lines.map(\.variantID))
        var names: [Int64: PurchaseOrderCSV.ItemName] = [:]
        var offset = 0
        let pageSize = 1000
        while names.count < wanted.count {
            let products = try await reader.products(shopID: record.id, limit: pageSize, offset: offset)
            for product in products {
                for variant in product.variants where wanted.contains(variant.id) {
                    names[variant.id] = .init(product: product.title, variant: variant.title)
                }
            }
            if products.count < pageSize { break }
            offset += pageSize
        }
        var locations = Dictionary(try await reader.locations(shopID: record.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        if locations[Location.onlineID] == nil { locations[Location.onlineID] = "Online Store" }
        let csv = PurchaseOrderCSV(currency: record.shop.currency, names: names, locationNames: locations).render(order)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(PurchaseOrderCSV.fileName(for: order))\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}

extension APIError {
    /// A refused purchase-order change: 404 for what does not exist, 409 for what the order's
    /// status does not allow, 400 for a bad quantity.
    init(_ error: PurchaseOrderError) {
        switch error {
        case .notFound, .lineNotFound: self.init(status: .notFound, code: "not_found", message: error.description)
        case .notEditable: self.init(status: .conflict, code: "not_editable", message: error.description)
        case .invalidTransition: self.init(status: .conflict, code: "invalid_transition", message: error.description)
        case .invalidQuantity: self.init(status: .badRequest, code: "invalid_field", message: "field quantity: \(error.description)")
        }
    }
}

/// Request and response bodies of the purchase-order API.
extension PurchaseOrderAPIController {
    struct LineEdit: Decodable {
        var variantID: Int64
        var locationID: Int64
        var quantity: Int

        enum CodingKeys: String, CodingKey {
            case variantID = "variant_id", locationID = "location_id", quantity
        }
    }

    struct StatusChange: Decodable {
        var status: String
        var expectedArrivalDay: String?

        enum CodingKeys: String, CodingKey {
            case status, expectedArrivalDay = "expected_arrival_day"
        }
    }

    struct OrderList: Encodable, Sendable {
        var items: [OrderView]
    }

    /// An order with its totals and where to download its CSV.
    struct OrderView: Encodable, Sendable {
        var order: PurchaseOrderDraft

        init(_ order: PurchaseOrderDraft) { self.order = order }

        enum Extra: String, CodingKey { case totalUnits, totalCostMinor, csvPath }

        func encode(to encoder: any Encoder) throws {
            try order.encode(to: encoder)
            var container = encoder.container(keyedBy: Extra.self)
            try container.encode(order.totalUnits, forKey: .totalUnits)
            try container.encode(order.totalCostMinor, forKey: .totalCostMinor)
            try container.encode("/api/v1/purchase-orders/\(order.id).csv", forKey: .csvPath)
        }
    }
}
