import Foundation
import NIOCore
import Storage
import Testing
import TestSupport
@testable import Server

/// The profile's hand-written JSON against `JSONEncoder` (through `JSONResponse`, as every other
/// route writes): the same object after parsing, for scored, unscored and hostile profiles.
@Suite("Customer profile JSON")
struct CustomerProfileJSONTests {
    func parsed(_ buffer: ByteBuffer) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? NSDictionary)
    }

    /// `JSONResponse.make`'s encoder settings.
    func viaEncoder(_ view: CustomerAPIController.ProfileView) throws -> NSDictionary {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return try #require(try JSONSerialization.jsonObject(with: try encoder.encode(view)) as? NSDictionary)
    }

    @Test("Fixture profiles: same object as JSONEncoder writes, keys sorted")
    func sameAsEncoder() async throws {
        let app = try await CustomerFixture.makeApp()
        let run = try await app.store.latestCustomerValueRun(shopID: app.shop.id)
        for id: Int64 in [7001, 7003, 7004, 7005] {
            let profile = try #require(try await app.store.customerProfile(shopID: app.shop.id, customerID: id))
            let view = CustomerAPIController.ProfileView(profile, run: run, shopCurrency: "USD")
            let hand = CustomerProfileJSON.encode(view)
            #expect(try parsed(hand) == (try viaEncoder(view)), "customer \(id)")
        }
        // Unscored and without a run.
        let bare = try #require(try await app.store.customerProfile(shopID: app.shop.id, customerID: 7002))
        var unscored = bare
        unscored.score = nil
        let view = CustomerAPIController.ProfileView(unscored, run: nil, shopCurrency: "USD")
        #expect(try parsed(CustomerProfileJSON.encode(view)) == (try viaEncoder(view)))
    }

    @Test("Strings: quotes, backslashes, control characters and non-ASCII text survive a round trip")
    func strings() throws {
        for text in ["plain", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak\r", "bell\u{07}", "Café ☕️ 東京", ""] {
            var writer = CustomerProfileJSON()
            writer.string(text)
            let data = Data(writer.buffer.readableBytesView)
            let decoded = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? String
            #expect(decoded == text, "\(text.debugDescription)")
        }
    }
}

