import Commerce

/// A seeded, deterministic simulation of a Shopify store with an online shop and POS cafés:
/// catalog, locations, customers, orders, refunds, cancellations and stock, as webhook events.
///
/// ```swift
/// let simulator = StoreSimulator(configuration: .demo)
/// print(simulator.shop.name, simulator.catalog.count, simulator.locations.count)
/// for event in simulator.events() {
///     if case .order(let order) = event.payload, event.topic == .ordersCreate { … }
/// }
/// ```
///
/// Same configuration (seed included) → identical events, byte for byte. Online orders carry no
/// `location_id` (they count at `Location.onlineID`), while their stock is kept, and reported in
/// inventory_levels/update, at the online warehouse `warehouseLocationID`.
public struct StoreSimulator: Sendable {
    let world: StoreWorld

    public init(configuration: SimulationConfiguration) {
        world = StoreWorld(configuration: configuration)
    }

    public var configuration: SimulationConfiguration { world.configuration }
    public var shop: Shop { world.shop }
    /// Every variant with its cost, vendor and lead time; gift card denominations included, and the
    /// variants that catalog events launch later at the end, all at their opening prices.
    public var catalog: [CatalogItem] { world.catalog.items }
    /// The Shopify products (with their variants), as sent in products/create: the opening catalog
    /// (gift card last), then the products catalog events launch, created at their launch.
    public var products: [Product] { world.catalog.products }
    /// The online warehouse first, then the POS stores.
    public var locations: [Location] { world.locations }
    public var vendors: [Vendor] { world.catalog.vendors }
    /// Where online orders' stock is held and reported.
    public var warehouseLocationID: Int64 { world.locations[0].id }

    /// The webhook stream: catalog first, then day by day customers, orders, follow-ups and stock.
    public func events() -> SimulatedEventSequence { SimulatedEventSequence(world: world) }
}
