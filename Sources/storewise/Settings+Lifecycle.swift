import Foundation
import Pipeline

extension Settings {
    /// `lifecycle.cadenceDays`, `.catalogChangeThreshold`, `.promotionMargin`, `.alertTolerance`,
    /// `.leaseSeconds`, `.maxAttempts`, `.schedulerIntervalSeconds`, `.monitorIntervalSeconds`,
    /// `.leaderLeaseSeconds`, `.shardSeries`,
    /// `.referenceWindowDays`, `.currentWindowDays`, `.webhookURL` and `.webhookSecret`.
    func lifecycleOptions() throws -> LifecycleOptions {
        var options = LifecycleOptions()
        options.cadenceDays = try int("lifecycle.cadenceDays", default: options.cadenceDays, range: 1...365)
        options.catalogChangeThreshold = try number("lifecycle.catalogChangeThreshold", default: options.catalogChangeThreshold, range: 0...1)
        options.promotionMargin = try number("lifecycle.promotionMargin", default: options.promotionMargin, range: 0...1)
        options.alertTolerance = try number("lifecycle.alertTolerance", default: options.alertTolerance, range: 0...10)
        options.leaseSeconds = try number("lifecycle.leaseSeconds", default: options.leaseSeconds, range: 5...86_400)
        options.maxAttempts = try int("lifecycle.maxAttempts", default: options.maxAttempts, range: 1...100)
        options.schedulerIntervalSeconds = try number("lifecycle.schedulerIntervalSeconds", default: options.schedulerIntervalSeconds, range: 1...86_400)
        options.monitorIntervalSeconds = try number("lifecycle.monitorIntervalSeconds", default: options.monitorIntervalSeconds, range: 1...604_800)
        options.leaderLeaseSeconds = try number("lifecycle.leaderLeaseSeconds", default: options.leaderLeaseSeconds, range: 1...3600)
        options.shardSeries = try int("lifecycle.shardSeries", default: options.shardSeries, range: 0...10_000_000)
        options.referenceWindowDays = try int("lifecycle.referenceWindowDays", default: options.referenceWindowDays, range: 1...365)
        options.currentWindowDays = try int("lifecycle.currentWindowDays", default: options.currentWindowDays, range: 1...365)
        if let url = optionalString("lifecycle.webhookUrl"), !url.isEmpty {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw SettingsError(key: "lifecycle.webhookUrl", value: url, expected: "an http(s) URL")
            }
            options.webhookURL = url
            guard let secret = optionalString("lifecycle.webhookSecret"), secret.utf8.count >= 16 else {
                throw SettingsError(key: "lifecycle.webhookSecret", value: optionalString("lifecycle.webhookSecret") ?? "",
                                    expected: "a secret of at least 16 bytes when lifecycle.webhookUrl is set")
            }
            options.webhookSecret = secret
        }
        try options.validate()
        return options
    }
}

extension Runtime {
    /// The model kinds this deployment trains, configured from the settings.
    func modelKinds() throws -> ModelKinds {
        let risk = try settings.riskSettings()
        return ModelKinds.standard(store: store, forecast: try settings.forecastOptions(), customers: try settings.customerOptions(),
                                   recommendations: try settings.recommendationOptions(), riskLabelDelayDays: risk.labelDelayDays,
                                   riskReviewShares: (risk.reviewHighShare, risk.reviewMediumShare))
    }

    /// The lifecycle (registry operations and training requests) over the store.
    func lifecycle() throws -> ModelLifecycle {
        ModelLifecycle(store: store, kinds: try modelKinds(), options: try settings.lifecycleOptions(), logger: logger)
    }

    /// Who the CLI records as the actor of registry changes.
    static var cliActor: String { "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "root") }
}
