import Foundation
import Pipeline
import Server

/// Risk scoring's configuration (`risk.*`).
struct RiskSettings: Sendable {
    /// `risk.labelDelayDays` (default 60): orders newer than this are left out of training, their
    /// chargebacks may not have arrived yet. Passed to the risk kind as `label_delay_days`.
    var labelDelayDays: Int
    /// `risk.reviewHighShare` (default 0.01) and `risk.reviewMediumShare` (default 0.05): the
    /// review capacity, the share of orders at HIGH and at MEDIUM or above on the holdout.
    var reviewHighShare: Double
    var reviewMediumShare: Double
    /// `risk.precheckHigh` (refuse | ask_manager, default refuse) and `risk.precheckMedium`
    /// (ask_manager | proceed, default ask_manager): what a POS pre-check answers.
    var precheck: RiskPrecheckPolicy
    /// `risk.scoreOnIngest` (default true): score orders/create as it arrives.
    var scoreOnIngest: Bool

    /// The training parameters the settings imply (`storewise risk train` passes them; a
    /// `--param` on the command line wins).
    var trainingParameters: [String: String] {
        ["label_delay_days": "\(labelDelayDays)", "review_high_share": "\(reviewHighShare)", "review_medium_share": "\(reviewMediumShare)"]
    }
}

extension Settings {
    func riskSettings() throws -> RiskSettings {
        let high = try number("risk.reviewHighShare", default: 0.01, range: 0...1)
        let medium = try number("risk.reviewMediumShare", default: 0.05, range: 0...1)
        guard medium >= high else {
            throw SettingsError(key: "risk.reviewMediumShare", value: "\(medium)", expected: "at least risk.reviewHighShare (\(high)): MEDIUM or above includes HIGH")
        }
        let highDecision = try choice("risk.precheckHigh", default: RiskPrecheckDecision.refuse.rawValue,
                                      among: [RiskPrecheckDecision.refuse.rawValue, RiskPrecheckDecision.askManager.rawValue])
        let mediumDecision = try choice("risk.precheckMedium", default: RiskPrecheckDecision.askManager.rawValue,
                                        among: [RiskPrecheckDecision.askManager.rawValue, RiskPrecheckDecision.proceed.rawValue])
        let score = try choice("risk.scoreOnIngest", default: "true", among: ["true", "false"])
        return RiskSettings(
            labelDelayDays: try int("risk.labelDelayDays", default: RiskKind.defaultLabelDelayDays, range: 0...365),
            reviewHighShare: high, reviewMediumShare: medium,
            precheck: RiskPrecheckPolicy(medium: RiskPrecheckDecision(rawValue: mediumDecision)!, high: RiskPrecheckDecision(rawValue: highDecision)!),
            scoreOnIngest: score == "true")
    }
}
