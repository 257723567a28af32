import Commerce
import Foundation

/// All customers the store will have, drawn up front (a few dozen bytes each), in the order they
/// sign up; the engine turns them into `Customer` records and orders over time.
struct CustomerPopulation: Sendable {
    var profiles: [CustomerProfile]
    let regions: [Region]
    let currency: String

    /// Draws `configuration.customerCount` customers and calibrates their purchase rates so the
    /// expected number of orders over the period matches `averageOrdersPerDay`.
    init(configuration: SimulationConfiguration, calendar: DemandCalendar, catalog: Catalog, slotWeights: [Double],
         rng: inout Xoshiro256StarStar) {
        regions = Region.domestic + Region.international
        currency = configuration.currency
        let domesticTable = AliasTable(weights: Region.domestic.map(\.weight))
        let localTable = AliasTable(weights: Region.domestic.prefix(3).map(\.weight))
        let internationalTable = AliasTable(weights: Region.international.map(\.weight))
        let hasPOS = slotWeights.count > 1
        let posSlots = hasPOS ? AliasTable(weights: Array(slotWeights.dropFirst())) : nil
        let curves: [DemandCalendar.Curve] = [.online, .pos, .omni]
        // Sign-ups follow the channel's seasonality and the growth trend, plus a backlog in the first
        // weeks: the shop was trading before the simulated period, and its existing regulars show up
        // early (their first order in the data is where the stream picks them up).
        let acquisition = curves.map { curve in
            AliasTable(weights: calendar.days.map {
                DemandCalendar.intensity($0, curve) * $0.trend * (1 + 4 * exp(-Double($0.index) / 40))
            })
        }

        var drawn: [CustomerProfile] = []
        drawn.reserveCapacity(configuration.customerCount)
        var latent: [(lambda: Double, p: Double)] = []
        for _ in 0..<configuration.customerCount {
            let u = rng.uniform()
            let affinity: CustomerProfile.Affinity = !hasPOS || u < 0.55 ? .online : u < 0.8 ? .pos : .omni
            let curveIndex = affinity == .online ? 0 : affinity == .pos ? 1 : 2
            let day = acquisition[curveIndex].sample(&rng)
            let homeSlot = affinity == .online ? 0 : (posSlots!.sample(&rng) + 1)
            let region: Int
            if affinity == .pos {
                region = localTable.sample(&rng)
            } else if rng.bernoulli(configuration.internationalShare) {
                region = Region.domestic.count + internationalTable.sample(&rng)
            } else {
                region = domesticTable.sample(&rng)
            }
            // λ ~ Gamma(r = 0.55) and p ~ Beta(1.2, 4): a few very frequent buyers, many occasional ones.
            let lambda = rng.gamma(shape: 0.55)
            let p = rng.beta(1.2, 4.0)
            latent.append((lambda, p))
            drawn.append(CustomerProfile(
                affinity: affinity, acquisitionDay: Int32(day), homeSlot: Int8(homeSlot), rate: 0, dropout: p,
                spend: rng.gamma(shape: 4, scale: 0.25),
                favourite: Int32(Self.favourite(catalog: catalog, pos: affinity == .pos, rng: &rng)),
                firstName: UInt16(rng.int(below: PersonNames.first.count)),
                lastName: UInt16(rng.int(below: PersonNames.last.count)),
                region: UInt16(region), streetNumber: UInt16(rng.int(in: 1...980)),
                street: UInt8(rng.int(below: PersonNames.streets.count)), zipSuffix: UInt8(rng.int(below: 100)),
                acceptsEmail: rng.bernoulli(affinity == .pos ? 0.3 : 0.5), acceptsSMS: rng.bernoulli(0.12),
                hasPhone: rng.bernoulli(affinity == .online ? 0.3 : 0.6), hasAccount: rng.bernoulli(0.6)))
        }

        // Calibrate a common scale s on λ so that expected repeat orders hit the target, using the
        // BG/NBD individual-level mean E[X(t) | λ, p] = (1 − e^(−λpt)) / p (Fader et al. 2005, eq. 9).
        let expected = Double(configuration.days) * configuration.averageOrdersPerDay
        let repeatTarget = max(0, expected * (1 - configuration.guestCheckoutShare) - Double(drawn.count))
        let exposure = drawn.map { profile -> Double in
            let sums = calendar.cumulative[profile.curve.rawValue]
            return sums[sums.count - 1] - sums[Int(profile.acquisitionDay) + 1]
        }
        func expectedRepeats(_ s: Double) -> Double {
            var total = 0.0
            for i in latent.indices {
                let (lambda, p) = latent[i]
                total += (1 - exp(-min(s * lambda, Self.maximumRate) * p * exposure[i])) / p
            }
            return total
        }
        var lo = 1e-9, hi = 1e3
        for _ in 0..<80 {
            let mid = (lo * hi).squareRoot()
            if expectedRepeats(mid) < repeatTarget { lo = mid } else { hi = mid }
        }
        for i in drawn.indices { drawn[i].rate = min(latent[i].lambda * hi, Self.maximumRate) }

        // Sign-up order: by acquisition day, ties kept in draw order.
        profiles = drawn.indices
            .sorted { (drawn[$0].acquisitionDay, $0) < (drawn[$1].acquisitionDay, $1) }
            .map { drawn[$0] }
    }

    /// No one buys more often than every third day on average: beans last longer than that.
    static let maximumRate = 1.0 / 3.0

    /// A consumable (coffee or tea) the customer will come back for, if they have a favourite.
    static func favourite(catalog: Catalog, pos: Bool, rng: inout Xoshiro256StarStar) -> Int {
        guard rng.bernoulli(0.7) else { return -1 }
        let table = pos ? catalog.posTable : catalog.onlineTable
        var pick = catalog.merchandise[table.sample(&rng)]
        for _ in 0..<3 where !["Coffee", "Tea"].contains(catalog.items[pick].productType) {
            pick = catalog.merchandise[table.sample(&rng)]
        }
        return pick
    }
}
