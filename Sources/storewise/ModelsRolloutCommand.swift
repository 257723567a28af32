import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise models rollout`: the canary share, shadowing and log sampling of a shop's model kind.
struct ModelsRolloutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout", abstract: "Show or set a kind's canary share, shadow mode and prediction-log sampling.",
        discussion: """
        The canary share of customers (by a sticky hash) is served by the challenger; with --shadow the challenger is \
        computed and logged beside the champion but never returned. A running server picks the change up within 2 seconds.
          storewise models rollout --shop my-shop.myshopify.com --kind forecast --canary 10 --shadow false --sample-rate 0.2
        """)

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "The model kind.") var kind: String
    @Option(help: "Percent of subjects served by the challenger (0…100).") var canary: Double?
    @Option(help: "Compute and log the challenger beside the champion (true / false).") var shadow: Bool?
    @Option(help: "Share of predictions logged (0…1).") var sampleRate: Double?
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        if let canary, !(canary.isFinite && (0...100).contains(canary)) { throw ValidationError("--canary must be in 0...100, got \(canary)") }
        if let sampleRate, !(sampleRate.isFinite && (0...1).contains(sampleRate)) {
            throw ValidationError("--sample-rate must be in 0...1, got \(sampleRate)")
        }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        _ = try ModelsFormat.requireKind(kind, in: try runtime.modelKinds())
        var setting = try await runtime.store.rolloutSetting(shopID: record.id, kind: kind)
        if canary != nil || shadow != nil || sampleRate != nil {
            if let canary { setting.canaryPercent = canary }
            if let shadow { setting.shadow = shadow }
            if let sampleRate { setting.sampleRate = sampleRate }
            setting.updatedAt = Date()
            try await runtime.store.setRolloutSetting(setting)
        }
        let challenger = try await runtime.store.resolveAlias(shopID: record.id, kind: kind, alias: ModelAlias.challenger)
        say("\(kind): canary \(ModelsFormat.decimal(setting.canaryPercent, 1)) %, shadow \(setting.shadow ? "on" : "off"), "
            + "sample rate \(ModelsFormat.decimal(setting.sampleRate, 3)); challenger: \(challenger.map { "v\($0.version)" } ?? "none (everything goes to the champion)")")
    }
}
