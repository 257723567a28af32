/// Why an install or OAuth callback was refused, naming the query parameter at fault.
public enum OAuthError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A required parameter is absent.
    case missingParameter(name: String)
    /// A parameter is present but unusable (`shop` not a myshopify domain, `timestamp` not a number …).
    case invalidParameter(name: String, reason: String)
    /// The `hmac` does not match the query signed with the app's client secret.
    case invalidHMAC
    /// `timestamp` is further than the allowed skew from now (a replayed or forged link).
    case staleTimestamp(seconds: Int64, allowed: Int64)
    /// The `state` is unknown, expired, already used, or was issued for another shop.
    case invalidState
    /// The token exchange (`POST /admin/oauth/access_token`) failed.
    case tokenExchange(status: Int, reason: String)

    public var description: String {
        switch self {
        case .missingParameter(let name): "\(name): missing"
        case .invalidParameter(let name, let reason): "\(name): \(reason)"
        case .invalidHMAC: "hmac: does not match the query signed with the app's client secret"
        case .staleTimestamp(let seconds, let allowed): "timestamp: \(seconds) s from now, more than the allowed \(allowed) s"
        case .invalidState: "state: unknown, expired, already used, or issued for another shop"
        case .tokenExchange(let status, let reason): "access token exchange failed (HTTP \(status)): \(reason)"
        }
    }
}
