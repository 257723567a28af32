import Crypto
import Foundation
import ShopifyAdmin
import Storage

/// After a customer-value scoring, proposes a personal win-back discount for valuable customers
/// who are slipping away: churn risk at least `minimumChurnRisk` (0.6), predicted CLV or past
/// spend in the shop's top quartile, and marketing consent (email or SMS), so the code can be
/// sent. Each gets one "discount-code" proposal: 15 % off for 30 days, that customer only, one
/// use, code `COMEBACK-<8 hex>`. The standard policy sends every discount to a person.
///
/// A customer is offered at most one win-back per `cooldownDays` (90): a pending, approved,
/// executed or rejected win-back of theirs in that window holds the next one back.
///
/// ```swift
/// let proposals = try await WinBackProposer(store: store, approvals: approvals).propose(shopID: 1)
/// ```
public struct WinBackProposer: Sendable {
    public static let name = "win-back"
    public static let modelKind = "customer-value"

    public var minimumChurnRisk = 0.6
    public var percentage = 0.15
    public var validDays = 30
    public var cooldownDays = 90
    /// At most this many win-back offers wait for a person at once (the most valuable first), so a
    /// shop's first scoring does not bury the inbox; the rest are offered by later scorings as
    /// people decide the waiting ones.
    public var maximumPending = 25

    let customers: any CustomerValueStore
    let registry: any ModelRegistry
    let history: ProposalHistory
    let approvals: ApprovalService

    public init(store: any CustomerValueStore & ModelRegistry & ApprovalStore, approvals: ApprovalService) {
        self.customers = store; self.registry = store; self.history = ProposalHistory(store: store); self.approvals = approvals
    }

    /// Proposes a discount to each qualifying customer not offered one within the cooldown, most
    /// valuable first, while fewer than `maximumPending` wait for a person; the proposals stored.
    /// Nothing without a customer-value champion or scores.
    @discardableResult
    public func propose(shopID: Int64, now: Date = Date()) async throws -> [ActionProposal] {
        guard let champion = try await registry.resolveAlias(shopID: shopID, kind: Self.modelKind, alias: "champion") else { return [] }
        let scores = try await customers.customerScores(shopID: shopID, query: CustomerScoreQuery(sort: .value, limit: 1_000_000, offset: 0)).rows
        guard !scores.isEmpty else { return [] }
        var consented = Set(try await customers.audience(shopID: shopID, segment: nil, channel: .email).map(\.customerID))
        consented.formUnion(try await customers.audience(shopID: shopID, segment: nil, channel: .sms).map(\.customerID))
        let chosen = candidates(scores, consented: consented)
        guard !chosen.isEmpty else { return [] }
        let since = now.addingTimeInterval(-Double(cooldownDays) * 86_400)
        let earlier = try await history.proposals(shopID: shopID, type: .discountCode, since: .distantPast)
        let seen = Set(earlier.filter { $0.createdAt >= since }.compactMap(\.draft.dedupeKey))
        var room = maximumPending - earlier.filter { $0.status == .pending && $0.draft.proposedBy == Self.name }.count
        var out: [ActionProposal] = []
        for score in chosen where room > 0 {
            let action = action(shopID: shopID, score: score, modelVersion: champion.version, now: now)
            if let key = action.dedupeKey, seen.contains(key) { continue }
            room -= 1
            out.append(try await approvals.propose(action, shopID: shopID, at: now).proposal)
        }
        return out
    }

    /// Customers at risk, valuable and consenting (pure), highest past spend first.
    public func candidates(_ scores: [CustomerScoreRow], consented: Set<Int64>) -> [CustomerScoreRow] {
        let clvCut = Self.upperQuartile(scores.map(\.lifetimeValueMinor))
        let spendCut = Self.upperQuartile(scores.map(\.spendMinor))
        return scores.filter { score in
            score.churnRisk >= minimumChurnRisk && consented.contains(score.customerID)
                && ((score.lifetimeValueMinor > 0 && score.lifetimeValueMinor >= clvCut) || (score.spendMinor > 0 && score.spendMinor >= spendCut))
        }
        .sorted { ($0.spendMinor, $1.customerID) > ($1.spendMinor, $0.customerID) }
    }

    /// The 75th percentile by nearest rank: the smallest value with at least 75 % of values at or
    /// below it (values 1…8 → 6). "Top quartile" is at or above it.
    public static func upperQuartile(_ values: [Int64]) -> Int64 {
        guard !values.isEmpty else { return .max }
        let sorted = values.sorted()
        let rank = Int((0.75 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, rank - 1)]
    }

    /// The discount proposal for one customer (pure).
    public func action(shopID: Int64, score: CustomerScoreRow, modelVersion: Int, now: Date) -> ProposedAction {
        let customerGID = ProposalText.gid("Customer", score.customerID)
        let code = Self.code(shopID: shopID, customerID: score.customerID, at: now)
        let ends = now.addingTimeInterval(Double(validDays) * 86_400)
        let percent = Int((percentage * 100).rounded())
        let payload: JSONValue = [
            "title": .string("Win-back \(percent)% for customer \(score.customerID)"),
            "code": .string(code),
            "percentage": .double(percentage),
            "startsAt": .string(Self.iso8601(now)),
            "endsAt": .string(Self.iso8601(ends)),
            "customerIds": [.string(customerGID)],
            "usageLimit": 1,
            "appliesOncePerCustomer": true,
        ]
        // What the code may cost: the discount on one typical order of this customer.
        let atStake = Int64((Double(score.expectedOrderValueMinor) * percentage).rounded())
        let lastDays = Int(max(0, score.ageDays - score.recencyDays).rounded())
        let reason = "Churn risk \(Int((score.churnRisk * 100).rounded())) %: last order \(ProposalText.count(lastDays, "day")) ago, "
            + "\(ProposalText.count(score.orders, "order")), spent \(ProposalText.money(score.spendMinor, score.currency)), "
            + "predicted value \(ProposalText.money(score.lifetimeValueMinor, score.currency)). "
            + "Offer \(percent) % off for \(validDays) days, one use, this customer only (code \(code))"
        return ProposedAction(
            type: .discountCode, targetType: "customer", targetID: customerGID, payload: payload, modelKind: Self.modelKind,
            modelVersion: modelVersion, confidence: min(1, max(0, score.churnRisk)), reason: reason, proposer: Self.name,
            dedupeKey: "win-back:\(shopID):\(score.customerID)", amountMinor: atStake, currency: score.currency)
    }

    /// "COMEBACK-" and 8 upper-case hex digits of SHA-256("<shop>:<customer>:<day>"): unguessable
    /// enough for a one-use, one-customer code, and the same all day (a re-run proposes the same code).
    public static func code(shopID: Int64, customerID: Int64, at: Date) -> String {
        let day = Int64((at.timeIntervalSince1970 / 86_400).rounded(.down))
        let digest = SHA256.hash(data: Data("\(shopID):\(customerID):\(day)".utf8))
        let hex = digest.prefix(4).map { byte in
            let text = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + text : text
        }.joined()
        return "COMEBACK-" + hex
    }

    static func iso8601(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
