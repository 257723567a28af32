import Commerce
/// One shop-local calendar day of the simulation and the demand multipliers in force on it.
struct SimulatedDay: Sendable {
    let index: Int
    let date: CivilDate
    /// 1 = Sunday … 7 = Saturday.
    let weekday: Int
    /// Unix seconds of local midnight, and of the next day's.
    let start: Int64
    let end: Int64
    /// Local midnight counted as if local time were UTC, and the UTC offset at local noon: turning a
    /// local time of day into an instant stays right on the days clocks change (at 2 a.m.).
    let localMidnight: Int64
    let noonOffset: Int64
    /// Intensity of repeat purchases and guest traffic: weekday × season × promotion.
    let online: Double
    let pos: Double
    /// Growth of new-customer and guest traffic since the first day.
    let trend: Double
    /// Index into the configuration's promotions of the sale running today.
    let promotion: Int?
    /// How much likelier a gift card is today (the weeks before Christmas).
    let giftCardBoost: Double
    /// Product of the demand shifts' `demandMultiplier`s in force today (1 without any).
    var demand: Double = 1

    /// The instant of `second` seconds after local midnight.
    func instant(secondOfDay second: Int) -> Int64 {
        second < 3 * 3_600 ? start + Int64(second) : localMidnight + Int64(second) - noonOffset
    }
}
