/// One column of a feature sample: its name and its values, numerical or categorical.
public struct FeatureColumn: Sendable, Hashable, Codable {
    public enum Values: Sendable, Hashable, Codable {
        case numerical([Double])
        case categorical([String])
    }

    public var name: String
    public var values: Values

    public init(name: String, values: Values) {
        self.name = name; self.values = values
    }

    public static func numerical(_ name: String, _ values: [Double]) -> FeatureColumn {
        FeatureColumn(name: name, values: .numerical(values))
    }

    public static func categorical(_ name: String, _ values: [String]) -> FeatureColumn {
        FeatureColumn(name: name, values: .categorical(values))
    }

    /// Rows in the column.
    public var count: Int {
        switch values {
        case .numerical(let v): v.count
        case .categorical(let v): v.count
        }
    }
}
