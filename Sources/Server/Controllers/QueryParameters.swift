import Commerce
import Foundation
import Hummingbird

/// Typed, validated query parameters; every error names the parameter and what was expected.
struct QueryParameters {
    let request: Request

    init(_ request: Request) { self.request = request }

    func string(_ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = string(name) else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else {
            throw APIError.badRequest("query parameter \(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(raw)'", code: "invalid_parameter")
        }
        return parsed
    }

    func int64(_ name: String) throws -> Int64? {
        guard let raw = string(name) else { return nil }
        guard let parsed = Int64(raw) else {
            throw APIError.badRequest("query parameter \(name) must be an integer id, got '\(raw)'", code: "invalid_parameter")
        }
        return parsed
    }

    /// A calendar day "YYYY-MM-DD".
    func day(_ name: String) throws -> String? {
        guard let raw = string(name) else { return nil }
        guard Self.isDay(raw) else {
            throw APIError.badRequest("query parameter \(name) must be a day YYYY-MM-DD, got '\(raw)'", code: "invalid_parameter")
        }
        return raw
    }

    /// An instant: a day (its start in `timeZone`) or an ISO 8601 timestamp.
    func instant(_ name: String, timeZone: TimeZone) throws -> Date? {
        guard let raw = string(name) else { return nil }
        if Self.isDay(raw) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let parts = raw.split(separator: "-").compactMap { Int($0) }
            if let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) { return date }
        }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: raw) { return date }
        throw APIError.badRequest("query parameter \(name) must be YYYY-MM-DD or an ISO 8601 time, got '\(raw)'", code: "invalid_parameter")
    }

    static func isDay(_ raw: String) -> Bool { CivilDate(raw) != nil }
}
