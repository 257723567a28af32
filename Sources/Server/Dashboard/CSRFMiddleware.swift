import Foundation
import HTTPTypes
import Hummingbird

/// Refuses (403) every POST under `/dashboard/` whose form lacks a valid `csrf` field for its path
/// (`CSRFToken`) when the request carries the sign-in cookie. The body is collected here and handed on, so the route still reads the form.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/dashboard/") else { return try await next(request, context) }
        // Forgery needs the browser's sign-in cookie; without it the route refuses (401) on its own.
        guard let session = Self.session(in: request) else { return try await next(request, context) }
        // Pages rendered in this request issue tokens keyed by the session (see `CSRFToken`).
        return try await CSRFToken.$session.withValue(session) {
            guard request.method == .post else { return try await next(request, context) }
            return try await checked(request, context: context, session: session, next: next)
        }
    }

    /// The sign-in cookie's value, if any.
    static func session(in request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == DashboardController.cookieName, !pair[1].isEmpty { return String(pair[1]) }
        }
        return nil
    }

    /// Collects the form and refuses it (403) unless its `csrf` field is valid for the path in `session`.
    private func checked(_ request: Request, context: Context, session: String,
                         next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw APIError(status: .contentTooLarge, code: "body_too_large", message: "form body exceeds \(maxBodyBytes) bytes")
        }
        let body = String(buffer: buffer)
        var token: String?
        for pair in body.split(separator: "&") where pair.hasPrefix(CSRFToken.field + "=") {
            let value = pair.dropFirst(CSRFToken.field.count + 1).replacingOccurrences(of: "+", with: " ")
            token = value.removingPercentEncoding ?? value
        }
        guard CSRFToken.isValid(token, path: request.uri.path, session: session) else {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .forbidden, headers: headers,
                            body: .init(byteBuffer: ByteBuffer(string: "403 Forbidden: the form's csrf token is missing or not valid for \(request.uri.path); reload the page and submit again\n")))
        }
        return try await next(request, context)
    }
}
