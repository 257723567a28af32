import Foundation

/// Builds models from names as reports print them: `Naive`, `SeasonalNaive(7)`, `TSB(0.1,0.1)`,
/// `AutoETS(7)`, `Auto` … so a command line or a configuration can pick models by name.
///
/// ```swift
/// let models = try ModelCatalog.models("Naive,SeasonalNaive(7),TSB(0.1,0.1)")
/// ```
public enum ModelCatalog {
    /// One entry: the name, what its arguments mean, and how to build it.
    public struct Entry: Sendable {
        public var name: String
        public var arguments: String
        let build: @Sendable ([Double]) throws -> any ForecastModel
    }

    /// The eleven models statsforecast's reference run on m5_tiny used, with its settings.
    public static let statsforecastReference = [
        "Naive", "SeasonalNaive(7)", "HistoricAverage", "CrostonClassic", "CrostonOptimized", "CrostonSBA",
        "TSB(0.1,0.1)", "ADIDA", "IMAPA", "AutoETS(7)", "AutoTheta(7)",
    ]

    public static let entries: [Entry] = [
        Entry(name: "Naive", arguments: "") { _ in Naive() },
        Entry(name: "SeasonalNaive", arguments: "season length") { a in SeasonalNaive(seasonLength: try int(a, 0, "SeasonalNaive")) },
        Entry(name: "HistoricAverage", arguments: "") { _ in HistoricAverage() },
        Entry(name: "WindowAverage", arguments: "window") { a in WindowAverage(windowSize: try int(a, 0, "WindowAverage")) },
        Entry(name: "SeasonalWindowAverage", arguments: "season length, window") { a in
            SeasonalWindowAverage(seasonLength: try int(a, 0, "SeasonalWindowAverage"), windowSize: try int(a, 1, "SeasonalWindowAverage"))
        },
        Entry(name: "RandomWalkWithDrift", arguments: "") { _ in RandomWalkWithDrift() },
        Entry(name: "SES", arguments: "alpha") { a in SimpleExponentialSmoothing(alpha: try value(a, 0, "SES")) },
        Entry(name: "SESOptimized", arguments: "") { _ in SimpleExponentialSmoothingOptimized() },
        Entry(name: "CrostonClassic", arguments: "") { _ in CrostonClassic() },
        Entry(name: "CrostonOptimized", arguments: "") { _ in CrostonOptimized() },
        Entry(name: "CrostonSBA", arguments: "") { _ in CrostonSBA() },
        Entry(name: "TSB", arguments: "alpha_d, alpha_p") { a in TSB(alphaD: try value(a, 0, "TSB"), alphaP: try value(a, 1, "TSB")) },
        Entry(name: "ADIDA", arguments: "") { _ in ADIDA() },
        Entry(name: "IMAPA", arguments: "") { _ in IMAPA() },
        Entry(name: "AutoETS", arguments: "season length (default 1)") { a in AutoETS(seasonLength: try season(a, "AutoETS")) },
        Entry(name: "Holt", arguments: "") { _ in Holt() },
        Entry(name: "HoltWinters", arguments: "season length") { a in HoltWinters(seasonLength: try int(a, 0, "HoltWinters")) },
        Entry(name: "AutoTheta", arguments: "season length (default 1)") { a in AutoTheta(seasonLength: try season(a, "AutoTheta")) },
        Entry(name: "Theta", arguments: "season length (default 1)") { a in Theta(seasonLength: try season(a, "Theta")) },
        Entry(name: "OptimizedTheta", arguments: "season length (default 1)") { a in OptimizedTheta(seasonLength: try season(a, "OptimizedTheta")) },
        Entry(name: "DynamicTheta", arguments: "season length (default 1)") { a in DynamicTheta(seasonLength: try season(a, "DynamicTheta")) },
        Entry(name: "DynamicOptimizedTheta", arguments: "season length (default 1)") { a in
            DynamicOptimizedTheta(seasonLength: try season(a, "DynamicOptimizedTheta"))
        },
        Entry(name: "Auto", arguments: "season length (default 7)") { a in
            AutoForecaster(seasonLength: a.isEmpty ? 7 : try int(a, 0, "Auto"))
        },
    ]

    /// The model a name describes, e.g. `TSB(0.1,0.1)`.
    public static func model(_ spec: String) throws -> any ForecastModel {
        let trimmed = spec.trimmingCharacters(in: .whitespaces)
        var name = trimmed
        var arguments: [Double] = []
        if let open = trimmed.firstIndex(of: "(") {
            guard trimmed.hasSuffix(")") else { throw ForecastError.invalidParameter(name: "model", reason: "'\(spec)' has no closing parenthesis") }
            name = String(trimmed[..<open])
            let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            arguments = try inside.split(separator: ",").map { part in
                guard let v = Double(part.trimmingCharacters(in: .whitespaces)) else {
                    throw ForecastError.invalidParameter(name: "model", reason: "'\(part)' in '\(spec)' is not a number")
                }
                return v
            }
        }
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw ForecastError.invalidParameter(name: "model", reason: "unknown model '\(name)'; known: \(entries.map(\.name).joined(separator: ", "))")
        }
        return try entry.build(arguments)
    }

    /// Models from a comma-separated list; commas inside parentheses belong to the model.
    public static func models(_ list: String) throws -> [any ForecastModel] {
        try split(list).map(model)
    }

    /// The model names in a comma-separated list, keeping commas inside parentheses:
    /// `"Naive,TSB(0.1,0.1)"` is `["Naive", "TSB(0.1,0.1)"]`.
    public static func split(_ list: String) -> [String] {
        var specs: [String] = [], current = "", depth = 0
        for ch in list {
            if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
            if ch == ",", depth == 0 {
                specs.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        specs.append(current)
        return specs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func value(_ a: [Double], _ i: Int, _ model: String) throws -> Double {
        guard a.indices.contains(i) else { throw ForecastError.invalidParameter(name: "model", reason: "\(model) needs argument \(i + 1)") }
        return a[i]
    }

    private static func season(_ a: [Double], _ model: String) throws -> Int {
        a.isEmpty ? 1 : try int(a, 0, model)
    }

    private static func int(_ a: [Double], _ i: Int, _ model: String) throws -> Int {
        let v = try value(a, i, model)
        guard v == v.rounded(), v >= 1 else { throw ForecastError.invalidParameter(name: "model", reason: "\(model) argument \(i + 1) must be a positive integer, got \(v)") }
        return Int(v)
    }
}
