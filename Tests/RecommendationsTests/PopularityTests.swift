import Testing
@testable import Recommendations

@Suite("Popularity and trending")
struct PopularityTests {
    static func at(day: Int64) -> Int64 { day * 86_400 + 100 }

    /// Day 9: {0}; day 10: {0,2}, {2}, {2}, {1}; days 7, 8: {1}; day 1: {3}.
    static func example() -> Popularity {
        var p = Popularity()
        p.add(items: [0], time: at(day: 9))
        p.add(items: [0, 2], time: at(day: 10))
        p.add(items: [2], time: at(day: 10))
        p.add(items: [2], time: at(day: 10))
        p.add(items: [1], time: at(day: 7))
        p.add(items: [1], time: at(day: 8))
        p.add(items: [1], time: at(day: 10))
        p.add(items: [3], time: at(day: 1))
        p.add(items: [3], time: nil)
        return p
    }

    @Test("Best sellers by baskets, ties to the lower item")
    func popular() {
        let p = Self.example()
        #expect(p.popular(limit: 10).map(\.item) == [1, 2, 0, 3])
        #expect(p.popular(limit: 10).map(\.count) == [3, 3, 2, 2])
        #expect(p.popular(limit: 2).map(\.item) == [1, 2])
    }

    @Test("Trending over 2-day windows: (recent + α) / (previous + α) with α = 1")
    func trending() throws {
        let p = Self.example()
        let (recent, previous) = try #require(p.windows(2 * 86_400))
        // Recent = days 9–10, previous = days 7–8.
        #expect(recent == [2, 1, 3, 0])
        #expect(previous == [0, 2, 0, 0])
        let list = p.trending(window: 2 * 86_400, smoothing: 1, minimum: 1, limit: 10)
        // 2: (3+1)/1 = 4; 0: (2+1)/1 = 3; 1: 2/3 < 1 is not trending; 3 sold nothing recently.
        #expect(list.map(\.item) == [2, 0])
        #expect(list.map(\.score) == [4, 3])
        #expect(list.map(\.count) == [3, 2])
        // α = 5: 3 new sales give (3+5)/5 = 1.6; a minimum of 3 recent sales drops item 0.
        #expect(p.trending(window: 2 * 86_400, smoothing: 5, minimum: 3, limit: 10).map(\.score) == [1.6])
    }

    @Test("Removing the newest baskets moves the windows back")
    func remove() throws {
        var p = Self.example()
        p.remove(items: [0, 2], time: Self.at(day: 10))
        p.remove(items: [2], time: Self.at(day: 10))
        p.remove(items: [2], time: Self.at(day: 10))
        #expect(p.newestTime == Self.at(day: 10))
        p.remove(items: [1], time: Self.at(day: 10))
        #expect(p.newestTime == Self.at(day: 9))
        let (recent, previous) = try #require(p.windows(2 * 86_400))
        #expect(recent == [1, 1, 0, 0])     // days 8–9
        #expect(previous == [0, 1, 0, 0])   // days 6–7
        #expect(p.totals == [1, 2, 0, 2])
        #expect(Popularity().windows(86_400) == nil)
    }
}
