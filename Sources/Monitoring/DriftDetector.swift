/// Decides per column and per dataset whether a current sample drifted from a reference sample,
/// choosing the test the way Evidently 0.7 does (`registry.py::_get_default_stattest`).
///
/// ```swift
/// let report = try DriftDetector().dataset(reference: trainingColumns, current: lastWeekColumns)
/// if report.datasetDrift { /* raise an alert */ }
/// ```
public struct DriftDetector: Sendable {
    public var options: DriftOptions

    public init(options: DriftOptions = .init()) { self.options = options }

    /// The method Evidently would pick: ≤ largeReference reference rows → KS (numerical, > 5 values),
    /// chi-square (3–5 numerical values or > 2 categories), Z (≤ 2 values); above it → normed
    /// Wasserstein (numerical, > 5 values) or Jensen-Shannon (everything else).
    public func defaultMethod(referenceRows: Int, uniqueValues: Int, isNumerical: Bool) -> DriftMethod {
        if referenceRows <= options.largeReference {
            if isNumerical, uniqueValues > 5 { return .ks }
            return uniqueValues > 2 ? .chiSquare : .zTest
        }
        return isNumerical && uniqueValues > 5 ? .wasserstein : .jensenShannon
    }

    /// Drift of one column. Non-finite numbers are dropped first, as Evidently does.
    public func column(reference: FeatureColumn, current: FeatureColumn) throws -> ColumnDrift {
        try options.validate()
        let name = reference.name
        switch (reference.values, current.values) {
        case (.numerical(let r), .numerical(let c)):
            let ref = r.filter(\.isFinite), cur = c.filter(\.isFinite)
            try requireRows(name, ref.count, cur.count)
            return try numerical(name, ref, cur)
        case (.categorical(let ref), .categorical(let cur)):
            try requireRows(name, ref.count, cur.count)
            return try categorical(name, ref, cur)
        default:
            throw MonitoringError.typeMismatch(name: name)
        }
    }

    /// Drift of every reference column against the current column of the same name; dataset drift
    /// when the drifted share reaches `driftShare` (Evidently's `get_dataset_drift`, `>=`).
    public func dataset(reference: [FeatureColumn], current: [FeatureColumn]) throws -> DatasetDriftReport {
        guard !reference.isEmpty else { throw MonitoringError.noColumns }
        var byName: [String: FeatureColumn] = [:]
        for column in current { byName[column.name] = column }
        var results: [ColumnDrift] = []
        for column in reference {
            guard let other = byName[column.name] else { throw MonitoringError.missingColumn(name: column.name) }
            results.append(try self.column(reference: column, current: other))
        }
        let drifted = results.filter(\.drifted).count
        let share = Double(drifted) / Double(results.count)
        return DatasetDriftReport(
            columns: results, driftedCount: drifted, share: share, datasetDrift: share >= options.driftShare,
            referenceRows: reference.map(\.count).max() ?? 0, currentRows: current.map(\.count).max() ?? 0)
    }

    private func requireRows(_ name: String, _ reference: Int, _ current: Int) throws {
        if reference == 0 { throw MonitoringError.emptyColumn(name: name, side: "reference") }
        if current == 0 { throw MonitoringError.emptyColumn(name: name, side: "current") }
    }

    private func numerical(_ name: String, _ ref: [Double], _ cur: [Double]) throws -> ColumnDrift {
        let unique = Set(ref).union(cur).count
        let method = options.method ?? defaultMethod(referenceRows: ref.count, uniqueValues: unique, isNumerical: true)
        let binned = BinnedShares.numerical(reference: ref, current: cur)
        let statistic: Double
        switch method {
        case .ks: statistic = DriftStatistics.ksTwoSample(ref, cur).pValue
        case .wasserstein: statistic = DriftStatistics.normedWasserstein(reference: ref, current: cur)
        case .chiSquare: statistic = DriftStatistics.chiSquarePValue(reference: ref, current: cur)
        case .zTest: statistic = DriftStatistics.proportionZTestPValue(reference: ref, current: cur)
        case .jensenShannon: statistic = DriftStatistics.jensenShannonDistance(binned.reference, binned.current)
        case .psi: statistic = DriftStatistics.psi(referenceShares: binned.reference, currentShares: binned.current)
        }
        return result(name, method, statistic, binned, ref.count, cur.count, unique, isNumerical: true)
    }

    private func categorical(_ name: String, _ ref: [String], _ cur: [String]) throws -> ColumnDrift {
        let unique = Set(ref).union(cur).count
        let method = options.method ?? defaultMethod(referenceRows: ref.count, uniqueValues: unique, isNumerical: false)
        let binned = BinnedShares.categorical(reference: ref, current: cur)
        let statistic: Double
        switch method {
        case .ks, .wasserstein: throw MonitoringError.methodNotAllowed(name: name, method: method)
        case .chiSquare: statistic = DriftStatistics.chiSquarePValue(reference: ref, current: cur)
        case .zTest: statistic = DriftStatistics.proportionZTestPValue(reference: ref, current: cur)
        case .jensenShannon: statistic = DriftStatistics.jensenShannonDistance(binned.reference, binned.current)
        case .psi: statistic = DriftStatistics.psi(referenceShares: binned.reference, currentShares: binned.current)
        }
        return result(name, method, statistic, binned, ref.count, cur.count, unique, isNumerical: false)
    }

    private func result(
        _ name: String, _ method: DriftMethod, _ statistic: Double, _ binned: BinnedShares,
        _ referenceRows: Int, _ currentRows: Int, _ unique: Int, isNumerical: Bool
    ) -> ColumnDrift {
        let threshold = options.threshold(for: method)
        return ColumnDrift(
            name: name, method: method, statistic: statistic, threshold: threshold,
            drifted: Self.isDrift(method, statistic, threshold),
            psi: DriftStatistics.psi(referenceShares: binned.reference, currentShares: binned.current),
            referenceRows: referenceRows, currentRows: currentRows, uniqueValues: unique,
            isNumerical: isNumerical, bins: binned.chartBins())
    }

    /// Evidently's comparison per test: KS drifts at `p <= threshold` but chi-square and Z at
    /// `p < threshold` (ks_stattest.py vs chisquare_stattest.py / z_stattest.py); distances at `>=`.
    static func isDrift(_ method: DriftMethod, _ statistic: Double, _ threshold: Double) -> Bool {
        switch method {
        case .ks: statistic <= threshold
        case .chiSquare, .zTest: statistic < threshold
        case .wasserstein, .jensenShannon, .psi: statistic >= threshold
        }
    }
}
