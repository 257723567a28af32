import Crypto
import Foundation

/// Cross-site request forgery tokens for the dashboard's forms.
///
/// The dashboard signs in by cookie, so a page on another site could otherwise POST a form to it (approve a
/// discount, promote a model) with the merchant's cookie attached. Every POST form carries a hidden `csrf`
/// field: the HMAC-SHA256 of the form's action path under a random key made when the process starts, which
/// another site cannot compute or read. `CSRFMiddleware` answers 403 to any dashboard POST without a valid
/// one. Restarting the server invalidates open forms (reloading the page gives fresh ones).
public enum CSRFToken {
    /// The form field name.
    public static let field = "csrf"

    /// 32 random bytes per process.
    private static let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }

    /// The token of a form posting to `path` (the action path without query).
    public static func token(for path: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(path.utf8), using: SymmetricKey(data: key))
        return Data(code).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `token` was issued for `path` (constant-time compare of the MACs).
    public static func isValid(_ token: String?, path: String) -> Bool {
        guard let token, !token.isEmpty else { return false }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let mac = Data(base64Encoded: base64) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(path.utf8), using: SymmetricKey(data: key))
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
