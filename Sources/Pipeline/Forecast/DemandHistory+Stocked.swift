import Commerce
import Forecasting
import Storage

extension DemandHistory {
    /// The dense, censored history of one variant × location from its stored demand rows,
    /// through `asOf` ("YYYY-MM-DD"); nil when nothing sold by then. Rows with an unreadable day
    /// are skipped.
    public init?(rows: some Sequence<StockedDemandDay>, through asOf: CivilDate, imputation: CensoredDemand = CensoredDemand()) throws {
        let records = rows.compactMap { row -> DemandRecord? in
            guard let day = CivilDate(row.day) else { return nil }
            return DemandRecord(day: day.dayNumber, units: Double(max(0, row.units)), inStock: row.inStock,
                                stockEnd: row.availableEnd.map(Double.init))
        }
        try self.init(records: records, through: asOf.dayNumber, imputation: imputation)
    }

    /// The shop-local day of position `index` (0 = the first sale).
    public func day(at index: Int) -> CivilDate { CivilDate(dayNumber: startDay + index) }
}
