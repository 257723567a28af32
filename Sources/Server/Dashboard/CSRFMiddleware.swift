import Foundation
import HTTPTypes
import Hummingbird

/// Refuses (403) every POST under `/dashboard/` whose form lacks a valid `csrf` field for its path
/// (`CSRFToken`) when the request carries the sign-in cookie. The body is collected here and handed on, so the route still reads the form.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, request.uri.path.hasPrefix("/dashboard/") else { return try await next(request, context) }
        // Forgery needs the browser's sign-in cookie; without it the route refuses (401) on its own.
        guard request.headers[.cookie]?.contains(DashboardController.cookieName + "=") == true else { return try await next(request, context) }
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
        guard CSRFToken.isValid(token, path: request.uri.path) else {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .forbidden, headers: headers,
                            body: .init(byteBuffer: ByteBuffer(string: "403 Forbidden: the form's csrf token is missing or not valid for \(request.uri.path); reload the page and submit again\n")))
        }
        return try await next(request, context)
    }
}
