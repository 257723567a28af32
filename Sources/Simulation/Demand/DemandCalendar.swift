import Commerce
import Foundation

/// The simulated days with their seasonality, and the cumulative purchase intensity per
/// channel that turns "next purchase after Exp(1)/λ units of intensity" into a calendar day.
///
/// Repeat purchases follow a Poisson process whose clock runs at the day's multiplier
/// (a time-changed Poisson process), so weekly and yearly seasonality shape when customers buy
/// without changing how many purchases their rate implies per unit of intensity.
struct DemandCalendar: Sendable {
    /// Which intensity curve a buyer follows.
    enum Curve: Int, Sendable { case online = 0, pos = 1, omni = 2 }

    let days: [SimulatedDay]
    /// For each curve, `cumulative[c][d]` is the intensity summed over days before `d` (count + 1 values).
    let cumulative: [[Double]]
    /// The same sums with each day's intensity raised by the demand shifts in force (`max(1, demand)`):
    /// the clock returning customers buy on. Equal to `cumulative` when no shift raises demand.
    let clock: [[Double]]

    init(configuration: SimulationConfiguration) {
        let zone = TimeZone(identifier: configuration.timeZone) ?? TimeZone(secondsFromGMT: 0)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: configuration.startDate)
        let first = CivilDate(year: c.year!, month: c.month!, day: c.day!).dayNumber
        let onlineWeekly = Self.normalised(configuration.onlineWeekdayWeights)
        let posWeekly = Self.normalised(configuration.posWeekdayWeights)
        let windows = Self.promotionWindows(configuration.promotions, from: first, count: configuration.days)

        func utc(_ local: Int64) -> Int64 {
            var instant = local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local))))
            instant = local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
            return instant
        }

        var days: [SimulatedDay] = []
        days.reserveCapacity(configuration.days)
        var nextStart = utc(Int64(first) * 86_400)
        for i in 0..<configuration.days {
            let date = CivilDate(dayNumber: first + i)
            let localMidnight = Int64(first + i) * 86_400
            let start = nextStart
            nextStart = utc(localMidnight + 86_400)
            let noonOffset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(start + 12 * 3_600))))
            let season = Self.season(date, peak: configuration.holidayPeak)
            var online = onlineWeekly[date.weekday - 1] * season
            var pos = posWeekly[date.weekday - 1] * season
            if date.month == 12 && date.day == 25 { online *= 0.35; pos = 0 }  // cafés closed on Christmas Day
            if date.month == 1 && date.day == 1 { pos *= 0.3 }
            let promotion = windows[i]
            if let p = promotion {
                let lift = configuration.promotions[p].demandLift
                online *= lift
                pos *= 1 + (lift - 1) / 2
            }
            let toChristmas = CivilDate(year: date.year, month: 12, day: 24).dayNumber - date.dayNumber
            var day = SimulatedDay(
                index: i, date: date, weekday: date.weekday, start: start, end: nextStart,
                localMidnight: localMidnight, noonOffset: noonOffset, online: online, pos: pos,
                trend: pow(1 + configuration.annualGrowth, Double(i) / 365),
                promotion: promotion, giftCardBoost: (0...35).contains(toChristmas) ? 4 : 1)
            for shift in configuration.demandShifts where shift.isActive(onDay: i) { day.demand *= shift.demandMultiplier }
            days.append(day)
        }
        self.days = days
        var cumulative: [[Double]] = []
        for curve in [Curve.online, .pos, .omni] {
            var sums = [0.0]
            sums.reserveCapacity(days.count + 1)
            for day in days { sums.append(sums.last! + Self.intensity(day, curve)) }
            cumulative.append(sums)
        }
        self.cumulative = cumulative
        // Shifts leave the base sums alone: customers' rates are calibrated on them, so the store
        // before a shift is the store the configuration describes.
        if days.allSatisfy({ $0.demand <= 1 }) {
            clock = cumulative
        } else {
            clock = [Curve.online, .pos, .omni].map { curve in
                var sums = [0.0]
                sums.reserveCapacity(days.count + 1)
                for day in days { sums.append(sums.last! + Self.intensity(day, curve) * max(1, day.demand)) }
                return sums
            }
        }
    }

    static func intensity(_ day: SimulatedDay, _ curve: Curve) -> Double {
        switch curve {
        case .online: day.online
        case .pos: day.pos
        case .omni: 0.5 * (day.online + day.pos)
        }
    }

    /// The day in which `clock` intensity `x` of `curve` is reached, or nil past the last day.
    func day(reaching x: Double, on curve: Curve) -> Int? {
        let sums = clock[curve.rawValue]
        guard x < sums[sums.count - 1] else { return nil }
        var lo = 0, hi = sums.count - 1  // invariant: sums[lo] <= x < sums[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if sums[mid] <= x { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// Yearly shape: a Christmas peak (centred about 13 days before New Year's Eve), a smaller
    /// Thanksgiving-week bump, and the usual January and late-summer lulls.
    static func season(_ date: CivilDate, peak: Double) -> Double {
        let h = Double(date.daysToYearEnd)
        func bump(_ centre: Double, _ width: Double) -> Double { exp(-((h - centre) / width) * ((h - centre) / width)) }
        var m = 1 + peak * (0.95 * bump(13, 9) + 0.35 * bump(36, 6))
        switch date.month {
        case 1: m *= 0.85
        case 2: m *= 0.92
        case 8: m *= 0.93
        default: break
        }
        return m
    }

    static func normalised(_ weights: [Double]) -> [Double] {
        precondition(weights.count == 7 && weights.allSatisfy { $0 >= 0 }, "weekday weights are 7 non-negative numbers")
        let mean = weights.reduce(0, +) / 7
        return weights.map { $0 / mean }
    }

    /// For each simulated day, the promotion running on it (the first listed wins an overlap).
    static func promotionWindows(_ promotions: [Promotion], from first: Int, count: Int) -> [Int?] {
        var windows = [Int?](repeating: nil, count: count)
        let firstYear = CivilDate(dayNumber: first).year
        let lastYear = CivilDate(dayNumber: first + count).year
        for (p, promotion) in promotions.enumerated().reversed() {
            for year in (firstYear - 1)...lastYear {
                let start: CivilDate = switch promotion.start {
                case .monthDay(let month, let day): CivilDate(year: year, month: month, day: day)
                case .blackFriday: CivilDate.blackFriday(year)
                }
                for k in 0..<promotion.durationDays {
                    let i = start.dayNumber + k - first
                    if i >= 0 && i < count { windows[i] = p }
                }
            }
        }
        return windows
    }
}
