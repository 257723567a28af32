/// One customer's purchase history reduced to what the buy-till-you-die models need.
///
/// Times are in one unit chosen by the caller (days, weeks …) and measured from the customer's
/// first purchase: `recency` is the age at the last repeat purchase (t_x), `age` the age at the end
/// of the observation window (T). `frequency` counts repeat purchases (x), so a one-time buyer has
/// frequency 0 and recency 0.
///
/// ```swift
/// let customer = RFMSummary(frequency: 2, recency: 30.43, age: 38.86)
/// ```
public struct RFMSummary: Sendable, Equatable {
    /// Number of repeat purchases, x.
    public var frequency: Double
    /// Age at the last repeat purchase, t_x (0 when frequency is 0).
    public var recency: Double
    /// Age at the end of the observation window, T.
    public var age: Double
    /// Mean value of the repeat purchases, when known (Gamma-Gamma input).
    public var monetary: Double?

    public init(frequency: Double, recency: Double, age: Double, monetary: Double? = nil) {
        self.frequency = frequency
        self.recency = recency
        self.age = age
        self.monetary = monetary
    }

    /// Checks 0 ≤ frequency, 0 ≤ recency ≤ age, age > 0, recency = 0 when frequency = 0,
    /// all finite; `index` is reported in the error.
    public func validate(index: Int = 0) throws {
        func bad(_ field: String, _ reason: String) -> CustomerValueError {
            .invalidInput(index: index, field: field, reason: reason)
        }
        guard frequency.isFinite, frequency >= 0 else { throw bad("frequency", "must be a finite number ≥ 0, got \(frequency)") }
        guard age.isFinite, age > 0 else { throw bad("age", "must be a finite number > 0, got \(age)") }
        guard recency.isFinite, recency >= 0 else { throw bad("recency", "must be a finite number ≥ 0, got \(recency)") }
        guard recency <= age else { throw bad("recency", "must not exceed age (\(age)), got \(recency)") }
        if frequency == 0, recency != 0 { throw bad("recency", "must be 0 when frequency is 0, got \(recency)") }
        if let monetary, !monetary.isFinite { throw bad("monetary", "must be finite, got \(monetary)") }
    }

    /// Validates every customer and throws on the first bad one (or an empty array).
    public static func validate(_ customers: [RFMSummary]) throws {
        guard !customers.isEmpty else { throw CustomerValueError.emptyData }
        for (i, c) in customers.enumerated() { try c.validate(index: i) }
    }
}
