import Configuration
import Foundation
import ShopifyAdmin

/// The Shopify app's configuration (`shopify.*`).
struct ShopifySettings: Sendable {
    /// The Admin API version every request is pinned to.
    var apiVersion: String
    /// The app's client ID and secret from the Partner Dashboard (needed for the OAuth install).
    var clientID: String?
    var clientSecret: String?
    /// Access scopes requested at install.
    var scopes: [String]
    /// Where Shopify reaches this deployment (`https://storewise.example.com`): OAuth redirect and webhook callbacks.
    var appURL: URL?
    /// Overrides `https://{shop}` for Admin API and OAuth token calls (the local fake Shopify).
    var adminBaseURL: URL?
    /// Base64 of the 32-byte token key; nil uses the key file `<data.dir>/token.key`.
    var tokenKey: String?

    /// The scopes Storewise needs: reads for ingest and backfill, writes for the approved actions.
    static let defaultScopes = [
        "read_orders", "read_products", "read_customers", "read_inventory", "read_locations",
        "write_orders", "write_customers", "write_products", "write_draft_orders", "write_discounts",
        // disputes/create and disputes/update (chargebacks: the risk model's labels) need this scope.
        "read_shopify_payments_disputes",
    ]
}

extension Settings {
    /// `shopify.apiVersion`, `.clientID`, `.clientSecret`, `.scopes`, `.appURL`, `.adminBaseURL`, `.tokenKey`.
    func shopifySettings() throws -> ShopifySettings {
        let version = string("shopify.apiVersion", default: AdminEndpoint.defaultAPIVersion)
        // Shopify's versions are quarterly: YYYY-01, -04, -07, -10 (or "unstable").
        if version != "unstable" {
            let parts = version.split(separator: "-")
            guard parts.count == 2, parts[0].count == 4, Int(parts[0]) != nil, ["01", "04", "07", "10"].contains(String(parts[1])) else {
                throw SettingsError(key: "shopify.apiVersion", value: version, expected: "a Shopify API version such as 2026-04 (YYYY-01|04|07|10)")
            }
        }
        var scopes = ShopifySettings.defaultScopes
        // A flag's comma-separated value arrives as an array from the command-line provider.
        let listed = reader.stringArray(forKey: ConfigKey("shopify.scopes"))?.joined(separator: ",")
        if let raw = optionalString("shopify.scopes") ?? listed.flatMap({ $0.isEmpty ? nil : $0 }) {
            scopes = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for scope in scopes where !scope.allSatisfy({ $0.isLowercase || $0 == "_" }) {
                throw SettingsError(key: "shopify.scopes", value: raw, expected: "comma-separated scopes such as read_orders,write_orders ('\(scope)' is not one)")
            }
            guard !scopes.isEmpty else { throw SettingsError(key: "shopify.scopes", value: raw, expected: "at least one scope") }
        }
        let tokenKey = optionalString("shopify.tokenKey")
        if let tokenKey {
            do { _ = try TokenCipher(base64Key: tokenKey) } catch {
                throw SettingsError(key: "shopify.tokenKey", value: "(secret)", expected: "base64 of 32 random bytes (e.g. `openssl rand -base64 32`)")
            }
        }
        return ShopifySettings(
            apiVersion: version,
            clientID: optionalString("shopify.clientID"),
            clientSecret: optionalString("shopify.clientSecret"),
            scopes: scopes,
            appURL: try httpURL("shopify.appURL"),
            adminBaseURL: try httpURL("shopify.adminBaseURL"),
            tokenKey: tokenKey
        )
    }

    /// An optional http(s) URL without a trailing slash.
    func httpURL(_ key: String) throws -> URL? {
        guard var raw = optionalString(key) else { return nil }
        while raw.hasSuffix("/") { raw.removeLast() }
        guard let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw SettingsError(key: key, value: raw, expected: "an http(s) URL")
        }
        return url
    }
}
