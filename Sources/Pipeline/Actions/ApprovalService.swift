import Foundation
import ShopifyAdmin
import Storage

/// The approval queue's front door: proposers propose, the policy decides or leaves it to a
/// person, people approve, edit or reject, and pending proposals expire. Every state change is
/// written with its audit row in one transaction by the store.
///
/// ```swift
/// let approvals = ApprovalService(store: store, policy: .standard)
/// let (proposal, created) = try await approvals.propose(action, shopID: 1)
/// try await approvals.approve(shopID: 1, id: proposal.id, by: .user("ana@shop", source: "ui"), reason: nil)
/// ```
public struct ApprovalService: Sendable {
    public let store: any ActionStore
    public let policy: ApprovalPolicy
    public let options: ApprovalOptions

    public init(store: any ActionStore, policy: ApprovalPolicy, options: ApprovalOptions = ApprovalOptions()) {
        self.store = store; self.policy = policy; self.options = options
    }

    /// Validates and stores a proposal with the policy's verdict. Returns the pending/approved/
    /// rejected proposal, or the existing one with `created == false` when its dedupe key is open.
    public func propose(_ action: ProposedAction, shopID: Int64, at: Date = Date()) async throws -> (proposal: ActionProposal, created: Bool) {
        var action = action
        action.payload = try ActionPayload.normalise(action.payload, type: action.type)
        guard !action.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ActionError.invalidPayload(field: "reason", reason: "must not be empty")
        }
        if let confidence = action.confidence, !(0...1).contains(confidence) {
            throw ActionError.invalidPayload(field: "confidence", reason: "must be from 0 to 1")
        }
        // The money at stake comes from the payload when the proposer did not say.
        if action.amountMinor == nil, let money = ActionPayload.amountMinor(action.payload, type: action.type) {
            action.amountMinor = money.amount
            action.currency = action.currency ?? money.currency
        }
        let ttl = action.timeToLive ?? options.defaultTimeToLive
        guard ttl > 0 else { throw ActionError.invalidPayload(field: "timeToLive", reason: "must be above 0 seconds") }
        let payload = action.payload.canonicalString()
        let hash = ActionPayload.hash(canonical: payload)
        let draft = ProposalDraft(
            shopID: shopID, actionType: action.type.rawValue, targetType: action.targetType, targetID: action.targetID, payload: payload,
            payloadHash: hash, modelKind: action.modelKind, modelVersion: action.modelVersion, confidence: action.confidence,
            reason: action.reason, proposedBy: action.proposer, dedupeKey: action.dedupeKey, amountMinor: action.amountMinor,
            currency: action.currency, expiresAt: at.addingTimeInterval(ttl))
        let (verdict, rule) = policy.evaluate(action)
        let actor = Self.proposingActor(action)
        let audit = AuditEntryDraft(
            shopID: shopID, at: at, actorType: actor.type, actorID: actor.id, action: "proposal.created", targetType: action.targetType,
            targetID: action.targetID, modelKind: action.modelKind, modelVersion: action.modelVersion,
            decision: "\(verdict.rawValue) (\(rule))", reason: action.reason, newValue: payload, source: actor.source,
            payloadHash: hash)
        return try await store.createProposal(draft, verdict: verdict, rule: rule, audit: audit, at: at)
    }

    /// Approves a pending proposal as it stands.
    public func approve(shopID: Int64, id: Int64, by actor: ActionActor, reason: String?, at: Date = Date()) async throws -> ActionProposal {
        let current = try await pending(shopID: shopID, id: id, at: at)
        let audit = auditRow(current, actor: actor, action: "proposal.approved", decision: "approve", reason: clean(reason), at: at)
        return try await store.decideProposal(id: id, shopID: shopID, .approve, by: actor.decidedBy, reason: clean(reason), audit: audit, at: at)
    }

    /// Approves a pending proposal with a changed payload, validated like a new one.
    public func edit(shopID: Int64, id: Int64, payload: JSONValue, by actor: ActionActor, reason: String?,
                     at: Date = Date()) async throws -> ActionProposal {
        let current = try await pending(shopID: shopID, id: id, at: at)
        guard let type = ActionType(rawValue: current.draft.actionType) else { throw ActionError.unknownActionType(current.draft.actionType) }
        let normalised = try ActionPayload.normalise(payload, type: type)
        let text = normalised.canonicalString()
        let hash = ActionPayload.hash(canonical: text)
        var audit = auditRow(current, actor: actor, action: "proposal.edited", decision: "edit", reason: clean(reason), at: at)
        audit.oldValue = current.effectivePayload
        audit.newValue = text
        audit.payloadHash = hash
        return try await store.decideProposal(id: id, shopID: shopID, .edit(payload: text, payloadHash: hash), by: actor.decidedBy,
                                              reason: clean(reason), audit: audit, at: at)
    }

    /// Rejects a pending proposal; the reason is required (the proposer's owner reads it).
    public func reject(shopID: Int64, id: Int64, by actor: ActionActor, reason: String, at: Date = Date()) async throws -> ActionProposal {
        guard let reason = clean(reason) else { throw ActionError.reasonRequired(decision: "rejection") }
        let current = try await pending(shopID: shopID, id: id, at: at)
        let audit = auditRow(current, actor: actor, action: "proposal.rejected", decision: "reject", reason: reason, at: at)
        return try await store.decideProposal(id: id, shopID: shopID, .reject, by: actor.decidedBy, reason: reason, audit: audit, at: at)
    }

    /// Expires every pending proposal whose time has passed; returns how many.
    public func expireDue(now: Date = Date()) async throws -> Int {
        var expired = 0
        let actor = ActionActor(type: .system, id: "expiry", source: "scheduler")
        while true {
            let due = try await store.expiredPendingProposals(now: now, limit: options.expiryBatch)
            var decidedThisRound = 0
            for proposal in due {
                let audit = auditRow(proposal, actor: actor, action: "proposal.expired", decision: "expire",
                                     reason: "no decision before \(ApprovalService.iso(proposal.draft.expiresAt))", at: now)
                do {
                    _ = try await store.decideProposal(id: proposal.id, shopID: proposal.draft.shopID, .expire, by: actor.decidedBy,
                                                       reason: audit.reason, audit: audit, at: now)
                    expired += 1
                    decidedThisRound += 1
                } catch StorageError.proposalNotPending {
                    // A person decided it between the read and the write: theirs stands.
                }
            }
            if due.count < options.expiryBatch || decidedThisRound == 0 { return expired }
        }
    }

    // MARK: - Helpers

    /// Who proposed, for the audit row: the model ("customer-value v3") when a model did; the person
    /// when a door names one ("api:ana@shop" → user ana@shop via api); else the proposer, which runs
    /// as a job ("winback" → system winback via scheduler).
    static func proposingActor(_ action: ProposedAction) -> ActionActor {
        var source = "scheduler"
        var person: String?
        if let colon = action.proposer.firstIndex(of: ":") {
            let door = String(action.proposer[..<colon])
            if ["api", "cli", "ui", "webhook"].contains(door) {
                source = door
                person = String(action.proposer[action.proposer.index(after: colon)...])
            }
        } else if ["api", "cli", "ui", "webhook"].contains(action.proposer) {
            source = action.proposer
        }
        if let kind = action.modelKind {
            return ActionActor(type: .model, id: action.modelVersion.map { "\(kind) v\($0)" } ?? kind, source: source)
        }
        if let person, !person.isEmpty { return ActionActor(type: .user, id: person, source: source) }
        return ActionActor(type: .system, id: action.proposer, source: source)
    }

    /// The proposal when it is still pending at `at`. One whose time ran out is expired here (the
    /// sweep may not have passed yet) and refused: a decision never lands after the deadline.
    func pending(shopID: Int64, id: Int64, at: Date) async throws -> ActionProposal {
        guard let proposal = try await store.proposal(id: id, shopID: shopID) else { throw StorageError.unknownProposal(id: id) }
        guard proposal.status == .pending else { throw StorageError.proposalNotPending(id: id, status: proposal.status.rawValue) }
        if proposal.draft.expiresAt <= at {
            let actor = ActionActor(type: .system, id: "expiry", source: "scheduler")
            let audit = auditRow(proposal, actor: actor, action: "proposal.expired", decision: "expire",
                                 reason: "no decision before \(ApprovalService.iso(proposal.draft.expiresAt))", at: at)
            _ = try await store.decideProposal(id: id, shopID: shopID, .expire, by: actor.decidedBy, reason: audit.reason, audit: audit, at: at)
            throw StorageError.proposalNotPending(id: id, status: ProposalStatus.expired.rawValue)
        }
        return proposal
    }

    func auditRow(_ proposal: ActionProposal, actor: ActionActor, action: String, decision: String, reason: String?, at: Date) -> AuditEntryDraft {
        AuditEntryDraft(
            shopID: proposal.draft.shopID, at: at, actorType: actor.type, actorID: actor.id, action: action,
            targetType: proposal.draft.targetType, targetID: proposal.draft.targetID, proposalID: proposal.id,
            modelKind: proposal.draft.modelKind, modelVersion: proposal.draft.modelVersion, decision: decision, reason: reason,
            source: actor.source, payloadHash: proposal.effectivePayloadHash)
    }

    func clean(_ reason: String?) -> String? {
        guard let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func iso(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }
}
