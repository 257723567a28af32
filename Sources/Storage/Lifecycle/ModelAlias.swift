import Foundation

/// A mutable, named pointer to one version of a shop's model kind (`champion`, `challenger`,
/// `previous`, or any name a person gives).
public struct ModelAlias: Sendable, Hashable, Codable {
    public var shopID: Int64
    public var kind: String
    public var name: String
    public var version: Int
    public var updatedAt: Date

    public init(shopID: Int64, kind: String, name: String, version: Int, updatedAt: Date) {
        self.shopID = shopID; self.kind = kind; self.name = name; self.version = version; self.updatedAt = updatedAt
    }

    public static let champion = "champion"
    public static let challenger = "challenger"
    public static let previous = "previous"
}

/// One alias change asked of the registry: point `alias` at `version`, or remove it (nil).
public struct AliasChange: Sendable, Hashable, Codable {
    public var alias: String
    public var version: Int?

    public init(alias: String, version: Int?) {
        self.alias = alias; self.version = version
    }
}

/// A row of the append-only promotion history: one alias moved, who did it, when and why.
public struct AliasMove: Sendable, Hashable, Codable {
    public var id: Int64
    public var shopID: Int64
    public var kind: String
    public var alias: String
    /// The version it pointed at before (nil: newly set) and after (nil: removed).
    public var fromVersion: Int?
    public var toVersion: Int?
    public var actor: String
    /// "promote", "auto-promote", "rollback", "challenger", "set", "remove".
    public var action: String
    public var reason: String
    public var at: Date

    public init(id: Int64 = 0, shopID: Int64, kind: String, alias: String, fromVersion: Int?, toVersion: Int?,
                actor: String, action: String, reason: String, at: Date) {
        self.id = id; self.shopID = shopID; self.kind = kind; self.alias = alias; self.fromVersion = fromVersion
        self.toVersion = toVersion; self.actor = actor; self.action = action; self.reason = reason; self.at = at
    }
}

/// A candidate that did not beat the champion by the margin waits here for a person.
public struct PromotionProposal: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case pending, approved, rejected, superseded
    }

    public var id: Int64
    public var shopID: Int64
    public var kind: String
    public var version: Int
    /// The champion it was compared with (nil when there was none).
    public var championVersion: Int?
    public var metric: String
    public var candidateValue: Double?
    public var championValue: Double?
    public var reason: String
    public var status: Status
    public var createdAt: Date
    public var decidedBy: String?
    public var decidedAt: Date?
    public var decisionNote: String?

    public init(id: Int64 = 0, shopID: Int64, kind: String, version: Int, championVersion: Int?, metric: String,
                candidateValue: Double?, championValue: Double?, reason: String, status: Status = .pending, createdAt: Date,
                decidedBy: String? = nil, decidedAt: Date? = nil, decisionNote: String? = nil) {
        self.id = id; self.shopID = shopID; self.kind = kind; self.version = version; self.championVersion = championVersion
        self.metric = metric; self.candidateValue = candidateValue; self.championValue = championValue; self.reason = reason
        self.status = status; self.createdAt = createdAt; self.decidedBy = decidedBy; self.decidedAt = decidedAt
        self.decisionNote = decisionNote
    }
}

/// How predictions of a shop's model kind are split between champion and challenger.
public struct RolloutSetting: Sendable, Hashable, Codable {
    public var shopID: Int64
    public var kind: String
    /// Share of subjects (by sticky hash) served by the challenger, 0...100.
    public var canaryPercent: Double
    /// Compute the challenger beside the champion and log it, never return it.
    public var shadow: Bool
    /// Share of served predictions written to the prediction log, 0...1.
    public var sampleRate: Double
    public var updatedAt: Date

    public init(shopID: Int64, kind: String, canaryPercent: Double = 0, shadow: Bool = false, sampleRate: Double = 0.1, updatedAt: Date = Date(timeIntervalSince1970: 0)) {
        self.shopID = shopID; self.kind = kind; self.canaryPercent = canaryPercent; self.shadow = shadow
        self.sampleRate = sampleRate; self.updatedAt = updatedAt
    }
}
