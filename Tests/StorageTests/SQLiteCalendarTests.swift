import Crypto
import Foundation
import Testing
@testable import Storage

@Suite struct ShopCalendarTests {
    @Test func dayBoundariesInNewYork() {
        let calendar = ShopCalendar(timeZoneIdentifier: "America/New_York")
        // 2024-03-10T03:30:00Z: New York is on EST (UTC−5) until 07:00Z that day, so the local
        // time is 2024-03-09 22:30.
        #expect(calendar.day(of: Date(timeIntervalSince1970: 1_710_041_400)) == "2024-03-09")
        // 2024-03-10T05:00:00Z = 00:00 EST on the 10th.
        #expect(calendar.day(of: Date(timeIntervalSince1970: 1_710_046_800)) == "2024-03-10")
    }

    @Test func unknownZoneFallsBackToUTC() {
        #expect(ShopCalendar(timeZoneIdentifier: "Nope/Nowhere").day(of: Date(timeIntervalSince1970: 86_399)) == "1970-01-01")
        #expect(ShopCalendar(timeZoneIdentifier: "UTC").day(of: Date(timeIntervalSince1970: -1)) == "1969-12-31")
    }

    /// FIPS 180-2 test vector "abc", and the empty message: the digest's hex rendering.
    @Test func sha256KnownVectors() {
        var abc = Crypto.SHA256()
        abc.update("abc")
        #expect(abc.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var empty = Crypto.SHA256()
        #expect(empty.finalizeHex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
