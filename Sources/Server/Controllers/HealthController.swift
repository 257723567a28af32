import Hummingbird
import NIOCore
import Prometheus
import Storage

/// Liveness, readiness and Prometheus metrics.
struct HealthController {
    let shops: any ShopStore
    let registry: PrometheusCollectorRegistry?

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz", use: ready)
        router.get("/metrics", use: metrics)
    }

    /// Ready when the database answers a query.
    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            _ = try await shops.shops()
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        } catch {
            context.logger.error("readiness check failed", metadata: ["error": "\(String(reflecting: error))"])
            return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "database unavailable\n")))
        }
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        var buffer: [UInt8] = []
        registry?.emit(into: &buffer)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }
}
