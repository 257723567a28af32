import Crypto
import Foundation

/// Cross-site request forgery tokens for the dashboard's forms.
///
/// The dashboard signs in by cookie, so a page on another site could otherwise POST a form to it (approve a
/// discount, promote a model) with the merchant's cookie attached. Every POST form carries a hidden `csrf`
/// field: the HMAC-SHA256 of the form's action path under a key derived from the signed-in session's
/// token (the HttpOnly cookie), which another site can neither compute nor read. `CSRFMiddleware` answers
/// 403 to any dashboard POST without a valid one.
///
/// The key comes from the session, not from process memory, so several `serve` replicas behind one load
/// balancer accept each other's forms (a page rendered by replica A posts to replica B) and a restart
/// leaves open forms valid. Pages rendered without a session (none of them has a form that works
/// without one) use a random per-process key.
public enum CSRFToken {
    /// The form field name.
    public static let field = "csrf"

    /// The sign-in token of the request being handled (set by `CSRFMiddleware` for every dashboard
    /// request carrying the cookie), so pages rendered inside it issue tokens for that session.
    @TaskLocal public static var session: String?

    /// 32 random bytes per process: the key of pages rendered without a session.
    private static let processKey = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }

    /// The MAC key of `session`: HMAC-SHA256 of a fixed label under the session token (a secret every
    /// replica sees in the same cookie), so the token itself is never the MAC key of the path.
    static func key(session: String?) -> SymmetricKey {
        guard let session, !session.isEmpty else { return SymmetricKey(data: processKey) }
        let derived = HMAC<SHA256>.authenticationCode(for: Data("storewise dashboard csrf v1".utf8), using: SymmetricKey(data: Data(session.utf8)))
        return SymmetricKey(data: Data(derived))
    }

    /// The token of a form posting to `path` (the action path without query) for `session`
    /// (default: the session of the request being handled).
    public static func token(for path: String, session: String? = CSRFToken.session) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(path.utf8), using: key(session: session))
        return Data(code).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `token` was issued for `path` in `session` (constant-time compare of the MACs).
    public static func isValid(_ token: String?, path: String, session: String? = CSRFToken.session) -> Bool {
        guard let token, !token.isEmpty else { return false }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let mac = Data(base64Encoded: base64) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(path.utf8), using: key(session: session))
    }

    /// The hidden input for a form posting to `path`; `path` is the unescaped action.
    static func input(for path: String) -> String {
        "<input type=\"hidden\" name=\"\(field)\" value=\"\(token(for: path))\">"
    }
}

extension CSRFToken {
    /// Adds the hidden `csrf` input (just before `</form>`) to every `<form method="post" action="…">` of a
    /// rendered page, so no page can forget it. The token is for the action's path (HTML entities undone, query dropped).
    static func protectForms(_ html: String) -> String {
        guard html.contains("<form") else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + 1024)
        var rest = html[...]
        var pending: String?
        while let open = rest.range(of: "<form") ?? rest.range(of: "</form>") {
            // Whichever comes first: an opening tag or a closing one.
            let close = rest.range(of: "</form>")
            if let close, close.lowerBound < open.lowerBound || open == close {
                out += rest[..<close.lowerBound]
                if let field = pending { out += field; pending = nil }
                out += "</form>"
                rest = rest[close.upperBound...]
                continue
            }
            guard let end = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[open.lowerBound...end]
            out += rest[..<open.lowerBound]
            out += tag
            if tag.range(of: "method=\"post\"", options: .caseInsensitive) != nil, let action = attribute("action", in: tag) {
                let path = action.split(separator: "?", maxSplits: 1).first.map(String.init) ?? action
                pending = input(for: path)
            }
            rest = rest[rest.index(after: end)...]
        }
        out += rest
        return out
    }

    private static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let open = tag.range(of: " \(name)=\"") else { return nil }
        guard let close = tag[open.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[open.upperBound..<close]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
