import HTTPTypes
import HummingbirdTesting
import Server
import Testing

/// What the dashboard suites share: signing in with the shop's token (the session cookie), and
/// posting a form with the CSRF token every dashboard form carries.
protocol DashboardSession {}

extension DashboardSession {
    /// The session cookie, as request headers, from the sign-in link the demo prints.
    func signIn(_ client: any TestClientProtocol, _ app: TestApp) async throws -> HTTPFields {
        let (_, _, headers) = try await client.get("/dashboard/\(TestApp.domain)?token=\(app.token)")
        var fields = HTTPFields()
        fields[.cookie] = try #require(headers[.setCookie]?.split(separator: ";").first.map(String.init))
        return fields
    }

    /// A form POST to `uri` with the CSRF token of its path.
    func post(_ client: any TestClientProtocol, _ uri: String, _ form: String, cookie: HTTPFields) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        var headers = cookie
        headers[.contentType] = "application/x-www-form-urlencoded"
        let path = uri.split(separator: "?").first.map(String.init) ?? uri
        // Tokens are keyed by the sign-in session (the cookie's value), as every replica computes them.
        let session = cookie[.cookie]?.split(separator: "=", maxSplits: 1).last.map(String.init)
        return try await client.send(uri, .post, headers: headers, body: form + "&\(CSRFToken.field)=" + CSRFToken.token(for: path, session: session))
    }
}
