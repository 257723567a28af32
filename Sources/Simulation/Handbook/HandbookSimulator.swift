import Foundation

/// The Fraud Detection Handbook's card-transaction simulator, ported from the language-neutral
/// specification (`fraud-simulator-spec.md` §1–§5), not from the handbook's GPL code.
///
/// It reproduces numpy's legacy generator and CPython's `random` draw for draw, so the canonical
/// run emits the published dataset exactly (1,754,155 transactions, 14,681 frauds). About 0.6 s
/// for the canonical run; customers are generated in parallel chunks (each has its own seeded streams).
///
/// ```swift
/// let data = HandbookDataset.canonical()            // cached; or HandbookSimulator(parameters: p).run()
/// let split = HandbookProtocol.canonical.split(data)  // train week 115–121, test week 129–135
/// let features = HandbookFeatures.compute(data, transactionIDs: split.train + split.test)
/// let trainX = features.floatRows(Array(0..<split.train.count))
/// ```
public struct HandbookSimulator: Sendable {
    public let parameters: HandbookParameters

    public init(parameters: HandbookParameters = .canonical) {
        self.parameters = parameters
    }

    /// Profiles, the time-sorted transactions, then the three fraud scenarios.
    public func run() -> HandbookDataset {
        let terminals = terminalProfiles()
        let customers = customerProfiles(terminals: terminals)
        var transactions = generateTransactions(customers: customers)
        let increments = Self.addFrauds(to: &transactions, parameters: parameters)
        return HandbookDataset(parameters: parameters, customers: customers, terminals: terminals, transactions: transactions, scenarioIncrements: increments)
    }

    /// §3.2: one stream seeded with `terminalSeed`; x then y per terminal.
    public func terminalProfiles() -> [HandbookTerminalProfile] {
        var rng = NumpyLegacyRandom(seed: parameters.terminalSeed)
        return (0..<parameters.terminals).map { id in
            let x = rng.uniform(0, 100)
            let y = rng.uniform(0, 100)
            return HandbookTerminalProfile(id: id, x: x, y: y)
        }
    }

    /// §3.1 and §3.3: one stream seeded with `customerSeed`; x, y, mean amount, mean count per customer.
    public func customerProfiles(terminals: [HandbookTerminalProfile]) -> [HandbookCustomerProfile] {
        var rng = NumpyLegacyRandom(seed: parameters.customerSeed)
        let grid = HandbookTerminalGrid(terminals: terminals, radius: parameters.radius)
        return (0..<parameters.customers).map { id in
            let x = rng.uniform(0, 100)
            let y = rng.uniform(0, 100)
            let meanAmount = rng.uniform(5, 100)
            let meanCount = rng.uniform(0, 4)
            return HandbookCustomerProfile(
                id: id, x: x, y: y, meanAmount: meanAmount, stdAmount: meanAmount / 2, meanTransactionsPerDay: meanCount,
                availableTerminals: grid.available(x: x, y: y, radius: parameters.radius))
        }
    }

    /// One customer's raw transactions in draw order (§3.4), appended to the column buffers.
    static func appendTransactions(
        of customer: HandbookCustomerProfile, days: Int,
        seconds: inout [Int32], dayIndices: inout [Int32], customerIDs: inout [Int32], terminalIDs: inout [Int32], amounts: inout [Double]
    ) {
        // Both generators are seeded with the customer id, as the handbook reseeds its globals per customer.
        var numbers = NumpyLegacyRandom(seed: UInt32(customer.id))
        var picks = PythonRandom(seed: UInt64(customer.id))
        let terminals = customer.availableTerminals
        for day in 0..<days {
            let count = numbers.poisson(customer.meanTransactionsPerDay)
            for _ in 0..<count {
                // Truncation toward zero, then rejection (not redrawing) outside the open day.
                let time = Int(numbers.normal(43_200, 20_000))
                guard time > 0 && time < 86_400 else { continue }
                var amount = numbers.normal(customer.meanAmount, customer.stdAmount)
                if amount < 0 { amount = numbers.uniform(0, customer.meanAmount * 2) }
                amount = (amount * 100).rounded(.toNearestOrEven) / 100
                guard !terminals.isEmpty else { continue }
                let terminal = picks.choice(terminals)
                seconds.append(Int32(time + day * 86_400))
                dayIndices.append(Int32(day))
                customerIDs.append(Int32(customer.id))
                terminalIDs.append(Int32(terminal))
                amounts.append(amount)
            }
        }
    }

    /// §3.4–§3.5: every customer's transactions, concatenated in customer order, then stably sorted by time.
    func generateTransactions(customers: [HandbookCustomerProfile]) -> HandbookTransactions {
        // Customers are independent streams: generate contiguous chunks in parallel, concatenate in order.
        let chunkCount = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8, max(1, customers.count))
        let chunkSize = (customers.count + chunkCount - 1) / max(chunkCount, 1)
        let box = HandbookChunkBox(count: chunkCount)
        let days = parameters.days
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var part = HandbookChunkColumns()
            let lower = chunk * chunkSize, upper = min(customers.count, lower + chunkSize)
            if lower < upper {
                for customer in customers[lower..<upper] {
                    Self.appendTransactions(
                        of: customer, days: days, seconds: &part.seconds, dayIndices: &part.days,
                        customerIDs: &part.customers, terminalIDs: &part.terminals, amounts: &part.amounts)
                }
            }
            box.store(part, at: chunk)
        }
        var raw = HandbookChunkColumns()
        for part in box.parts {
            raw.seconds += part.seconds
            raw.days += part.days
            raw.customers += part.customers
            raw.terminals += part.terminals
            raw.amounts += part.amounts
        }
        let order = Self.stableOrder(seconds: raw.seconds)
        return HandbookTransactions(
            seconds: order.map { raw.seconds[$0] }, days: order.map { raw.days[$0] },
            customers: order.map { raw.customers[$0] }, terminals: order.map { raw.terminals[$0] },
            amounts: order.map { raw.amounts[$0] })
    }

    /// Row positions sorted by time with ties in generation order: one sort of (time, position) packed in 64 bits.
    static func stableOrder(seconds: [Int32]) -> [Int] {
        let count = seconds.count
        let shift = max(1, Int.bitWidth - count.leadingZeroBitCount)
        let maxSeconds = seconds.max() ?? 0
        precondition(maxSeconds >= 0 && (Int.bitWidth - Int(maxSeconds).leadingZeroBitCount) + shift <= 64, "stableOrder: \(count) rows over \(maxSeconds) s do not pack in 64 bits")
        var keys = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer[i] = UInt64(seconds[i]) << UInt64(shift) | UInt64(i) }
            initialized = count
        }
        keys.sort()
        let mask = (UInt64(1) << UInt64(shift)) - 1
        return keys.map { Int($0 & mask) }
    }
}
