import Commerce
import Foundation

/// The fixed part of a simulated store, drawn once from the seed: shop, calendar, catalog,
/// locations and which location carries what. `StoreSimulator` holds it; each event stream
/// starts from it.
struct StoreWorld: Sendable {
    let configuration: SimulationConfiguration
    let shop: Shop
    let calendar: DemandCalendar
    let catalog: Catalog
    /// Slot order: the online warehouse first, then the POS stores.
    let locations: [Location]
    /// Share of POS traffic each slot gets (0 for the warehouse slot).
    let slotWeights: [Double]
    /// Cell (item × slot) carried at that location from the start (false for launched items).
    let carried: [Bool]
    /// Cell carried once its item is on sale: `carried`, plus the cells of launched items.
    let carriedOnceLaunched: [Bool]
    /// Demand shifts and catalog events, resolved.
    let scenario: ScenarioPlan
    /// The merchant's initial demand estimate per cell, in units a day.
    let priorRate: [Double]
    let itemByVariant: [Int64: Int]
    /// Unix seconds at which the locations and products were created, before the first day.
    let locationsCreatedAt: Int64
    let catalogCreatedAt: Int64
    /// Sales tax in the cafés (New York City).
    let posTaxRate = 0.08875

    static let storeNames = [
        "Downtown Flagship", "Riverside Café", "Union Market Kiosk", "Harbor Point", "Old Mill Café",
        "Station Square", "Northside Roastery Bar", "Airport Terminal B",
    ]

    init(configuration: SimulationConfiguration) {
        precondition(configuration.days > 0 && configuration.productCount > 0, "a store needs days and products")
        precondition(configuration.customerCount >= 0 && configuration.averageOrdersPerDay >= 0, "counts are non-negative")
        self.configuration = configuration
        var rng = Xoshiro256StarStar(seed: configuration.seed, stream: 1)
        var ids = Xoshiro256StarStar(seed: configuration.seed, stream: 2)
        calendar = DemandCalendar(configuration: configuration)
        let start = calendar.days[0].start
        locationsCreatedAt = start - 150 * 86_400
        catalogCreatedAt = start - 120 * 86_400
        shop = Shop(
            id: 60_000_000_000 + Int64(configuration.seed % 9_000_000_000), domain: configuration.shopDomain,
            name: configuration.shopName, currency: configuration.currency, timeZone: configuration.timeZone)

        var locationIDs = IDSequence(base: IDBase.location)
        var locations = [Location(id: locationIDs.next(&ids), name: "Online Store Warehouse", isPOS: false)]
        for k in 0..<configuration.posLocationCount {
            let name = k < Self.storeNames.count ? Self.storeNames[k] : "Café \(k + 1)"
            locations.append(Location(id: locationIDs.next(&ids), name: name, isPOS: true))
        }
        self.locations = locations
        var weights = [0.0]
        for k in 0..<configuration.posLocationCount { weights.append(0.45 * pow(0.73, Double(k))) }
        let posTotal = weights.reduce(0, +)
        slotWeights = posTotal > 0 ? weights.map { $0 / posTotal } : weights

        var catalog = CatalogBuilder(
            productCount: configuration.productCount, currency: configuration.currency,
            shopName: configuration.shopName, createdAt: catalogCreatedAt
        ).build(&rng, ids: &ids)

        let slots = locations.count
        var carried = [Bool](repeating: false, count: catalog.items.count * slots)
        var prior = [Double](repeating: 0, count: carried.count)
        let ordersPerDay = configuration.averageOrdersPerDay
        let onlineShare = slots > 1 ? 0.62 : 1.0
        let unitsPerOrder = 2.0
        for (i, item) in catalog.items.enumerated() where !item.isGiftCard {
            for slot in 0..<slots {
                // The warehouse carries everything; a café carries most items but skips some slow ones.
                let carries = slot == 0 || item.posPopularity * Double(catalog.items.count) > 1 || rng.bernoulli(0.75)
                carried[i * slots + slot] = carries
                prior[i * slots + slot] = slot == 0
                    ? ordersPerDay * onlineShare * unitsPerOrder * item.onlinePopularity
                    : ordersPerDay * (1 - onlineShare) * slotWeights[slot] * unitsPerOrder * item.posPopularity
            }
        }
        // Launched items come after the opening ones, so every opening cell keeps its index and draws.
        let openingItems = catalog.items.count
        scenario = ScenarioPlan(configuration: configuration, calendar: calendar, catalog: &catalog, ids: &ids)
        var launchRNG = Xoshiro256StarStar(seed: configuration.seed, stream: 11)
        var carriedOnceLaunched = carried
        for i in openingItems..<catalog.items.count {
            let item = catalog.items[i]
            carried += Array(repeating: false, count: slots)
            for slot in 0..<slots {
                carriedOnceLaunched.append(
                    slot == 0 || item.posPopularity * Double(openingItems) > 1 || launchRNG.bernoulli(0.75))
                prior.append(slot == 0
                    ? ordersPerDay * onlineShare * unitsPerOrder * item.onlinePopularity
                    : ordersPerDay * (1 - onlineShare) * slotWeights[slot] * unitsPerOrder * item.posPopularity)
            }
        }
        self.catalog = catalog
        self.carried = carried
        self.carriedOnceLaunched = carriedOnceLaunched
        priorRate = prior
        itemByVariant = Dictionary(uniqueKeysWithValues: catalog.items.enumerated().map { ($1.variantID, $0) })
    }
}
