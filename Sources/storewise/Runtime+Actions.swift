import AsyncHTTPClient
import Foundation
import Pipeline
import Server
import ServiceLifecycle
import ShopifyAdmin

/// The approval queue and Shopify write-back of one process, built once from the settings and shared by the
/// server, the executor, the proposers and the CLI (so each shop has one Admin client and one cost-bucket model).
struct ActionComponents: Sendable {
    let shopify: ShopifySettings
    let approvalSettings: ApprovalSettings
    let cipher: TokenCipher
    let clients: CredentialAdminClientProvider
    let approvals: ApprovalService
    let executor: ActionExecutor
}

extension Runtime {
    /// The token cipher: `shopify.tokenKey`, or the key file `<data.dir>/token.key` (created 0600 on first use).
    func tokenCipher(_ shopify: ShopifySettings) throws -> TokenCipher {
        if let key = shopify.tokenKey { return try TokenCipher(base64Key: key) }
        return try TokenCipher.loadOrCreateKeyFile(at: configuration.dataDirectory.appendingPathComponent("token.key"))
    }

    /// Admin clients from the stored offline tokens, at `shopify.adminBaseURL` when set (the fake Shopify).
    func adminClients(_ shopify: ShopifySettings, cipher: TokenCipher) -> CredentialAdminClientProvider {
        CredentialAdminClientProvider(shops: store, credentials: store, cipher: cipher, httpClient: .shared,
                                      apiVersion: shopify.apiVersion, baseURL: shopify.adminBaseURL, logger: logger)
    }

    /// Builds the approval service, executor and Admin client provider from `shopify.*` and `approvals.*`.
    /// `adminBaseURL` overrides `shopify.adminBaseURL` (the demo points it at its own fake Shopify).
    func actionComponents(adminBaseURL: URL? = nil) throws -> ActionComponents {
        var shopify = try settings.shopifySettings()
        if let adminBaseURL { shopify.adminBaseURL = adminBaseURL }
        let approvalSettings = try settings.approvalSettings(dataDirectory: configuration.dataDirectory)
        let cipher = try tokenCipher(shopify)
        let clients = adminClients(shopify, cipher: cipher)
        let approvals = ApprovalService(store: store, policy: approvalSettings.policy, options: approvalSettings.options)
        let executor = ActionExecutor(store: store, clients: clients, outbox: approvalSettings.outbox, options: approvalSettings.executor, logger: logger)
        return ActionComponents(shopify: shopify, approvalSettings: approvalSettings, cipher: cipher, clients: clients,
                                approvals: approvals, executor: executor)
    }

    /// The executor's loop (expire due proposals, execute approved ones) for `serve` and `demo`.
    /// `approvals.executorIntervalSeconds` (default 1).
    func actionServices(_ actions: ActionComponents) throws -> [any Service] {
        let interval = try settings.number("approvals.executorIntervalSeconds", default: 1, range: 0.05...3600)
        return [ActionExecutionService(approvals: actions.approvals, executor: actions.executor, interval: interval, logger: logger)]
    }

    /// The "propose" job handler the job worker runs (proposers after webhooks, plans and scorings).
    func proposalHandler(_ actions: ActionComponents) -> ProposalJobHandler {
        ProposalJobHandler(store: store, approvals: actions.approvals, logger: logger)
    }
}

extension Runtime {
    /// The install routes' setup when `shopify.clientID`, `.clientSecret` and `.appURL` are configured; nil otherwise
    /// (the routes are left out and `serve` says so).
    func shopifyAppSetup(_ actions: ActionComponents) -> ShopifyAppSetup? {
        let shopify = actions.shopify
        guard let clientID = shopify.clientID, let secret = shopify.clientSecret, let appURL = shopify.appURL else {
            logger.info("Shopify app install routes off: set shopify.clientID, shopify.clientSecret and shopify.appURL to enable /shopify/install")
            return nil
        }
        let flow = OAuthFlow(clientID: clientID, clientSecret: secret, scopes: shopify.scopes, redirectURL: ShopifyAppSetup.redirectURL(appURL: appURL),
                             originOverride: shopify.adminBaseURL, httpClient: .shared)
        return ShopifyAppSetup(store: store, flow: flow, cipher: actions.cipher, appURL: appURL, apiVersion: shopify.apiVersion,
                               adminBaseURL: shopify.adminBaseURL, httpClient: .shared, registerWebhooks: Self.registerWebhooks)
    }

    /// Subscribes every topic Storewise consumes to the app's webhook route (helper A's registration).
    static let registerWebhooks: @Sendable (AdminClient, URL) async throws -> Int = { client, url in
        try await client.registerWebhooks(callbackURL: url.absoluteString).count
    }
}
