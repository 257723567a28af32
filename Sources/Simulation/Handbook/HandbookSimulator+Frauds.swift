/// The three fraud scenarios of spec §5, applied in order to the time-sorted table.
extension HandbookSimulator {
    /// Labels (and for scenario 3 inflates) the transactions; returns the new frauds per scenario.
    static func addFrauds(to table: inout HandbookTransactions, parameters: HandbookParameters) -> [Int] {
        let count = table.count
        var increments = [0, 0, 0]

        // Scenario 1, once and first: amounts above the threshold. Later inflation does not relabel.
        for row in 0..<count where table.amounts[row] > parameters.largeAmountThreshold {
            table.fraud[row] = 1
            table.scenarios[row] = 1
            increments[0] += 1
        }

        // The last day draws nothing: scenario days run 0..<D_max.
        let lastDay = Int(table.days.max() ?? 0)

        // Scenario 2: per day, the first n of `RandomState(day).permutation(terminals)` (pandas' `sample`).
        let byTerminal = HandbookRowIndex(keys: table.terminals, keyCount: parameters.terminals)
        for day in 0..<lastDay {
            var rng = NumpyLegacyRandom(seed: UInt32(day))
            let drawn = rng.permutation(parameters.terminals).prefix(parameters.compromisedTerminalsPerDay)
            let end = day + parameters.terminalCompromiseDays
            for terminal in drawn {
                for row in byTerminal.rows(of: terminal) {
                    let rowDay = Int(table.days[row])
                    guard rowDay >= day && rowDay < end else { continue }
                    if table.fraud[row] == 0 { increments[1] += 1 }
                    table.fraud[row] = 1
                    table.scenarios[row] = 2
                }
            }
        }

        // Scenario 3: per day, n customers as above; a third of their window's rows (chosen by
        // `random.seed(day); random.sample`) are fraud with the amount multiplied, not re-rounded.
        let byCustomer = HandbookRowIndex(keys: table.customers, keyCount: parameters.customers)
        for day in 0..<lastDay {
            var rng = NumpyLegacyRandom(seed: UInt32(day))
            let drawn = rng.permutation(parameters.customers).prefix(parameters.compromisedCustomersPerDay)
            let end = day + parameters.customerCompromiseDays
            var window: [Int] = []
            for customer in drawn {
                for row in byCustomer.rows(of: customer) {
                    let rowDay = Int(table.days[row])
                    if rowDay >= day && rowDay < end { window.append(row) }
                }
            }
            window.sort()
            var picker = PythonRandom(seed: UInt64(day))
            for row in picker.sample(window, window.count / 3) {
                table.amounts[row] *= parameters.compromisedAmountFactor
                if table.fraud[row] == 0 { increments[2] += 1 }
                table.fraud[row] = 1
                table.scenarios[row] = 3
            }
        }
        return increments
    }
}
