/// The handbook's 15 baseline model inputs (spec §6) for a set of transactions, row-major `Double`s.
public struct HandbookFeatureMatrix: Sendable {
    /// Column names in the handbook's input order: amount, calendar, customer 1/7/30-day windows
    /// (count, average amount), terminal 1/7/30-day delayed windows (count, fraud rate).
    public static let columnNames: [String] = {
        var names = ["TX_AMOUNT", "TX_DURING_WEEKEND", "TX_DURING_NIGHT"]
        for n in HandbookFeatures.windowDays {
            names += ["CUSTOMER_ID_NB_TX_\(n)DAY_WINDOW", "CUSTOMER_ID_AVG_AMOUNT_\(n)DAY_WINDOW"]
        }
        for n in HandbookFeatures.windowDays {
            names += ["TERMINAL_ID_NB_TX_\(n)DAY_WINDOW", "TERMINAL_ID_RISK_\(n)DAY_WINDOW"]
        }
        return names
    }()

    public static var columns: Int { columnNames.count }

    /// The transaction id (row of `HandbookTransactions`) of each matrix row.
    public let transactionIDs: [Int]
    /// Row-major values: row r, column c at `r * columns + c`.
    public let values: [Double]

    public var rows: Int { transactionIDs.count }
    public var columns: Int { Self.columns }
    public var columnNames: [String] { Self.columnNames }

    public init(transactionIDs: [Int], values: [Double]) {
        precondition(values.count == transactionIDs.count * Self.columns, "HandbookFeatureMatrix: values \(values.count) ≠ rows \(transactionIDs.count) × \(Self.columns)")
        self.transactionIDs = transactionIDs
        self.values = values
    }

    /// The value at matrix row `row`, column `column`.
    public subscript(row: Int, column: Int) -> Double { values[row * Self.columns + column] }

    /// The index of a column by its handbook name.
    public static func columnIndex(_ name: String) -> Int? { columnNames.firstIndex(of: name) }

    /// One column as an array.
    public func column(_ index: Int) -> [Double] {
        (0..<rows).map { values[$0 * Self.columns + index] }
    }

    /// The chosen matrix rows, row-major, as `Float` (XGBoost's input type).
    public func floatRows(_ rowIndices: [Int]) -> [Float] {
        var out = [Float]()
        out.reserveCapacity(rowIndices.count * Self.columns)
        for row in rowIndices {
            for column in 0..<Self.columns { out.append(Float(values[row * Self.columns + column])) }
        }
        return out
    }
}
