import Commerce
import Foundation
import Simulation

/// One simulated run with fraud, split the way the fraud tests look at it.
struct StoreFraudRun {
    let events: [SimulatedEvent]
    let truth: [FraudRecord]
    /// orders/create payloads by id, in stream order.
    let created: [Order]
    let byID: [Int64: Order]
    /// Fraudulent orders (not refund abuse's legitimate sales) by pattern.
    let fraudByPattern: [FraudPattern: [Order]]
    let fraudIDs: Set<Int64>
    let legitimate: [Order]

    init(_ configuration: SimulationConfiguration) {
        (events, truth) = StoreSimulator(configuration: configuration).eventsAndFraudTruth()
        created = events.compactMap { event -> Order? in
            guard event.topic == .ordersCreate, case .order(let order) = event.payload else { return nil }
            return order
        }
        byID = Dictionary(uniqueKeysWithValues: created.map { ($0.id, $0) })
        // Orders fraud made up: all but refund abuse's refunds (whose sale may be legitimate).
        let fraudRecords = truth.filter { $0.pattern.isFraud && $0.refundID == nil }
        fraudIDs = Set(fraudRecords.map(\.orderID))
        var grouped: [FraudPattern: [Order]] = [:]
        for record in fraudRecords { if let order = byID[record.orderID] { grouped[record.pattern, default: []].append(order) } }
        fraudByPattern = grouped
        let ids = fraudIDs
        legitimate = created.filter { !ids.contains($0.id) }
    }

    /// 180 days from 2024-03-01 (New York) with two cafés: big enough for rates, quick to generate.
    static func configuration(fraud: FraudConfiguration, seed: UInt64 = 21) -> SimulationConfiguration {
        SimulationConfiguration(
            seed: seed, startDate: Date(timeIntervalSince1970: 1_709_269_200), days: 180, productCount: 40,
            posLocationCount: 2, customerCount: 1_500, averageOrdersPerDay: 60, emitsInventoryEvents: false, fraud: fraud)
    }

    /// The default rates.
    static let standard = StoreFraudRun(configuration(fraud: .standard))
    /// Five times the default rates (card testing bursts fifteen times: ~20 bursts rather than a
    /// handful), so each pattern shows often enough to measure its shape.
    static let boostedFraud = {
        var fraud = FraudConfiguration.standard.scaled(by: 5)
        fraud.cardTestingBurstRate *= 3
        return fraud
    }()
    static let boosted = StoreFraudRun(configuration(fraud: boostedFraud))
    /// The same store with checkout details and no fraud.
    static let clean = StoreFraudRun(configuration(fraud: .checkoutDetailsOnly))
}
