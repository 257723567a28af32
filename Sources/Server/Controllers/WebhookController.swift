import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Pipeline
import ShopifyAdmin

/// `POST /webhooks/shopify`: Shopify's deliveries, answered 200 only once durably stored.
struct WebhookController {
    let ingestor: WebhookIngestor
    let maxBodyBytes: Int

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/webhooks/shopify", use: receive)
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let headers: WebhookHeaders
        do {
            headers = try WebhookHeaders { name in
                HTTPField.Name(name).flatMap { request.headers[$0] }
            }
        } catch {
            guard case .missing(let name) = error else { throw error }
            throw APIError(.missingHeader(name))
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBodyBytes)
        } catch {
            throw APIError(status: .contentTooLarge, code: "body_too_large", message: "webhook body exceeds \(maxBodyBytes) bytes")
        }
        do {
            let receipt = try await ingestor.receive(headers: headers, body: Data(buffer: buffer))
            let status: String = switch receipt.outcome {
            case .stored: "stored"
            case .duplicate: "duplicate"
            case .failed: "failed"
            }
            // Echoing the webhook id lets a load generator prove which deliveries were acknowledged.
            let json = try JSONSerialization.data(withJSONObject: ["status": status, "webhook_id": headers.webhookID], options: [.sortedKeys])
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: json)))
        } catch let error as IngestError {
            if case .malformedPayload = error {
                context.logger.warning("rejected webhook", metadata: ["topic": "\(headers.topic)", "shop": "\(headers.shopDomain)", "reason": "\(error)"])
            }
            throw APIError(error)
        }
    }
}
