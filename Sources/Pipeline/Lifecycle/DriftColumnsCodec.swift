import Foundation
import Monitoring
import Storage

/// The JSON forms the lifecycle stores opaquely in Storage: a drift report's per-column results
/// (`DriftReportRecord.columnsJSON`, `[ColumnDrift]`) and a version's drift reference sample
/// (`ModelVersionDraft.reference`, `[FeatureColumn]`). The monitor writes them and the
/// dashboard reads them through the same functions, so both always agree on the format.
public enum DriftColumnsCodec {
    /// Column names of prediction drift (a champion's outputs against a newer version's) carry
    /// this prefix, so one report table holds both and readers can tell them apart.
    public static let predictionPrefix = "prediction:"

    /// `[ColumnDrift]` as compact JSON text (keys sorted, so equal reports encode equally).
    public static func encode(_ columns: [ColumnDrift]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Non-finite statistics (a p-value of an empty side) become strings instead of failing the report.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(columns), as: UTF8.self)
    }

    /// The columns of a stored report.
    public static func decode(_ json: String) throws -> [ColumnDrift] {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode([ColumnDrift].self, from: Data(json.utf8))
    }

    /// The columns of a stored report, or [] when it cannot be read (an older format).
    public static func columns(of report: DriftReportRecord) -> [ColumnDrift] {
        (try? decode(report.columnsJSON)) ?? []
    }

    /// Whether a stored report is a prediction-drift report (its columns are named "prediction:…").
    public static func isPredictionReport(_ report: DriftReportRecord) -> Bool {
        report.columnsJSON.contains("\"name\":\"\(predictionPrefix)")
    }

    /// A version's reference sample as stored in `ModelVersionDraft.reference`.
    public static func encodeReference(_ columns: [FeatureColumn]) throws -> Data {
        try JSONEncoder().encode(columns)
    }

    /// The reference sample stored with a version, nil when it has none.
    public static func decodeReference(_ data: Data?) throws -> [FeatureColumn]? {
        guard let data, !data.isEmpty else { return nil }
        return try JSONDecoder().decode([FeatureColumn].self, from: data)
    }
}
