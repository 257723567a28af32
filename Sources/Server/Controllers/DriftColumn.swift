import Foundation
import Monitoring
import Pipeline
import Storage

/// One column of a stored drift report, as the API returns it and the dashboard charts it.
///
/// `DriftReportRecord.columnsJSON` holds Monitoring's `ColumnDrift` values, read through the
/// pipeline's `DriftColumnsCodec`; this view writes non-finite figures as null for JSON clients.
struct DriftColumn: Encodable, Sendable, Hashable {
    /// One bin of the comparison: a category, or a numeric range from the reference's edges.
    struct Bin: Encodable, Sendable, Hashable {
        var label: String
        var referenceShare: Double
        var currentShare: Double
    }

    var name: String
    /// "ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi".
    var method: String
    /// The p-value for ks / chisquare / z, the distance for wasserstein / jensenshannon.
    var statistic: Double
    var threshold: Double
    var drifted: Bool
    var psi: Double
    var referenceRows: Int
    var currentRows: Int
    var uniqueValues: Int
    var isNumerical: Bool
    var bins: [Bin]

    init(name: String, method: String, statistic: Double, threshold: Double, drifted: Bool, psi: Double, referenceRows: Int,
         currentRows: Int, uniqueValues: Int, isNumerical: Bool, bins: [Bin]) {
        self.name = name; self.method = method; self.statistic = statistic; self.threshold = threshold; self.drifted = drifted
        self.psi = psi; self.referenceRows = referenceRows; self.currentRows = currentRows; self.uniqueValues = uniqueValues
        self.isNumerical = isNumerical; self.bins = bins
    }

    enum CodingKeys: String, CodingKey {
        case name, method, statistic, threshold, drifted, psi, referenceRows, currentRows, uniqueValues, isNumerical, bins
    }

    /// The view of one column the monitor stored.
    init(_ column: ColumnDrift) {
        self.init(name: column.name, method: column.method.rawValue, statistic: column.statistic, threshold: column.threshold,
                  drifted: column.drifted, psi: column.psi, referenceRows: column.referenceRows, currentRows: column.currentRows,
                  uniqueValues: column.uniqueValues, isNumerical: column.isNumerical,
                  bins: column.bins.map { Bin(label: $0.label, referenceShare: $0.referenceShare, currentShare: $0.currentShare) })
    }

    /// Non-finite figures (a p-value of an empty side) are written as null: JSON has no NaN.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func finite(_ value: Double, _ key: CodingKeys) throws {
            if value.isFinite { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        try c.encode(name, forKey: .name)
        try c.encode(method, forKey: .method)
        try finite(statistic, .statistic)
        try finite(threshold, .threshold)
        try c.encode(drifted, forKey: .drifted)
        try finite(psi, .psi)
        try c.encode(referenceRows, forKey: .referenceRows)
        try c.encode(currentRows, forKey: .currentRows)
        try c.encode(uniqueValues, forKey: .uniqueValues)
        try c.encode(isNumerical, forKey: .isNumerical)
        try c.encode(bins.map { Bin(label: $0.label, referenceShare: $0.referenceShare.isFinite ? $0.referenceShare : 0,
                                    currentShare: $0.currentShare.isFinite ? $0.currentShare : 0) }, forKey: .bins)
    }

    /// The columns of a stored report, read by the pipeline's `DriftColumnsCodec` (the format the
    /// monitor writes); nil when the text cannot be read (the caller says so).
    static func decode(_ report: DriftReportRecord) -> [DriftColumn]? {
        (try? DriftColumnsCodec.decode(report.columnsJSON))?.map(DriftColumn.init)
    }

    /// Whether a stored report compares predictions rather than input features.
    static func isPredictionReport(_ report: DriftReportRecord) -> Bool {
        DriftColumnsCodec.isPredictionReport(report)
    }

    /// Human name of the test: "KS p-value", "normed Wasserstein", ….
    var testName: String {
        switch method {
        case "ks": "Kolmogorov–Smirnov"
        case "chisquare": "chi-squared"
        case "z": "proportion Z"
        case "wasserstein": "normed Wasserstein"
        case "jensenshannon": "Jensen–Shannon"
        case "psi": "PSI"
        default: method
        }
    }

    /// Whether `statistic` is a p-value (drift when small) rather than a distance (drift when large).
    var isPValue: Bool { ["ks", "chisquare", "z"].contains(method) }
}
