import Commerce
import FakeShopify
import Foundation
import Pipeline
import ShopifyAdmin
import Storage
import Testing

/// The must-show: `storewise backfill` of 50,000 orders from the fake Shopify with a small cost bucket,
/// SIGKILLed once its checkpoint shows ingesting progress, then run again to completion.
///
/// Runs the real `storewise` binary (built beside the test binary by `swift build`) as a child process;
/// the fake runs in this process. Skips with a printed reason when the binary is absent.
@Suite("Backfill crash and resume", .serialized, .timeLimit(.minutes(20)))
struct BackfillCrashTests {
    /// 50,000 (the issue's number); `STOREWISE_BACKFILL_CRASH_ORDERS` overrides it for a quicker local run.
    static let orderCount = ProcessInfo.processInfo.environment["STOREWISE_BACKFILL_CRASH_ORDERS"].flatMap(Int.init) ?? 50_000

    /// `storewise` beside the test binary (`.build/<config>/`), or `STOREWISE_BINARY`.
    static func storewiseBinary() -> URL? {
        if let path = ProcessInfo.processInfo.environment["STOREWISE_BINARY"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // macOS runs tests from `storewisePackageTests.xctest/Contents/MacOS/`: walk up to the build folder.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("storewise")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// Starts `storewise backfill` with its standard error in `log`.
    static func startBackfill(binary: URL, environment: [String: String], shop: String, log: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["backfill", "--shop", shop, "--resources", "orders"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        return process
    }

    @Test("50,000 orders: SIGKILL mid-ingest, resume, every order once, progress shown, throttled at most once a minute")
    func crashAndResume() async throws {
        guard let binary = Self.storewiseBinary() else {
            print("SKIP crashAndResume: the storewise binary is not beside the test binary (run `swift build` first, or set STOREWISE_BINARY)")
            return
        }
        // A small bucket (50 points, 5/s) so a client that ignored the cost extension would be throttled.
        let fake = try await FakeShopify.start(FakeShopifyConfiguration(bucketSize: 50, restoreRate: 5))
        await fake.seedSyntheticOrders(count: Self.orderCount)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storewise-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // The shop as an install leaves it: a shop row and its offline token sealed with the deployment's key.
        let key = TokenCipher.generateBase64Key()
        let store = try SQLiteStore(path: directory.appendingPathComponent("storewise.sqlite").path)
        let shopDomain = fake.configuration.shopDomain
        let shop = try await store.createShop(Shop(domain: shopDomain, name: "Fake", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        try await store.saveCredential(ShopCredential(shopID: shop.id, sealedToken: try TokenCipher(base64Key: key).seal(fake.configuration.accessToken),
                                                      scopes: "read_orders", installedAt: Date()))
        let environment = [
            "STOREWISE_DATA_DIR": directory.path,
            "STOREWISE_SHOPIFY_TOKEN_KEY": key,
            "STOREWISE_SHOPIFY_ADMIN_BASE_URL": fake.baseURL.absoluteString,
            "STOREWISE_LOG_LEVEL": "warning",
        ]
        let log = directory.appendingPathComponent("backfill.log")
        let started = Date()

        // Run 1: killed once the checkpoint shows a tenth of the orders ingested. Each run has a deadline
        // (generous: minutes, where a debug build needs about one) so a stuck run fails instead of hanging.
        let first = try Self.startBackfill(binary: binary, environment: environment, shop: shopDomain, log: log)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let firstDeadline = Date().addingTimeInterval(8 * 60)
        var killedAt: BackfillCheckpoint?
        while first.isRunning, Date() < firstDeadline {
            if let checkpoint = try await store.backfillCheckpoints(shopID: shop.id).first(where: { $0.resource == "orders" }),
               checkpoint.status == .ingesting, checkpoint.rootsDone >= Self.orderCount / 10 {
                kill(first.processIdentifier, SIGKILL)
                killedAt = checkpoint
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        if first.isRunning { kill(first.processIdentifier, SIGKILL) }
        first.waitUntilExit()
        let checkpoint = try #require(killedAt, "the first run was not seen ingesting (ended, or no progress within 8 minutes): \(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self).suffix(2000))")
        #expect(first.terminationReason == .uncaughtSignal && first.terminationStatus == SIGKILL)
        #expect(checkpoint.rootsDone < Self.orderCount)

        // Run 2: resumes from the checkpoint and finishes.
        let second = try Self.startBackfill(binary: binary, environment: environment, shop: shopDomain, log: log)
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        let secondDeadline = Date().addingTimeInterval(10 * 60)
        while second.isRunning, Date() < secondDeadline { try await Task.sleep(for: .milliseconds(200)) }
        if second.isRunning {
            kill(second.processIdentifier, SIGKILL)
            second.waitUntilExit()
            Issue.record("the resumed backfill did not finish within 10 minutes")
            await fake.stop()
            return
        }
        let output = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        #expect(second.terminationStatus == 0, "\(output.suffix(2000))")
        let minutes = Date().timeIntervalSince(started) / 60

        let stats = try await store.stats(shopID: shop.id)
        #expect(stats.orders == Self.orderCount)
        #expect(stats.eventsByTopic["orders/create"] == Self.orderCount)
        // Each order once in the log: as many distinct order ids as events.
        var ids = Set<Int64>()
        var after: Int64 = 0
        var events = 0
        while true {
            let page = try await store.events(shopID: shop.id, after: after, limit: 5_000)
            guard let last = page.last else { break }
            for event in page where event.topic == "orders/create" {
                events += 1
                if case .order(let order) = try ShopifyJSON.decode(topic: .ordersCreate, body: event.body) { ids.insert(order.id) }
            }
            after = last.sequence
        }
        #expect(events == Self.orderCount)
        #expect(ids.count == Self.orderCount)
        // Progress was shown, and the final summary.
        #expect(output.contains("backfill orders: ingesting"))
        #expect(output.contains("orders: \(Self.orderCount) objects") || output.contains("orders: \(Self.orderCount - checkpoint.rootsDone)"))
        // Throttled by Shopify at most once per minute of run time (rounded up, at least one).
        let throttled = await fake.throttledResponses
        #expect(throttled <= max(1, Int(minutes.rounded(.up))), "throttled \(throttled) times in \(minutes) minutes")
        print("backfill crash test: \(Self.orderCount) orders, killed at \(checkpoint.rootsDone), \(throttled) throttled, \(Int(minutes * 60)) s")
        await fake.stop()
    }
}
