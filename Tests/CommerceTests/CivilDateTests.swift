import Commerce
import Foundation
import Testing

@Suite struct CivilDateTests {
    /// Hand counts: 1970-01-01 is day 0; 2024-01-01 is 54 years later with 13 leap days
    /// (1972 … 2020), 54 × 365 + 13 = 19,723; 29 February is 31 + 28 days further: 19,782.
    @Test func dayNumbers() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CivilDate(year: 1969, month: 12, day: 31).dayNumber == -1)
        #expect(CivilDate(year: 2024, month: 1, day: 1).dayNumber == 19_723)
        #expect(CivilDate(year: 2024, month: 2, day: 29).dayNumber == 19_782)
        #expect(CivilDate(dayNumber: 19_782) == CivilDate(year: 2024, month: 2, day: 29))
    }

    @Test func roundTripsAgainstFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for number in stride(from: -30_000, through: 60_000, by: 97) {
            let date = CivilDate(dayNumber: number)
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(number) * 86_400))
            #expect(date == CivilDate(year: parts.year!, month: parts.month!, day: parts.day!))
            #expect(date.dayNumber == number)
            #expect(CivilDate(date.description) == date)
        }
    }

    @Test func parsing() {
        #expect(CivilDate("2024-03-10")?.adding(days: -1).description == "2024-03-09")
        #expect(CivilDate("2024-02-29") != nil)
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-3-10", "20240310", "2024-03-1x", ""] {
            #expect(CivilDate(bad) == nil, "\(bad)")
        }
    }
}
