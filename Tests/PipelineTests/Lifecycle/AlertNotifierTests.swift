import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Pipeline
import Storage
import Synchronization
import Testing

@Suite("AlertNotifier")
struct AlertNotifierTests {
    @Test("signature is base64(HMAC-SHA256): RFC 4231 test case 2")
    func rfc4231() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?",
        // HMAC-SHA-256 = 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843, in base64 (python3 base64.b64encode):
        #expect(AlertNotifier.signature(body: Data("what do ya want for nothing?".utf8), secret: "Jefe")
            == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=")
    }

    static func alert(_ store: MemoryJobStore) async throws -> ModelAlert {
        try #require(try await store.raiseAlert(ModelAlert(
            shopID: 7, kind: "forecast", version: 3, type: "live-accuracy", severity: "warning",
            message: "live MASE 1.21 is 14 % worse than the 1.06 it was promoted on", details: ["live": 1.21, "holdout": 1.06],
            createdAt: Date(timeIntervalSince1970: 1_790_000_000))))
    }

    @Test("posts the alert as JSON to a real listener, signed so the receiver verifies it independently; marks it notified")
    func delivered() async throws {
        let server = try await CaptureServer.start(statuses: [.ok])
        let store = MemoryJobStore()
        let alert = try await Self.alert(store)
        let notifier = AlertNotifier(url: server.url, secret: "merchant-secret", store: store)
        #expect(await notifier.send(alert))
        try await server.stop()

        let requests = server.requests
        try #require(requests.count == 1)
        let request = requests[0]
        #expect(request.method == "POST")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["x-storewise-topic"] == "model_alert")
        // The receiver's check: HMAC-SHA256 of the raw body with the shared secret, base64, equal to the header.
        let mac = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Data("merchant-secret".utf8)))
        #expect(request.headers["x-storewise-hmac-sha256"] == Data(mac).base64EncodedString())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(Set(json.keys) == ["id", "shop_id", "kind", "version", "type", "severity", "message", "details", "created_at"])
        #expect(json["shop_id"] as? Int == 7)
        #expect(json["version"] as? Int == 3)
        #expect(json["type"] as? String == "live-accuracy")
        #expect(json["created_at"] as? String == "2026-09-21T14:13:20Z")
        #expect((json["details"] as? [String: Double])?["live"] == 1.21)
        #expect(try await store.modelAlerts(shopID: 7, openOnly: true, limit: 1).first?.notified == true)
    }

    @Test("a 500 is retried and the second try's 200 counts; three refusals give up un-notified")
    func retries() async throws {
        let store = MemoryJobStore()
        let alert = try await Self.alert(store)
        let fast = RetryBackoff(baseSeconds: 0.01, capSeconds: 0.05)

        let flaky = try await CaptureServer.start(statuses: [.internalServerError, .ok])
        #expect(await AlertNotifier(url: flaky.url, secret: "s", store: store, backoff: fast).send(alert))
        try await flaky.stop()
        #expect(flaky.requests.count == 2)

        let store2 = MemoryJobStore()
        let alert2 = try await Self.alert(store2)
        let down = try await CaptureServer.start(statuses: [.internalServerError, .badGateway, .serviceUnavailable])
        #expect(await AlertNotifier(url: down.url, secret: "s", store: store2, backoff: fast).send(alert2) == false)
        try await down.stop()
        #expect(down.requests.count == 3)
        #expect(try await store2.modelAlerts(shopID: 7, openOnly: true, limit: 1).first?.notified == false)
    }
}

/// A tiny HTTP/1.1 listener on 127.0.0.1 (NIO, port 0) that records every request and answers
/// with the given statuses in turn (the last one repeats).
final class CaptureServer: Sendable {
    struct Request: Sendable {
        var method: String
        var headers: [String: String]
        var body: [UInt8]
    }

    let channel: any Channel
    let recorded: Recorder

    final class Recorder: Sendable {
        let state: Mutex<(requests: [Request], statuses: [HTTPResponseStatus])>
        init(statuses: [HTTPResponseStatus]) { state = Mutex((requests: [], statuses: statuses)) }

        /// Records a request and returns the status to answer with.
        func record(_ request: Request) -> HTTPResponseStatus {
            state.withLock { state in
                state.requests.append(request)
                return state.statuses.count > 1 ? state.statuses.removeFirst() : state.statuses[0]
            }
        }
    }

    init(channel: any Channel, recorded: Recorder) {
        self.channel = channel; self.recorded = recorded
    }

    static func start(statuses: [HTTPResponseStatus]) async throws -> CaptureServer {
        let recorder = Recorder(statuses: statuses)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(recorder: recorder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return CaptureServer(channel: channel, recorded: recorder)
    }

    var url: String { "http://127.0.0.1:\(channel.localAddress?.port ?? 0)/hooks/storewise" }
    var requests: [Request] { recorded.state.withLock { $0.requests } }

    func stop() async throws { try await channel.close() }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let recorder: Recorder
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(recorder: Recorder) { self.recorder = recorder }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head; body = []
            case .body(let buffer):
                body += buffer.readableBytesView
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let status = recorder.record(Request(method: head.method.rawValue, headers: headers, body: body))
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status,
                                                                      headers: ["content-length": "0"]))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
