import Commerce
import Foundation
@testable import Simulation
import Testing

@Suite("Calendar")
struct CalendarTests {
    @Test("civil dates round-trip through day numbers; 1970-01-01 was a Thursday")
    func civilDates() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CivilDate(year: 1970, month: 1, day: 1).weekday == 5)
        #expect(CivilDate(year: 2024, month: 2, day: 29).dayNumber == 19_782)
        for n in stride(from: -1_000, to: 30_000, by: 37) {
            let date = CivilDate(dayNumber: n)
            #expect(date.dayNumber == n)
        }
    }

    @Test("Black Friday falls on the known dates", arguments: [(2023, 24), (2024, 29), (2025, 28)])
    func blackFriday(year: Int, day: Int) {
        #expect(CivilDate.blackFriday(year) == CivilDate(year: year, month: 11, day: day))
    }

    @Test("days start at local midnight, including across daylight-saving changes")
    func localMidnights() {
        var configuration = SimulationConfiguration.demo
        configuration.days = 400
        let calendar = DemandCalendar(configuration: configuration)
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "America/New_York")!
        for day in calendar.days {
            let start = Date(timeIntervalSince1970: TimeInterval(day.start))
            let c = gregorian.dateComponents([.year, .month, .day, .hour, .minute], from: start)
            #expect(c.year == day.date.year && c.month == day.date.month && c.day == day.date.day)
            #expect(c.hour == 0 && c.minute == 0)
            #expect(day.end > day.start)
            // A mid-afternoon instant maps to 15:00 local.
            let afternoon = Date(timeIntervalSince1970: TimeInterval(day.instant(secondOfDay: 15 * 3_600)))
            #expect(gregorian.component(.hour, from: afternoon) == 15)
        }
    }

    @Test("Christmas Day closes the cafés; promotions lift demand on their days")
    func multipliers() {
        let calendar = DemandCalendar(configuration: .demo)
        let christmas = calendar.days.first { $0.date.month == 12 && $0.date.day == 25 }!
        #expect(christmas.pos == 0)
        let blackFriday = calendar.days.first { $0.date == CivilDate.blackFriday(2023) }!
        #expect(blackFriday.promotion != nil)
        #expect(calendar.days[blackFriday.index - 1].promotion == nil)
    }
}
