import Dispatch
import Foundation
import Synchronization

/// Draws purchase histories straight from the buy-till-you-die process the store simulator gives
/// its customers, without the store around it: for customer-value models at scale (issue 6) and
/// for checking that a fit recovers known parameters.
///
/// Each customer has a purchase rate λ ~ Gamma(r, α) and, per order, spends z ~ Gamma(p, ν) with
/// their own ν ~ Gamma(q, v) (Fader & Hardie note 025). They are acquired at a uniform time in the
/// period but its last day, so every customer has an age of at least one day at the end (the
/// first purchase); while alive they buy as a Poisson process with rate λ. Under
/// ``CustomerHistoryConfiguration/Process/bgnbd`` they drop out after each repeat purchase with
/// their p ~ Beta(a, b) (Fader, Hardie & Lee 2005, §2); under
/// ``CustomerHistoryConfiguration/Process/paretoNBD`` they live an exponential time with rate
/// μ ~ Gamma(s, β) (Schmittlein, Morrison & Colombo 1987). Purchase times are continuous and
/// reported by day (the day they fall in).
///
/// Customers are drawn in fixed blocks of ``blockSize``, each from its own generator stream, so
/// the output depends on the seed only, not on the number of threads.
///
/// ```swift
/// let history = try CustomerHistorySimulator(CustomerHistoryConfiguration(customers: 1_000_000), threads: 2).run()
/// ```
public struct CustomerHistorySimulator: Sendable {
    public var configuration: CustomerHistoryConfiguration
    public var threads: Int

    /// Customers per generator stream.
    public static let blockSize = 1 << 14

    public init(_ configuration: CustomerHistoryConfiguration, threads: Int = 1) {
        self.configuration = configuration
        self.threads = max(1, threads)
    }

    /// Draws every customer's history.
    public func run() throws -> CustomerHistory {
        try configuration.validate()
        let n = configuration.customers
        let blocks = (n + Self.blockSize - 1) / Self.blockSize
        let results = Mutex([Block?](repeating: nil, count: blocks))
        let next = Atomic<Int>(0)
        let configuration = configuration
        DispatchQueue.concurrentPerform(iterations: min(threads, max(blocks, 1))) { _ in
            while true {
                let b = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard b < blocks else { return }
                let lower = b * Self.blockSize
                let block = Self.draw(configuration, customers: lower..<min(n, lower + Self.blockSize), stream: UInt64(b))
                results.withLock { $0[b] = block }
            }
        }
        let drawn = results.withLock { $0 }
        let total = drawn.reduce(0) { $0 + ($1?.day.count ?? 0) }
        var history = CustomerHistory(customers: n, lastDay: configuration.days - 1, customer: [], day: [], amount: [], purchaseStart: [])
        history.customer.reserveCapacity(total)
        history.day.reserveCapacity(total)
        history.amount.reserveCapacity(total)
        history.purchaseStart.reserveCapacity(n + 1)
        for block in drawn {
            guard let block else { continue }
            let offset = history.day.count
            history.purchaseStart.append(contentsOf: block.start.map { $0 + offset })
            history.customer.append(contentsOf: block.customer)
            history.day.append(contentsOf: block.day)
            history.amount.append(contentsOf: block.amount)
        }
        history.purchaseStart.append(history.day.count)
        return history
    }

    /// One block's purchases; `start` holds each customer's first index within the block.
    struct Block: Sendable {
        var customer: [Int32] = []
        var day: [Int32] = []
        var amount: [Double] = []
        var start: [Int] = []
    }

    static func draw(_ c: CustomerHistoryConfiguration, customers: Range<Int>, stream: UInt64) -> Block {
        var rng = Xoshiro256StarStar(seed: c.seed, stream: stream)
        var block = Block()
        let expected = customers.count * 4
        block.customer.reserveCapacity(expected)
        block.day.reserveCapacity(expected)
        block.amount.reserveCapacity(expected)
        block.start.reserveCapacity(customers.count)
        let end = Double(c.days)
        for i in customers {
            let id = Int32(i)
            let lambda = rng.gamma(shape: c.r, scale: 1 / c.alpha)
            let nu = rng.gamma(shape: c.spendQ, scale: 1 / c.spendV)
            var t = Double(rng.int(below: c.days - 1)) + rng.uniform()
            // Under BG/NBD the customer may only drop out at a repeat purchase; under Pareto/NBD
            // they die at an exponential time after the first one.
            var dropout = 0.0
            var limit = end
            switch c.process {
            case .bgnbd:
                dropout = rng.beta(c.a, c.b)
            case .paretoNBD:
                let mu = rng.gamma(shape: c.s, scale: 1 / c.beta)
                if mu > 0 { limit = min(end, t + rng.exponential(mean: 1) / mu) }
            }
            block.start.append(block.day.count)
            block.customer.append(id)
            block.day.append(Int32(t))
            block.amount.append(rng.gamma(shape: c.spendP, scale: 1 / nu))
            guard lambda > 0 else { continue }
            while true {
                t += rng.exponential(mean: 1) / lambda
                guard t < limit else { break }
                block.customer.append(id)
                block.day.append(Int32(t))
                block.amount.append(rng.gamma(shape: c.spendP, scale: 1 / nu))
                if dropout > 0, rng.bernoulli(dropout) { break }
            }
        }
        return block
    }
}
