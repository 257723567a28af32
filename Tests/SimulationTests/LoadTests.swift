import Commerce
import Foundation
import Simulation
import Testing

/// Scaling: the `.load` preset hits its order count, and a million orders stream in bounded memory.
@Suite("Load")
struct LoadTests {
    static func countOrders(_ configuration: SimulationConfiguration) -> (orders: Int, events: Int) {
        var orders = 0, events = 0
        for event in StoreSimulator(configuration: configuration).events() {
            events += 1
            if event.topic == .ordersCreate { orders += 1 }
        }
        return (orders, events)
    }

    @Test(".load(orders:) lands within 10 % of the requested count")
    func loadPresetScales() {
        let result = Self.countOrders(.load(orders: 20_000, seed: 5))
        #expect(abs(result.orders - 20_000) < 2_000)
    }

    @Test("a million orders stream through with flat memory (STOREWISE_SLOW_TESTS=1)")
    func millionOrders() {
        guard ProcessInfo.processInfo.environment["STOREWISE_SLOW_TESTS"] == "1" else {
            print("SKIP millionOrders: set STOREWISE_SLOW_TESTS=1 to generate 1M orders (~85 s in debug, ~17 s in release)")
            return
        }
        let before = Self.residentMegabytes()
        let result = Self.countOrders(.load(orders: 1_000_000))
        let after = Self.residentMegabytes()
        print("millionOrders: \(result.orders) orders, \(result.events) events, RSS \(before) → \(after) MB")
        #expect(result.orders > 900_000)
        if let before, let after { #expect(after - before < 500) }
    }

    /// Current resident set size from /proc (Linux), nil elsewhere.
    static func residentMegabytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kb / 1_024
    }
}
