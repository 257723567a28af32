import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise models show`: one version in full, or the version an alias points at.
struct ModelsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one model version: parameters, data, metrics, artifact.")

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "The model kind.") var kind: String
    @Option(help: "The version number (default: the alias).") var version: Int?
    @Option(help: "The alias to show when no --version is given.") var alias: String = "champion"
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        _ = try ModelsFormat.requireKind(kind, in: try runtime.modelKinds())
        let found: ModelVersion?
        if let version {
            found = try await runtime.store.modelVersion(shopID: record.id, kind: kind, version: version)
        } else {
            found = try await runtime.store.resolveAlias(shopID: record.id, kind: kind, alias: alias)
        }
        guard let model = found else {
            throw CLIError(version.map { "shop \(record.shop.domain) has no \(kind) version \($0)" } ?? "no \(kind) version is aliased \(alias)")
        }
        let aliases = try await runtime.store.modelAliases(shopID: record.id, kind: kind).filter { $0.version == model.version }
        let draft = model.draft
        say("\(model.label)  \(draft.status.rawValue)\(draft.statusMessage.map { " (\($0))" } ?? "")")
        say("  aliases:    \(aliases.isEmpty ? "none" : aliases.map(\.name).joined(separator: ", "))")
        say("  created:    \(ModelsFormat.time(model.createdAt)) by \(draft.createdBy), trigger \(draft.trigger)\(draft.jobID.map { ", job #\($0)" } ?? "")")
        say("  artifact:   \(draft.artifactURI)  sha256 \(draft.artifactDigest.prefix(16))…")
        say("  data:       events #\(draft.data.firstEventID)…#\(draft.data.lastEventID) (\(draft.data.eventCount))"
            + (draft.data.asOfDay.map { ", through \($0)" } ?? "") + ", projection sha256 \(draft.data.projectionDigest.prefix(16))…")
        say("  catalog:    \(draft.catalog.count) variants")
        say("  holdout:    " + draft.holdoutMetrics.sorted { $0.key < $1.key }.map { "\($0.key) \(ModelsFormat.decimal($0.value, 4))" }.joined(separator: ", ")
            + "  (promotion compares \(draft.primaryMetric), \(draft.higherIsBetter ? "higher" : "lower") is better)")
        if !draft.parameters.isEmpty {
            say("  parameters: " + draft.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        if !draft.summary.isEmpty {
            say("  summary:    " + draft.summary.sorted { $0.key < $1.key }.map { "\($0.key) \(ModelsFormat.decimal($0.value, 3))" }.joined(separator: ", "))
        }
        let live = try await runtime.store.liveAccuracy(shopID: record.id, kind: kind, version: model.version, limit: 1)
        if let latest = live.last {
            say("  live:       " + latest.metrics.sorted { $0.key < $1.key }.map { "\($0.key) \(ModelsFormat.decimal($0.value, 4))" }.joined(separator: ", ")
                + " over \(latest.fromDay)…\(latest.throughDay) (\(latest.series) series)")
        }
    }
}
