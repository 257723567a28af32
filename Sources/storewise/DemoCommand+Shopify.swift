import Commerce
import FakeShopify
import Foundation
import Pipeline
import Server
import ShopifyAdmin
import Simulation
import Storage

/// The demo's Shopify: the local fake, holding the same simulated shop, plays the store's Shopify so
/// the whole action loop runs — webhooks in, proposals, the policy or a person, write-back out.
extension DemoCommand {
    /// What the action loop did, for the printout.
    struct ActionLoopSummary: Sendable {
        var shopifyURL: URL
        var webhooksRegistered: Int
        var newOrders: Int
        var counts: [ProposalStatus: Int]
        var pendingByType: [String: Int]
        var mutations: Int
        var outbox: URL
    }

    /// Starts the fake Shopify for the demo shop (same domain; its app secret is the shop's webhook
    /// secret) and fills it with the simulated store: catalog, locations, customers, orders.
    static func startShopify(simulator: StoreSimulator, secret: String) async throws -> FakeShopify {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration(shopDomain: domain, clientSecret: secret))
        await fake.seed(from: simulator)
        return fake
    }

    /// Stores the fake's offline token sealed, as an install (`/shopify/callback`) would.
    static func connect(_ fake: FakeShopify, shopID: Int64, store: any ShopCredentialStore, cipher: TokenCipher) async throws {
        try await store.saveCredential(ShopCredential(
            shopID: shopID, sealedToken: try cipher.seal(fake.configuration.accessToken),
            scopes: ShopifySettings.defaultScopes.joined(separator: ","), installedAt: Date()))
    }

    /// Once the server listens on `port`: subscribe the webhooks, make sure a customer-value champion
    /// vouches for proposals, propose purchase orders and win-back offers, let three good customers
    /// order again (their webhooks lead to segment proposals), and carry out what the policy approved.
    static func runActionLoop(fake: FakeShopify, simulator: StoreSimulator, runtime: Runtime, actions: ActionComponents,
                              dependencies: AppDependencies, shopID: Int64, port: Int) async throws -> ActionLoopSummary {
        let store = runtime.store
        let client = try await actions.clients.client(shopID: shopID)
        let registered = try await client.registerWebhooks(callbackURL: "http://127.0.0.1:\(port)/webhooks/shopify")

        if try await store.resolveAlias(shopID: shopID, kind: "customer-value", alias: "champion") == nil {
            say("Training the first customer-value version (the model that vouches for customer proposals)…")
            let job = try await dependencies.lifecycle.requestTraining(shopID: shopID, kind: "customer-value", trigger: "initial", requestedBy: "demo")
            _ = try await ModelsTrainCommand.runUntilFinished(jobID: job.id, runtime: runtime, lifecycle: dependencies.lifecycle)
        }
        let handler = runtime.proposalHandler(actions)
        _ = try await handler.proposePurchaseOrders(shopID: shopID)
        _ = try await handler.proposeWinBack(shopID: shopID)

        // Three of the best customers come back today; Shopify tells Storewise by webhook.
        let best = try await store.customerScores(shopID: shopID, query: CustomerScoreQuery(sort: .value, limit: 3)).rows
        // The online shop's most popular item, the one a returning customer most likely buys.
        let variant = simulator.catalog.filter { !$0.isGiftCard }.max { $0.onlinePopularity < $1.onlinePopularity }?.variant.id
        var placed = 0
        if let variant {
            for score in best where try await fake.placeOrder(customerID: score.customerID, variantIDs: [variant]) != nil { placed += 1 }
        }
        // Run the propose jobs those webhooks queued (the worker would, a moment later), then
        // execute what the policy approved on the spot.
        let worker = JobWorker(store: store, handlers: [handler], options: dependencies.lifecycle.options, logger: runtime.logger)
        while await worker.runOnce(now: Date()) {}
        _ = try await actions.executor.executeDue()

        // Changes to the store, not Storewise's own setup (webhook subscriptions, bulk queries).
        let writeBacks: Set<String> = ["orderRiskAssessmentCreate", "metafieldsSet", "tagsAdd", "draftOrderCreate", "discountCodeBasicCreate"]
        let pending = try await store.proposals(shopID: shopID, query: ProposalQuery(statuses: [.pending], limit: 1000)).rows
        return ActionLoopSummary(
            shopifyURL: fake.baseURL, webhooksRegistered: registered.count, newOrders: placed,
            counts: try await store.proposalCounts(shopID: shopID),
            pendingByType: Dictionary(grouping: pending, by: \.draft.actionType).mapValues(\.count),
            mutations: await fake.recordedMutations().filter { $0.applied && writeBacks.contains($0.field) }.count,
            outbox: actions.approvalSettings.outbox)
    }
}
