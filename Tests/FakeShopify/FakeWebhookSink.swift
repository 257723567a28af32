import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A tiny HTTP receiver for tests of webhook delivery: records every POST (path, headers, body) and
/// answers the statuses it is given, in order, then 200.
public final class FakeWebhookSink: Sendable {
    /// One received request.
    public struct Delivery: Sendable {
        public var path: String
        public var headers: [String: String]
        public var body: Data

        /// A header by case-insensitive name.
        public func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// `http://127.0.0.1:PORT`.
    public let baseURL: URL
    private let box: Box
    private let group: ServiceGroup
    private let runner: Task<Void, Never>

    private init(baseURL: URL, box: Box, group: ServiceGroup, runner: Task<Void, Never>) {
        self.baseURL = baseURL; self.box = box; self.group = group; self.runner = runner
    }

    /// Starts on a free port; the first requests answer `statuses` (e.g. `[500]` to test a retry).
    public static func start(statuses: [Int] = [], logger: Logger = Logger(label: "storewise.fake-webhook-sink")) async throws -> FakeWebhookSink {
        let box = Box(statuses: statuses)
        let router = Router()
        router.post("/**") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 16 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            box.received.withLock { $0.append(Delivery(path: request.uri.path, headers: headers, body: Data(buffer: body))) }
            let status = box.statuses.withLock { $0.isEmpty ? 200 : $0.removeFirst() }
            return Response(status: .init(code: status))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "webhook-sink"),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0); continuation.finish() },
                              logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let runner = Task {
            try? await group.run()
            continuation.finish()
        }
        var port = 0
        for await bound in ports { port = bound }
        guard port > 0, let url = URL(string: "http://127.0.0.1:\(port)") else {
            runner.cancel()
            throw FakeShopifyError.notRunning("the webhook sink did not bind")
        }
        return FakeWebhookSink(baseURL: url, box: box, group: group, runner: runner)
    }

    /// Everything received so far, in order.
    public var deliveries: [Delivery] { box.received.withLock { $0 } }

    public func stop() async {
        await group.triggerGracefulShutdown()
        await runner.value
    }

    private final class Box: Sendable {
        let received: Mutex<[Delivery]>
        let statuses: Mutex<[Int]>
        init(statuses: [Int]) { received = Mutex([]); self.statuses = Mutex(statuses) }
    }
}
