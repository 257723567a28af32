import Foundation
import Pipeline

/// The approval queue's configuration (`approvals.*`).
struct ApprovalSettings: Sendable {
    /// The policy: `approvals.policy` (a JSON file, `ApprovalPolicy.parse`) or the standard one.
    var policy: ApprovalPolicy
    /// Where the policy came from, for logs and `approvals list`.
    var policySource: String
    var options: ApprovalOptions
    var executor: ActionExecutorOptions
    /// Purchase-order files and undelivered messages: `approvals.outbox` (default `<data.dir>/outbox`).
    var outbox: URL
}

extension Settings {
    /// `approvals.policy`, `.ttlHours`, `.outbox`, `.messageWebhookURL` (+ `.messageWebhookSecret`),
    /// `.maxAttempts`, `.leaseSeconds`.
    func approvalSettings(dataDirectory: URL) throws -> ApprovalSettings {
        var policy = ApprovalPolicy.standard
        var source = "standard"
        if let path = optionalString("approvals.policy") {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw SettingsError(key: "approvals.policy", value: path, expected: "a readable JSON policy file (\(error.localizedDescription))")
            }
            do { policy = try ApprovalPolicy.parse(json: data) } catch {
                throw SettingsError(key: "approvals.policy", value: path, expected: "a valid policy: \(error)")
            }
            source = path
        }
        var options = ApprovalOptions()
        options.defaultTimeToLive = Double(try int("approvals.ttlHours", default: 72, range: 1...8760)) * 3600
        var executor = ActionExecutorOptions()
        executor.maxAttempts = try int("approvals.maxAttempts", default: executor.maxAttempts, range: 1...100)
        executor.leaseSeconds = try number("approvals.leaseSeconds", default: executor.leaseSeconds, range: 5...3600)
        if let url = try httpURL("approvals.messageWebhookURL") {
            executor.messageWebhookURL = url.absoluteString
            guard let secret = optionalString("approvals.messageWebhookSecret"), secret.utf8.count >= 16 else {
                throw SettingsError(key: "approvals.messageWebhookSecret", value: optionalString("approvals.messageWebhookSecret") ?? "",
                                    expected: "a secret of at least 16 bytes when approvals.messageWebhookURL is set")
            }
            executor.messageWebhookSecret = secret
        }
        let outbox = optionalString("approvals.outbox").map { URL(fileURLWithPath: $0) } ?? dataDirectory.appendingPathComponent("outbox")
        return ApprovalSettings(policy: policy, policySource: source, options: options, executor: executor, outbox: outbox)
    }
}
