import Foundation
import Storage

/// What a shop was already proposed, so proposers do not ask a person the same question twice.
///
/// The store's dedupe key covers proposals that are pending, approved or executing; this also
/// covers ones that ran (executed) or that a person turned down (rejected) within `window`.
/// Expired and failed ones may be proposed again.
struct ProposalHistory: Sendable {
    let store: any ApprovalStore
    /// How far back, in proposals of the type, to look (newest first).
    var scanLimit = 1000

    /// Dedupe keys of the type's proposals that still count, created after `since`.
    func keys(shopID: Int64, type: ActionType, since: Date) async throws -> Set<String> {
        Set(try await proposals(shopID: shopID, type: type, since: since).compactMap(\.draft.dedupeKey))
    }

    /// The type's proposals that still count (as for `keys`), created after `since`, newest first.
    func proposals(shopID: Int64, type: ActionType, since: Date) async throws -> [ActionProposal] {
        let query = ProposalQuery(statuses: [.pending, .approved, .executing, .executed, .rejected], actionType: type.rawValue,
                                  limit: scanLimit, offset: 0)
        let (rows, _) = try await store.proposals(shopID: shopID, query: query)
        return rows.filter { $0.createdAt >= since }
    }
}
