import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise models list`: each model kind of a shop with its aliases and newest versions.
struct ModelsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a shop's model kinds, aliases and newest versions.")

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "Only this kind (forecast, customer-value, recommendations).") var kind: String?
    @Option(help: "Versions shown per kind.") var limit: Int = 5
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be in 1...1000, got \(limit)") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let kinds = try runtime.modelKinds()
        if let kind { _ = try ModelsFormat.requireKind(kind, in: kinds) }
        let stored = try await runtime.store.modelKinds(shopID: record.id)
        let names = kind.map { [$0] } ?? Array(Set(kinds.names + stored)).sorted()
        let proposals = try await runtime.store.promotionProposals(shopID: record.id, status: .pending, limit: 100)
        let alerts = try await runtime.store.modelAlerts(shopID: record.id, openOnly: true, limit: 100)
        for name in names {
            let aliases = try await runtime.store.modelAliases(shopID: record.id, kind: name)
            let versions = try await runtime.store.modelVersions(shopID: record.id, kind: name, limit: limit)
            let title = kinds[name]?.title ?? name
            let aliasText = aliases.isEmpty ? "no aliases" : aliases.map { "\($0.name) v\($0.version)" }.joined(separator: ", ")
            say("\(name) (\(title)): \(aliasText)")
            if versions.isEmpty { say("  no versions yet: storewise models train --shop \(record.shop.domain) --kind \(name)") }
            for version in versions {
                say("  " + ModelsFormat.versionLine(version, aliases: aliases))
            }
            for proposal in proposals where proposal.kind == name {
                say("  proposal #\(proposal.id): promote v\(proposal.version) — \(proposal.reason)")
            }
            for alert in alerts where alert.kind == name {
                say("  alert #\(alert.id) [\(alert.severity)] \(alert.type): \(alert.message)")
            }
        }
    }
}

/// Shared text formatting of the `models` commands.
enum ModelsFormat {
    static func requireKind(_ name: String, in kinds: ModelKinds) throws -> any ModelKind {
        guard let kind = kinds[name] else {
            throw ValidationError("--kind must be one of \(kinds.names.joined(separator: ", ")), got '\(name)'")
        }
        return kind
    }

    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: date)
    }

    /// `v4  2026-11-23 22:10:05  scheduler  drift  mase 0.9120  ready  forecast-run:41  [challenger]`
    static func versionLine(_ version: ModelVersion, aliases: [ModelAlias]) -> String {
        let draft = version.draft
        let metric = version.primaryValue.map { "\(draft.primaryMetric) \(decimal($0, 4))" } ?? "\(draft.primaryMetric) –"
        let names = aliases.filter { $0.version == version.version }.map(\.name)
        return pad("v\(version.version)", 6) + pad(time(version.createdAt), 21) + pad(draft.createdBy, 14) + pad(draft.trigger, 16)
            + pad(metric, 20) + pad(draft.status.rawValue, 10) + draft.artifactURI + (names.isEmpty ? "" : "  [\(names.joined(separator: ", "))]")
    }

    static func moveLine(_ move: AliasMove) -> String {
        let from = move.fromVersion.map { "v\($0)" } ?? "–"
        let to = move.toVersion.map { "v\($0)" } ?? "–"
        return pad(time(move.at), 21) + pad(move.kind, 17) + pad(move.alias, 12) + pad("\(from) → \(to)", 12) + pad(move.action, 14)
            + pad(move.actor, 18) + move.reason
    }

    /// A number with `places` decimals, without `String(format:)`.
    static func decimal(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        let scale = pow(10, Double(places))
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < places { text += String(repeating: "0", count: places - decimals) }
        } else {
            text += "." + String(repeating: "0", count: places)
        }
        return text
    }
}
