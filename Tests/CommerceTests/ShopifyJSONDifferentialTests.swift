@testable import Commerce
import Foundation
import Testing
import TestSupport

/// `JSONReader` against Foundation's `JSONDecoder` on the same bodies: Shopify's samples,
/// round-trip bodies, hand-written edge cases, and a few thousand seeded mutations of them.
///
/// The contract (see `ShopifyJSON.fastWire`): whatever the reader accepts, `JSONDecoder` accepts
/// with the same wire value; when both reject a body for a field, they name the same field; and
/// `ShopifyJSON.decode` gives exactly the reference result or the reference error.
@Suite struct ShopifyJSONDifferentialTests {
    /// One body and the wire type its topic reads.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var topic: WebhookTopic
        var body: Data
        var testDescription: String { name }
    }

    static func seedCases() -> [Case] {
        var cases: [Case] = []
        for payload in ShopifyJSONRoundTripTests.payloads {
            guard let topic = ShopifyJSONRoundTripTests.topic(for: payload).first, Self.isFast(topic) else { continue }
            for zone in [TimeZone.gmt, TimeZone(identifier: "Asia/Kolkata")!] {
                cases.append(Case(name: "round trip \(topic.rawValue)", topic: topic, body: ShopifyJSON.encode(payload, timeZone: zone)))
            }
        }
        for (file, topic) in [("orders_create", WebhookTopic.ordersCreate), ("orders_paid", .ordersPaid),
                              ("orders_updated", .ordersUpdated), ("refunds_create", .refundsCreate),
                              ("inventory_levels_update", .inventoryLevelsUpdate)] {
            if let body = SharedData.data("shopify/webhooks/\(file).json", skipping: "differential seeds") {
                cases.append(Case(name: file, topic: topic, body: body))
            }
        }
        let edge: [(String, WebhookTopic, String)] = [
            ("numbers as amounts", .refundsCreate, #"{"id":1,"order_id":"2","created_at":"2024-01-02T00:00:00Z","refund_line_items":[{"id":1,"line_item_id":1,"quantity":1,"subtotal":10.50,"subtotal_set":{"shop_money":{"amount":1e1}}}],"transactions":[{"kind":"refund","status":"success","amount":-0.0}]}"#),
            ("escaped keys and values", .ordersCreate, ##"{"i\u0064":1,"name":"#\u00311 \ud83d\ude00","created_at":"2024-01-01T10:00:00Z","updated_at":"2024-01-01T10:00:00Z","total_price":"1.00","line_items":[{"title":"A\/B","quantity":1,"price":"1.00"}],"tags":" a ,b,, c "}"##),
            ("duplicate keys", .ordersCreate, ##"{"id":1,"id":"x","name":"#1","created_at":"2024-01-01T10:00:00Z","updated_at":"2024-01-01T10:00:00Z","total_price":"1.00","total_price":7,"line_items":[],"customer":null,"customer":{"id":1}}"##),
            ("nulls everywhere", .ordersCreate, ##"{"id":1,"name":"#1","created_at":"2024-01-01T10:00:00Z","updated_at":"2024-01-01T10:00:00Z","total_price":"1.00","line_items":[{"quantity":1,"title":null,"name":"N","price":"1","price_set":null,"discount_allocations":null}],"email":null,"customer":{"id":"9","default_address":null,"email_marketing_consent":{"state":null}},"client_details":{"browser_ip":null},"browser_ip":"1.2.3.4","refunds":null,"discount_codes":null,"test":null}"##),
            ("integral floats", .ordersCreate, ##"{"id":1.0,"name":"#1","created_at":"2024-01-01T10:00:00Z","updated_at":"2024-01-01T10:00:00Z","total_price":"1.00","line_items":[{"quantity":2e0,"title":"A","price":"1"}]}"##),
            ("lenient skip", .ordersCreate, ##"{"id":1,"name":"#1","created_at":"2024-01-01T10:00:00Z","updated_at":"2024-01-01T10:00:00Z","total_price":"1.00","line_items":[],"note_attributes":[1,],"x":"\q"}"##),
            ("risk fields", .ordersCreate, ##"{"id":1,"name":"#1","created_at":"2024-01-01T10:00:00Z","updated_at":"2024-01-01T10:00:00Z","total_price":"1.00","line_items":[],"user_id":"77","shipping_lines":[{"title":"Express","code":null,"price":"9.5","price_set":{"shop_money":{"amount":"9.50","currency_code":"USD"}}}],"discount_applications":[{"type":"manual","value":10,"value_type":"percentage","title":"Override"}],"transactions":[{"id":"8","kind":"sale","status":"failure","error_code":"card_declined","amount":1.5,"location_id":null,"payment_details":{"credit_card_bin":"400000","avs_result_code":null,"cvv_result_code":"N"}}],"payment_details":{"credit_card_bin":"1"}}"##),
            ("refund location", .refundsCreate, #"{"id":1,"order_id":2,"created_at":"2024-01-02T00:00:00Z","user_id":9,"transactions":[{"kind":"refund","status":"success","amount":"1.00","location_id":"5"},{"kind":"refund","status":"success","amount":"2.00","location_id":6}]}"#),
            ("level", .inventoryLevelsUpdate, #"{"inventory_item_id":"271878346596884015","location_id":24826418,"available":null,"updated_at":"2021-12-31T19:00:00-05:00"}"#),
        ]
        cases += edge.map { Case(name: $0.0, topic: $0.1, body: Data($0.2.utf8)) }
        return cases
    }

    static let rejectedByDesign: Set<String> = ["integral floats", "lenient skip"]

    static func isFast(_ topic: WebhookTopic) -> Bool {
        switch topic {
        case .ordersCreate, .ordersUpdated, .ordersPaid, .ordersCancelled, .refundsCreate, .inventoryLevelsUpdate: true
        default: false
        }
    }

    /// Both readers' outcomes for `body` as the wire type of `topic`.
    static func compare(_ body: Data, _ topic: WebhookTopic) -> Comparison {
        switch topic {
        case .refundsCreate: compare(RefundWire.self, body)
        case .inventoryLevelsUpdate: compare(InventoryLevelWire.self, body)
        default: compare(OrderWire.self, body)
        }
    }

    enum Comparison: Equatable {
        case sameValue, bothRejected, onlyReaderRejected, readerAcceptedWhatDecoderRejects(String)
        case valuesDiffer(String), fieldsDiffer(reader: String, decoder: String)
    }

    static func compare<T: JSONReadable & Decodable & Equatable>(_ type: T.Type, _ body: Data) -> Comparison {
        let fast = Result { () throws(PayloadError) in try ShopifyJSON.readWire(type, body) }
        let reference = Result { () throws(PayloadError) in try ShopifyJSON.wire(type, body) }
        switch (fast, reference) {
        case (.success(let a), .success(let b)):
            return a == b ? .sameValue : .valuesDiffer("\(a)\n≠\n\(b)")
        case (.success, .failure(let error)):
            return .readerAcceptedWhatDecoderRejects(error.description)
        case (.failure, .success):
            return .onlyReaderRejected
        case (.failure(let a), .failure(let b)):
            if !a.field.isEmpty, !b.field.isEmpty, a.field != b.field {
                return .fieldsDiffer(reader: a.description, decoder: b.description)
            }
            return .bothRejected
        }
    }

    /// The public entry point and the reference path (`JSONDecoder`, then the same `model`).
    static func publicMatchesReference(_ body: Data, _ topic: WebhookTopic) -> Bool {
        let actual = Result { () throws(PayloadError) in try ShopifyJSON.decode(topic: topic, body: body, shopCurrency: "EUR") }
        let context = DecodeContext(currency: "EUR")
        let expected = Result { () throws(PayloadError) -> WebhookPayload in
            switch topic {
            case .refundsCreate: .refund(try ShopifyJSON.wire(RefundWire.self, body).model(context))
            case .inventoryLevelsUpdate: .inventoryLevel(try ShopifyJSON.wire(InventoryLevelWire.self, body).model(context))
            default: .order(try ShopifyJSON.wire(OrderWire.self, body).model(context))
            }
        }
        return actual == expected
    }

    @Test(arguments: seedCases())
    func seedsDecodeIdentically(seed: Case) {
        let comparison = Self.compare(seed.body, seed.topic)
        // JSONDecoder reads 1.0 as an integer and never checks values it skips; the reader
        // rejects both, and the public path then answers with JSONDecoder's result.
        #expect(comparison == (Self.rejectedByDesign.contains(seed.name) ? .onlyReaderRejected : .sameValue))
        #expect(Self.publicMatchesReference(seed.body, seed.topic))
    }

    @Test func mutatedBodiesNeverDecodeDifferently() {
        var random = SplitMix64(seed: 0x5709_E715E)
        var tally: [String: Int] = [:]
        // Bodies the reader rejects by design would only show that rule again in every mutation.
        let seeds = Self.seedCases().filter { !Self.rejectedByDesign.contains($0.name) }
        for round in 0..<3_000 {
            let seed = seeds[round % seeds.count]
            let body = Self.mutate(Array(seed.body), &random)
            let comparison = Self.compare(Data(body), seed.topic)
            switch comparison {
            case .sameValue: tally["same value", default: 0] += 1
            case .bothRejected: tally["both rejected", default: 0] += 1
            case .onlyReaderRejected: tally["only the reader rejected", default: 0] += 1
            default:
                Issue.record("\(seed.name), round \(round): \(comparison)\n\(String(decoding: body, as: UTF8.self))")
            }
            #expect(Self.publicMatchesReference(Data(body), seed.topic), "\(seed.name), round \(round)")
        }
        print("mutated bodies:", tally.sorted { $0.key < $1.key })
        #expect(tally["same value", default: 0] > 100)
        #expect(tally["both rejected", default: 0] > 1_000)
    }

    /// One random edit: truncate, delete, duplicate, replace with a JSON-significant byte,
    /// or turn a token into a near miss (quoted number, float, leading zero, null, huge number).
    static func mutate(_ body: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var body = body
        let at = Int(random.next() % UInt64(body.count))
        switch random.next() % 8 {
        case 0:
            body.removeSubrange(at...)
        case 1:
            body.remove(at: at)
        case 2:
            body.insert(body[at], at: at)
        case 3:
            let alphabet = Array(#"{}[]:,"\ 0123456789.-+eEtfnul\ud"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]
            body[at] = alphabet[Int(random.next() % UInt64(alphabet.count))]
        default:
            // Replace the value after a random key with a near miss.
            let colons = body.indices.filter { body[$0] == UInt8(ascii: ":") }
            guard let colon = colons.isEmpty ? nil : colons[Int(random.next() % UInt64(colons.count))] else { break }
            var end = colon + 1
            while end < body.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(body[end]) { end += 1 }
            let replacements = [
                "null", "\"12\"", "12", "2.0", "1e2", "012", "-0", "9223372036854775808", "\"9007199254740993\"",
                "\"+7\"", "\"\"", "true", "{}", "[]", "\"12.50\"", "12.50", "\"x\"", "\"\\u00e9\"", "[{}]", "-",
            ]
            body.replaceSubrange(colon + 1 ..< end, with: Array(replacements[Int(random.next() % UInt64(replacements.count))].utf8))
        }
        return body
    }
}

/// A small seeded generator (Steele, Lea & Flood 2014) so the mutations are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
