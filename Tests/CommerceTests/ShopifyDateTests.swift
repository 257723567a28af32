import Commerce
import Foundation
import Testing

/// Expected instants were computed independently with Python's `datetime.strptime(...).timestamp()`.
@Suite struct ShopifyDateTests {
    @Test(arguments: [
        ("2021-12-31T19:00:00-05:00", 1_640_995_200.0),
        ("2024-01-01T10:00:00Z", 1_704_103_200),
        ("2024-01-01T10:00:00+00:00", 1_704_103_200),
        ("2024-01-01T15:30:00+05:30", 1_704_103_200),
        ("2024-01-01T15:30:00+0530", 1_704_103_200),
        ("2024-01-01T10:00:00.123Z", 1_704_103_200.123),
        ("2024-01-01T10:00:00.5-00:00", 1_704_103_200.5),
        ("2024-02-29T12:00:00Z", 1_709_208_000),
        ("2025-05-11 09:55:16 -0400", 1_746_971_716),  // the orders-export shape
        ("1969-12-31T23:59:59Z", -1),
        ("1970-01-01T00:00:00Z", 0),
    ])
    func parses(text: String, seconds: Double) throws {
        let date = try #require(ShopifyDate.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test(arguments: [
        "", "garbage", "2024-01-01", "2024-01-01T10:00:00", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-04-31T00:00:00Z", "2024-01-01T25:00:00Z", "2024-01-01T10:60:00Z", "2024-01-01T10:00:00.Z",
        "2024-01-01T10:00:00+05:3", "2024-01-01T10:00:00Z ", "24-01-01T10:00:00Z", "2024-01-01X10:00:00Z",
    ])
    func rejects(text: String) {
        #expect(ShopifyDate.parse(text) == nil)
    }

    @Test func formatsWithOffset() {
        #expect(ShopifyDate.format(Date(timeIntervalSince1970: 1_640_995_200), utcOffset: -5 * 3600)
            == "2021-12-31T19:00:00-05:00")
        #expect(ShopifyDate.format(Date(timeIntervalSince1970: 1_704_103_200), utcOffset: 5 * 3600 + 1800)
            == "2024-01-01T15:30:00+05:30")
        #expect(ShopifyDate.format(Date(timeIntervalSince1970: 1_704_103_200.123)) == "2024-01-01T10:00:00.123+00:00")
        #expect(ShopifyDate.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59+00:00")
    }

    /// Foundation's ISO8601DateFormatter is the independent reference for a sweep of instants.
    @Test func agreesWithFoundationOverManyInstants() throws {
        let reference = ISO8601DateFormatter()
        var seconds: Int64 = -2_208_988_800  // 1900-01-01
        while seconds < 4_102_444_800 {  // 2100-01-01
            let date = Date(timeIntervalSince1970: Double(seconds))
            let text = reference.string(from: date)
            #expect(ShopifyDate.parse(text) == date, "\(text)")
            #expect(reference.date(from: ShopifyDate.format(date)) == date)
            seconds += 7_654_321  // about 3 months, with a varying time of day
        }
    }
}
