import Commerce
import CustomerValue
import Foundation
import ShopifyAdmin
import Storage

/// Proposes writing a customer's scores back to Shopify after an order or a customer update:
/// a segment tag (`tagsAdd`, "storewise-champions") when the customer does not carry it yet, and
/// metafields in the "storewise" namespace (segment, CLV, churn risk) when they changed.
///
/// Scores come from the latest customer-value run; the proposing model is the shop's
/// customer-value champion, and without a champion nothing is proposed (no model vouches for
/// the numbers). Confidence is the customer's P(alive): the segment and CLV describe a customer
/// who is still buying, and the less likely that is, the less a merchant should act on them.
///
/// ```swift
/// let proposer = CustomerSegmentProposer(store: store, approvals: approvals)
/// let proposals = try await proposer.propose(shopID: 1, customerID: 42)
/// ```
public struct CustomerSegmentProposer: Sendable {
    public static let name = "customer-segments"
    public static let modelKind = "customer-value"
    public static let namespace = "storewise"
    /// Tags Storewise owns start with this; a tag of another segment is left for the merchant to remove.
    public static let tagPrefix = "storewise-"

    let customers: any CustomerValueStore
    let registry: any ModelRegistry
    let history: ProposalHistory
    let approvals: ApprovalService

    public init(store: any CustomerValueStore & ModelRegistry & ApprovalStore, approvals: ApprovalService) {
        self.customers = store; self.registry = store; self.history = ProposalHistory(store: store); self.approvals = approvals
    }

    /// Proposes what changed for one customer; the proposals stored (new or the pending ones
    /// returned by dedupe), empty when there is no score, no champion, or nothing new.
    @discardableResult
    public func propose(shopID: Int64, customerID: Int64, now: Date = Date()) async throws -> [ActionProposal] {
        guard let champion = try await registry.resolveAlias(shopID: shopID, kind: Self.modelKind, alias: "champion") else { return [] }
        guard let score = try await customers.customerScore(shopID: shopID, customerID: customerID) else { return [] }
        guard let profile = try await customers.customerProfile(shopID: shopID, customerID: customerID) else { return [] }
        let months = try await customers.latestCustomerValueRun(shopID: shopID)?.clvMonths ?? 12
        let actions = Self.actions(shopID: shopID, score: score, tags: profile.tags, modelVersion: champion.version, clvMonths: months)
        guard !actions.isEmpty else { return [] }
        let seen = try await history.keys(shopID: shopID, type: .customerTags, since: .distantPast)
            .union(try await history.keys(shopID: shopID, type: .metafields, since: .distantPast))
        var out: [ActionProposal] = []
        for action in actions where !(action.dedupeKey.map(seen.contains) ?? false) {
            let (proposal, created) = try await approvals.propose(action, shopID: shopID, at: now)
            out.append(proposal)
            if created, action.type == .metafields { try await supersede(by: proposal, shopID: shopID, now: now) }
        }
        return out
    }

    /// Rejects older pending metafields proposals of the same customer: their numbers are stale,
    /// and approving one after the newer one would write old scores over new ones.
    func supersede(by newer: ActionProposal, shopID: Int64, now: Date) async throws {
        let query = ProposalQuery(statuses: [.pending], actionType: ActionType.metafields.rawValue, limit: 1000, offset: 0)
        let stale = try await approvals.store.proposals(shopID: shopID, query: query).rows
            .filter { $0.id != newer.id && $0.draft.targetID == newer.draft.targetID && $0.draft.proposedBy == Self.name }
        let actor = ActionActor(type: .system, id: Self.name, source: "scheduler")
        for old in stale {
            do {
                _ = try await approvals.reject(shopID: shopID, id: old.id, by: actor, reason: "superseded by proposal \(newer.id) (newer scores)", at: now)
            } catch StorageError.proposalNotPending {
                // A person decided it meanwhile: theirs stands.
            }
        }
    }

    /// The tag "storewise-<segment>" ("storewise-potential-loyalists"): Shopify tags are free
    /// text, hyphens read better in the admin's tag filter than underscores.
    public static func tag(segment: String) -> String {
        tagPrefix + segment.replacingOccurrences(of: "_", with: "-")
    }

    /// The proposals for one scored customer (pure): a tags proposal unless `tags` already holds
    /// the segment's tag, and a metafields proposal keyed by its values (so the same values are
    /// proposed once).
    public static func actions(shopID: Int64, score: CustomerScoreRow, tags: [String], modelVersion: Int, clvMonths: Int) -> [ProposedAction] {
        let customerGID = ProposalText.gid("Customer", score.customerID)
        let tag = tag(segment: score.segment)
        let reason = reason(score: score, clvMonths: clvMonths)
        let confidence = min(1, max(0, score.probabilityAlive))
        var actions: [ProposedAction] = []
        if !tags.contains(where: { $0.caseInsensitiveCompare(tag) == .orderedSame }) {
            actions.append(ProposedAction(
                type: .customerTags, targetType: "customer", targetID: customerGID,
                payload: ["id": .string(customerGID), "tags": [.string(tag)]],
                modelKind: modelKind, modelVersion: modelVersion, confidence: confidence, reason: reason, proposer: name,
                dedupeKey: "customer-tags:\(shopID):\(score.customerID):\(tag)"))
        }
        let clv = Money(minorUnits: score.lifetimeValueMinor, currency: score.currency).decimalString
        let churn = ProposalText.fixed(score.churnRisk, digits: 2)
        // number_decimal holds the CLV in the shop currency (the money type would need a currency
        // matching the shop's, which Shopify checks); the segment is a single line of text.
        let metafields: [JSONValue] = [
            metafield(customerGID, key: "segment", type: "single_line_text_field", value: score.segment),
            metafield(customerGID, key: "clv", type: "number_decimal", value: clv),
            metafield(customerGID, key: "churn_risk", type: "number_decimal", value: churn),
        ]
        actions.append(ProposedAction(
            type: .metafields, targetType: "customer", targetID: customerGID, payload: ["metafields": .array(metafields)],
            modelKind: modelKind, modelVersion: modelVersion, confidence: confidence, reason: reason, proposer: name,
            dedupeKey: "customer-metafields:\(shopID):\(score.customerID):\(score.segment):\(clv):\(churn)"))
        return actions
    }

    static func metafield(_ owner: String, key: String, type: String, value: String) -> JSONValue {
        ["ownerId": .string(owner), "namespace": .string(namespace), "key": .string(key), "type": .string(type), "value": .string(value)]
    }

    /// "RFM segment Champions: 7 orders, last 3 days ago, P(alive) 0.94, predicted value 420.00 USD over 12 months".
    public static func reason(score: CustomerScoreRow, clvMonths: Int) -> String {
        let title = RFMSegment(rawValue: score.segment)?.title ?? score.segment
        let daysSince = Int(max(0, score.ageDays - score.recencyDays).rounded())
        let last = daysSince == 0 ? "last today" : "last \(ProposalText.count(daysSince, "day")) ago"
        return "RFM segment \(title): \(ProposalText.count(score.orders, "order")), \(last), "
            + "P(alive) \(ProposalText.fixed(score.probabilityAlive, digits: 2)), "
            + "predicted value \(ProposalText.money(score.lifetimeValueMinor, score.currency)) over \(clvMonths) months"
    }
}
