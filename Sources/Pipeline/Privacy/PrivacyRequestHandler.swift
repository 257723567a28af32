import Commerce
import Foundation
import Logging
import Storage

/// Carries out Shopify's mandatory privacy topics beyond what the projections do themselves.
///
/// customers/redact is applied inside the event's own transaction by the store (scrubbing rows
/// and raw payloads). Here: customers/data_request writes an export file, shop/redact deletes the
/// shop's data, and app/uninstalled is logged.
public struct PrivacyRequestHandler: Sendable {
    let log: any EventLog
    let reader: any ProjectionReader
    /// Folder that receives `exports/<shop domain>/customer-<id>-request-<id>.json`.
    let dataDirectory: URL
    let logger: Logger

    /// Where served recommendations are logged (by hashed customer), so a redaction removes them too.
    let recommendations: (any RecommendationStore)?
    /// Risk scoring keeps each shop's recent emails, IPs and addresses in memory as feature keys: a
    /// redaction makes it forget the shop's state (rebuilt from the scrubbed log on next use).
    let risk: RiskService?

    public init(log: any EventLog, reader: any ProjectionReader, dataDirectory: URL, recommendations: (any RecommendationStore)? = nil,
                risk: RiskService? = nil, logger: Logger = Logger(label: "storewise.privacy")) {
        self.recommendations = recommendations
        self.risk = risk
        self.log = log
        self.reader = reader
        self.dataDirectory = dataDirectory
        self.logger = logger
    }

    /// Work that follows a stored event.
    public func afterStore(_ payload: WebhookPayload, shop: ShopRecord) async throws {
        switch payload {
        case .customersDataRequest(let request):
            let url = try await exportCustomerData(request, shop: shop)
            logger.notice("wrote customer data export", metadata: ["shop": "\(shop.shop.domain)", "file": "\(url.path)"])
        case .customersRedact(let request):
            var removed = 0
            if let recommendations {
                removed = try await recommendations.deleteRecommendationLog(
                    shopID: shop.id, customerHash: RecommendationEngine.customerHash(request.customerID, key: shop.webhookSecret))
            }
            await risk?.reset(shopID: shop.id)
            logger.notice("redacted customer", metadata: ["shop": "\(shop.shop.domain)", "customer": "\(request.customerID)",
                                                          "recommendation_log_rows": "\(removed)"])
        case .appUninstalled:
            logger.notice("app uninstalled; data kept until shop/redact", metadata: ["shop": "\(shop.shop.domain)"])
        default:
            break
        }
    }

    /// Writes everything held about the customer to a JSON file and returns its location.
    @discardableResult
    public func exportCustomerData(_ request: CustomerPrivacyRequest, shop: ShopRecord) async throws -> URL {
        let export = try await reader.customerData(shopID: shop.id, customerID: request.customerID)
        let folder = dataDirectory.appendingPathComponent("exports").appendingPathComponent(shop.shop.domain)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let requestPart = request.requestID.map { "-request-\($0)" } ?? ""
        let url = folder.appendingPathComponent("customer-\(request.customerID)\(requestPart).json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        // Atomic: a reader never sees half a file.
        try encoder.encode(export).write(to: url, options: .atomic)
        return url
    }

    /// shop/redact: deletes every row of the shop, its event log included.
    public func redactShop(_ shop: ShopRecord) async throws {
        try await log.deleteShopData(shopID: shop.id)
        await risk?.reset(shopID: shop.id)
        logger.notice("shop redacted: all its data deleted", metadata: ["shop": "\(shop.shop.domain)"])
    }
}
