import Foundation
import Storage

/// One column of a stored drift report, as the API returns it and the dashboard charts it.
///
/// `DriftReportRecord.columnsJSON` holds Monitoring's `ColumnDrift` values; this reads the
/// same fields without depending on how every later field is spelled: a field a newer writer
/// adds is ignored, and one an older writer left out reads as zero or empty.
struct DriftColumn: Codable, Sendable, Hashable {
    /// One bin of the comparison: a category, or a numeric range from the reference's edges.
    struct Bin: Codable, Sendable, Hashable {
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

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        method = try c.decode(String.self, forKey: .method)
        statistic = try c.decode(Double.self, forKey: .statistic)
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold) ?? 0
        drifted = try c.decode(Bool.self, forKey: .drifted)
        psi = try c.decodeIfPresent(Double.self, forKey: .psi) ?? 0
        referenceRows = try c.decodeIfPresent(Int.self, forKey: .referenceRows) ?? 0
        currentRows = try c.decodeIfPresent(Int.self, forKey: .currentRows) ?? 0
        uniqueValues = try c.decodeIfPresent(Int.self, forKey: .uniqueValues) ?? 0
        isNumerical = try c.decodeIfPresent(Bool.self, forKey: .isNumerical) ?? false
        bins = try c.decodeIfPresent([Bin].self, forKey: .bins) ?? []
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

    /// The columns of a stored report: camelCase keys as `JSONEncoder` writes them by default, or
    /// snake_case; nil when the text is neither (the caller says the report could not be read).
    static func decode(_ report: DriftReportRecord) -> [DriftColumn]? {
        let data = Data(report.columnsJSON.utf8)
        // The pipeline's `DriftColumnsCodec` writes a non-finite statistic as "inf", "-inf" or "nan".
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        if let columns = try? decoder.decode([DriftColumn].self, from: data) { return columns }
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode([DriftColumn].self, from: data)
    }

    /// Column names of prediction drift (a champion's outputs against a newer version's) start
    /// with this, as the pipeline's `DriftColumnsCodec.predictionPrefix` writes them.
    static let predictionPrefix = "prediction:"

    /// Whether a stored report compares predictions rather than input features.
    static func isPredictionReport(_ report: DriftReportRecord) -> Bool {
        report.columnsJSON.contains("\"name\":\"\(predictionPrefix)")
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
