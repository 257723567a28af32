import Foundation

/// The CDNOW data sets shipped with `lifetimes` 0.11.3, copied to `../shared/data-forecast/lifetimes_cdnow`.
///
/// TestSupport does not depend on the `CustomerValue` core, so rows are plain tuples; tests map
/// them to `RFMSummary(frequency:recency:age:monetary:)`. Times are in weeks.
public struct LifetimesCDNOW: Sendable {
    /// `cdnow_customers_summary.csv`: 2,357 customers (frequency x, recency t_x, age T).
    public var summary: [(frequency: Double, recency: Double, age: Double)]
    /// `cdnow_customers_summary_with_transactions.csv`: the same customers with mean repeat spend `zbar`.
    public var summaryWithSpend: [(frequency: Double, recency: Double, age: Double, zbar: Double)]
    /// `donations.csv` (BG/BB): 22 patterns with their customer counts.
    public var donations: [(frequency: Double, recency: Double, periods: Double, weight: Double)]

    /// The data, or nil after printing a SKIP line when `../shared` is absent.
    public static func load(skipping test: String = #function) -> LifetimesCDNOW? {
        guard SharedData.file("data-forecast/lifetimes_cdnow/cdnow_customers_summary.csv", skipping: test) != nil else { return nil }
        return cached
    }

    private static let cached: LifetimesCDNOW? = {
        let dir = SharedData.root.appendingPathComponent("data-forecast/lifetimes_cdnow")
        func rows(_ name: String, columns: Int) -> [[Double]]? {
            guard let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) else { return nil }
            var out: [[Double]] = []
            for line in text.split(whereSeparator: \.isNewline).dropFirst() {
                let values = line.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                guard values.count == columns else {
                    print("LifetimesCDNOW: bad row in \(name): \(line)")
                    return nil
                }
                out.append(values)
            }
            return out
        }
        guard let summary = rows("cdnow_customers_summary.csv", columns: 4),
              let spend = rows("cdnow_customers_summary_with_transactions.csv", columns: 5),
              let donations = rows("donations.csv", columns: 4) else { return nil }
        return LifetimesCDNOW(
            summary: summary.map { ($0[1], $0[2], $0[3]) },
            summaryWithSpend: spend.map { ($0[1], $0[2], $0[3], $0[4]) },
            donations: donations.map { ($0[0], $0[1], $0[2], $0[3]) })
    }()
}
