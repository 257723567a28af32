/// When in the day orders come in: online around the clock with an evening peak, POS during
/// opening hours (7 a.m.–8 p.m.) with a morning-coffee and a lunch peak.
struct IntradayProfile: Sendable {
    private let online: AliasTable
    private let pos: AliasTable
    static let posOpeningHour = 7

    init() {
        online = AliasTable(weights: [
            1.2, 0.8, 0.5, 0.4, 0.4, 0.6, 1.2, 2.2, 3.2, 3.8, 4.0, 4.2,
            4.6, 4.4, 4.0, 3.8, 3.8, 4.0, 4.4, 5.0, 5.4, 5.0, 3.8, 2.2,
        ])
        pos = AliasTable(weights: [5.0, 6.5, 5.5, 4.0, 4.0, 5.5, 5.0, 4.0, 4.2, 4.5, 4.0, 3.0, 2.0])
    }

    /// Seconds after local midnight of one order.
    func secondOfDay(pos isPOS: Bool, _ rng: inout Xoshiro256StarStar) -> Int {
        let hour = isPOS ? Self.posOpeningHour + pos.sample(&rng) : online.sample(&rng)
        return hour * 3_600 + rng.int(below: 3_600)
    }
}
