import Storage

/// A version the router can send a prediction to: its number and where its artifact lives.
public struct ServedVersion: Sendable, Hashable {
    public var version: Int
    /// `forecast-run:42`, …
    public var artifactURI: String

    public init(version: Int, artifactURI: String) {
        self.version = version; self.artifactURI = artifactURI
    }

    init(_ model: ModelVersion) {
        self.init(version: model.version, artifactURI: model.draft.artifactURI)
    }

    /// The run id of a `<kind>-run:<id>` artifact, or nil for another form.
    public var runID: Int64? {
        guard let colon = artifactURI.lastIndex(of: ":") else { return nil }
        return Int64(artifactURI[artifactURI.index(after: colon)...])
    }
}

/// Where one prediction goes: the version whose output is returned, which arm that is, the
/// shadow version to compute beside it (never returned), and whether it is logged.
public struct RoutingDecision: Sendable, Hashable {
    public enum Arm: String, Sendable, Hashable {
        /// The champion served.
        case champion
        /// The challenger served to the canary share.
        case canary
        /// The challenger computed and logged, never returned.
        case shadow
    }

    public var shopID: Int64
    public var kind: String
    public var requestID: String
    public var subject: String
    /// The version whose output is returned.
    public var served: ServedVersion
    public var arm: Arm
    /// The champion (the served version unless the subject is in the canary share).
    public var champion: ServedVersion
    public var shadow: ServedVersion?
    /// Whether this request's predictions go to the prediction log (sampling).
    public var sampled: Bool
}
