import Commerce

/// The configuration's demand shifts and catalog events resolved against the store: which products
/// each event launches and which prices it changes, and the basket mix of every day.
///
/// Drawn once with the world from its own random stream, so a store without events is exactly the
/// store it was before events existed, and the days before an event do not depend on it.
struct ScenarioPlan: Sendable {
    /// A variant's new price.
    struct Reprice: Sendable, Hashable {
        var item: Int
        var price: Int64
    }

    /// One catalog event, resolved.
    struct CatalogChange: Sendable {
        var day: Int
        /// Product indices of the launched products.
        var launched: Range<Int>
        /// Variants repriced, in item order.
        var reprices: [Reprice]
    }

    /// In day order (configuration order within a day).
    let changes: [CatalogChange]
    let mixes: [BasketMix]
    /// Index into `mixes` of each day's mix, or -1 for the opening catalog without shifts.
    let mixOfDay: [Int]

    /// Checks the events, launches their products into `catalog` (ids from `ids`) and resolves the rest.
    init(configuration: SimulationConfiguration, calendar: DemandCalendar, catalog: inout Catalog,
         ids: inout Xoshiro256StarStar) {
        let days = configuration.days
        for shift in configuration.demandShifts {
            if let problem = shift.problem(days: days) { preconditionFailure(problem) }
        }
        for event in configuration.catalogEvents {
            if let problem = event.problem(days: days) { preconditionFailure(problem) }
        }
        var rng = Xoshiro256StarStar(seed: configuration.seed, stream: 10)
        var prices = catalog.items.map(\.price.minorUnits)
        var changes: [CatalogChange] = []
        let events = configuration.catalogEvents.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }
        for (_, event) in events {
            // "Existing" variants are those on sale before this event's launches.
            let existing = (0..<catalog.products.count).flatMap { catalog.productItems[$0] }
                .filter { !catalog.items[$0].isGiftCard }
            let launched = CatalogBuilder.launch(
                event.addProducts, types: event.productTypes, into: &catalog, at: calendar.days[event.day].start,
                rng: &rng, ids: &ids)
            prices += catalog.items[prices.count...].map(\.price.minorUnits)
            let count = Int((event.repriceShare * Double(existing.count)).rounded())
            var chosen = existing
            rng.shuffle(&chosen)
            var reprices: [Reprice] = []
            for item in chosen.prefix(count).sorted() {
                prices[item] = CatalogBuilder.repriced(prices[item], by: event.priceFactor)
                reprices.append(Reprice(item: item, price: prices[item]))
            }
            changes.append(CatalogChange(day: event.day, launched: launched, reprices: reprices))
        }
        self.changes = changes

        // A day's mix depends on the products launched by then and on the shifts that change what
        // baskets hold; days that share both share one mix.
        var mixes: [BasketMix] = []
        var mixIndex: [[Int]: Int] = [:]
        var mixOfDay = [Int](repeating: -1, count: days)
        let shaping = configuration.demandShifts.enumerated().filter {
            !$0.element.productTypeMultipliers.isEmpty || $0.element.unitsPerLineMultiplier != 1
        }
        for d in 0..<days {
            let limit = changes.last { $0.day <= d }?.launched.upperBound ?? catalog.openingProductCount
            let active = shaping.filter { $0.element.isActive(onDay: d) }
            guard limit > catalog.openingProductCount || !active.isEmpty else { continue }
            let key = active.map(\.offset) + [limit]
            if let index = mixIndex[key] { mixOfDay[d] = index; continue }
            var factors: [String: Double] = [:]
            var units = 1.0
            for (_, shift) in active {
                for (type, factor) in shift.productTypeMultipliers { factors[type, default: 1] *= factor }
                units *= shift.unitsPerLineMultiplier
            }
            mixIndex[key] = mixes.count
            mixOfDay[d] = mixes.count
            mixes.append(BasketMix(catalog: catalog, productLimit: limit, typeFactors: factors, unitsMultiplier: units))
        }
        self.mixes = mixes
        self.mixOfDay = mixOfDay
    }

    /// The basket mix of day `d`, nil for the opening catalog without shifts.
    func mix(onDay d: Int) -> BasketMix? {
        let index = mixOfDay[d]
        return index < 0 ? nil : mixes[index]
    }
}
