import ArgumentParser
import Commerce
import Foundation
import Recommendations
import Simulation

/// `storewise recommend precompute`: the precompute benchmark of issue 7. Generates orders with the
/// store simulator (its catalog's complements and bundles give real co-purchase structure), turns
/// them into baskets without the database, and times generation, training (`add` of every basket),
/// `model()` (every neighbour list) and their sum; prints peak RSS and the model's list sizes.
struct RecommendPrecomputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "precompute",
        abstract: "Benchmark: simulate orders, train the recommendation model in memory, time each step and report peak RSS.",
        discussion: """
        Example (scripts/bench-recs-precompute runs both sizes in separate processes):
          storewise recommend precompute --orders 1000000 --products 50000 --threads 2 --json
        """
    )

    @Option(help: "Orders to simulate (two years of the load preset scaled to this many).") var orders = 100_000
    @Option(help: "Products in the simulated catalog.") var products = 10_000
    @Option(help: "Simulator seed.") var seed: UInt64 = 1
    @Option(help: "Threads for model() (neighbour lists).") var threads = 2
    @Flag(help: "Print one JSON object with every number at the end.") var json = false

    func validate() throws {
        guard orders >= 1 else { throw ValidationError("--orders must be at least 1, got \(orders)") }
        guard products >= 1 else { throw ValidationError("--products must be at least 1, got \(products)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let clock = ContinuousClock()
        var configuration = SimulationConfiguration.load(orders: orders, seed: seed)
        configuration.productCount = products

        // Generation: simulator events → baskets of dense product indices (what the job reads from the store).
        let generationStart = clock.now
        let simulator = StoreSimulator(configuration: configuration)
        let catalogBuilt = clock.now
        var productIndex: [Int64: Int32] = [:]
        var productTypes: [String: Int32] = [:]
        var groups: [Int32] = []
        for item in simulator.catalog where productIndex[item.productID] == nil {
            productIndex[item.productID] = Int32(groups.count)
            if productTypes[item.productType] == nil { productTypes[item.productType] = Int32(productTypes.count) }
            groups.append(productTypes[item.productType]!)
        }
        var customerIndex: [Int64: Int32] = [:]
        var baskets: [Basket] = []
        baskets.reserveCapacity(configuration.expectedOrders + configuration.expectedOrders / 8)
        var progress = ProgressLine("simulating orders", total: configuration.expectedOrders)
        var events = 0, lines = 0
        var itemsScratch: [Int32] = []
        for event in simulator.events() {
            events += 1
            guard case .order(let order) = event.payload, event.topic == .ordersCreate else { continue }
            itemsScratch.removeAll(keepingCapacity: true)
            for line in order.lineItems {
                guard let id = line.productID, let index = productIndex[id] else { continue }
                itemsScratch.append(index)
            }
            guard !itemsScratch.isEmpty else { continue }
            lines += itemsScratch.count
            var customer: Int32?
            if let id = order.customer?.id {
                if let known = customerIndex[id] { customer = known } else {
                    customer = Int32(customerIndex.count)
                    customerIndex[id] = customer
                }
            }
            baskets.append(Basket(id: "", customer: customer, time: Int64(order.createdAt.timeIntervalSince1970), items: itemsScratch))
            if baskets.count % 10_000 == 0 { progress.update(baskets.count) }
        }
        progress.finish(baskets.count, summary: "\(baskets.count) baskets from \(events) events")
        let generated = clock.now

        // Training: count every basket.
        var trainer = RecommendationTrainer(configuration: .init(threads: threads))
        trainer.reserveItems(groups.count)
        var training = ProgressLine("training", total: baskets.count)
        for (i, basket) in baskets.enumerated() {
            trainer.add(basket)
            if i % 50_000 == 0 { training.update(i) }
        }
        trainer.setGroups(groups)
        training.finish(baskets.count)
        let trained = clock.now
        say("building every neighbour list on \(threads) thread(s)…")
        let model = trainer.model()
        let built = clock.now

        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let generation = seconds(generated - generationStart), catalogSeconds = seconds(catalogBuilt - generationStart)
        let train = seconds(trained - generated), modelSeconds = seconds(built - trained)
        let precompute = train + modelSeconds
        let rssMB = Self.peakRSSMegabytes()
        func entries(_ lists: [[Neighbour]]) -> (total: Int, nonEmpty: Int) {
            (lists.reduce(0) { $0 + $1.count }, lists.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) })
        }
        let bt = entries(model.boughtTogether), ab = entries(model.alsoBought), ctl = entries(model.completeTheLook)
        let multi = baskets.reduce(0) { $0 + ($1.items.count > 1 ? 1 : 0) }
        say("""
        orders \(baskets.count) (\(multi) with 2+ products, \(lines) product lines), products \(groups.count) (\(productTypes.count) types), customers \(customerIndex.count)
        generation  \(Self.fixed(generation)) s (catalog \(Self.fixed(catalogSeconds)) s)
        training    \(Self.fixed(train)) s
        model()     \(Self.fixed(modelSeconds)) s
        precompute  \(Self.fixed(precompute)) s (training + model)
        peak RSS    \(Self.fixed(rssMB, digits: 0)) MB
        lists: bought-together \(bt.total) entries over \(bt.nonEmpty) items, also-bought \(ab.total) over \(ab.nonEmpty), complete-the-look \(ctl.total) over \(ctl.nonEmpty); popular \(model.popular.count), trending \(model.trending.count); \(trainer.counts.storedPairs) pair slots
        """)
        if json {
            let record: [String: Any] = [
                "orders": baskets.count, "products": groups.count, "customers": customerIndex.count, "threads": threads,
                "generation_seconds": generation, "catalog_seconds": catalogSeconds, "training_seconds": train,
                "model_seconds": modelSeconds, "precompute_seconds": precompute, "peak_rss_mb": rssMB,
                "bought_together_entries": bt.total, "also_bought_entries": ab.total, "complete_the_look_entries": ctl.total,
            ]
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// Peak resident set size of this process (Linux reports ru_maxrss in KiB).
    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func fixed(_ value: Double, digits: Int = 2) -> String {
        let scale = pow(10, Double(digits))
        let rounded = (value * scale).rounded() / scale
        return digits == 0 ? String(Int(rounded)) : String(rounded)
    }
}
