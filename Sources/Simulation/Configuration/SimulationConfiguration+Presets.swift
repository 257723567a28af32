import Foundation

extension SimulationConfiguration {
    /// Two years of a coffee-and-tea shop with three cafés: about 120 products (~300 variants),
    /// 5,000 customers and ~44,000 orders from 2023-07-01 to 2025-06-29 (New York time).
    public static let demo = SimulationConfiguration()

    /// A month around Black Friday with 20 products, one café and a few hundred orders: for tests.
    public static let small = SimulationConfiguration(
        seed: 7,
        startDate: Date(timeIntervalSince1970: 1_730_955_600),  // 2024-11-07 00:00 New York
        days: 30,
        productCount: 20,
        posLocationCount: 1,
        customerCount: 150,
        averageOrdersPerDay: 12
    )

    /// Two years scaled to about `orders` orders (one customer per ~9 orders), for load tests.
    ///
    /// Memory stays flat however large `orders` is: the generator keeps state per customer and per
    /// variant × location, never per order beyond the few weeks that follow-ups (refunds) need.
    public static func load(orders: Int, seed: UInt64 = 1) -> SimulationConfiguration {
        let days = 730
        return SimulationConfiguration(
            seed: seed,
            days: days,
            productCount: 120,
            posLocationCount: 3,
            customerCount: max(200, orders / 9),
            averageOrdersPerDay: Double(orders) / Double(days)
        )
    }
}
