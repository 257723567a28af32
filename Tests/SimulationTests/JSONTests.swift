import Commerce
import Foundation
import Simulation
import Testing

/// The Shopify-shaped bytes: reproducible, and readable by Commerce's own decoder.
@Suite("JSON output")
struct JSONTests {
    static let newYork = TimeZone(identifier: "America/New_York")!

    @Test("same seed gives byte-identical JSONL")
    func byteIdentical() {
        func bytes() -> Data {
            var data = Data()
            for event in StoreSimulator(configuration: .small).events() { data.append(event.jsonlLine(timeZone: Self.newYork)) }
            return data
        }
        let first = bytes()
        #expect(first.count > 100_000)
        #expect(first == bytes())
    }

    @Test("each JSONL line wraps topic, webhook id and the Shopify body")
    func lineShape() throws {
        let event = try #require(StoreSimulator(configuration: .small).events().first { $0.topic == .ordersCreate })
        let line = event.jsonlLine()
        #expect(line.last == UInt8(ascii: "\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["topic"] as? String == "orders/create")
        #expect(object["id"] as? String == event.webhookID)
        let payload = try #require(object["payload"] as? [String: Any])
        #expect(payload["source_name"] as? String == "pos" || payload["source_name"] as? String == "web")
    }

    @Test("bodies decode back to the simulated payloads")
    func roundTrip() throws {
        var decoded = 0
        for event in StoreSimulator(configuration: .small).events() {
            let back = try ShopifyJSON.decode(topic: event.topic, body: event.body(timeZone: Self.newYork), shopCurrency: "USD")
            if case .location(let location) = event.payload, case .location(let read) = back {
                // Shopify's location payload has no POS flag, so only id and name survive the trip.
                #expect(read.id == location.id && read.name == location.name)
            } else {
                #expect(back == event.payload, "\(event.topic.rawValue) \(event.webhookID)")
            }
            decoded += 1
        }
        #expect(decoded > 1_000)
    }

    @Test("writeJSONL writes one line per event")
    func writeFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("simulation-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let written = try StoreSimulator(configuration: .small).events().writeJSONL(to: url, limit: 500)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(written == 500)
        #expect(text.split(separator: "\n").count == 500)
    }
}
