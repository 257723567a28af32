import ArgumentParser
import Commerce
import Foundation
import Pipeline
import Server
import Simulation
import Storage

/// `storewise bench-scale-setup` (hidden): the shops and training jobs of `scripts/bench-scale`.
///
/// ```
/// storewise bench-scale-setup --shops 50 --secret s3cret --db-url postgres://…      # adds scale-001 … scale-050
/// storewise bench-scale-setup --shops 50 --train forecast --db-url postgres://…     # one training job per shop
/// ```
/// One process does what 50 `shops add` / `models train --queue-only` runs would, without 50 starts.
struct ScaleSetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-scale-setup", abstract: "Add the bench-scale shops, or queue a training job for each.", shouldDisplay: false)

    @Option(help: "Number of shops, scale-001.myshopify.com upwards.") var shops: Int = 50
    @Option(help: "The app's client secret every bench shop signs its webhooks with (when adding).") var secret: String = "scale-bench-secret"
    @Option(help: "Instead of adding shops, queue one training job of this kind per bench shop and print the job ids.") var train: String?
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard (1...999).contains(shops) else { throw ValidationError("--shops must be in 1...999, got \(shops)") }
    }

    /// The bench shop `index` (0-based)'s domain; `ScaleLoadCommand` posts under the same names.
    static func domain(_ index: Int) -> String { String(format: "scale-%03d.myshopify.com", index + 1) }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        if let kind = train {
            let lifecycle = try runtime.lifecycle()
            _ = try ModelsFormat.requireKind(kind, in: lifecycle.kinds)
            var ids: [Int64] = []
            for index in 0..<shops {
                let record = try await runtime.shop(Self.domain(index))
                let job = try await lifecycle.requestTraining(shopID: record.id, kind: kind, trigger: "on-demand", requestedBy: "bench-scale")
                ids.append(job.id)
            }
            print(ids.map(String.init).joined(separator: " "))
            return
        }
        let now = Date()
        for index in 0..<shops {
            let domain = Self.domain(index)
            if try await runtime.store.shop(domain: domain) != nil { continue }
            // The simulator's time zone and currency, so the shop's local days match the webhooks' timestamps.
            let simulated = StoreSimulator(configuration: ScaleLoadCommand.simulation(shop: index, orders: 1)).shop
            let shop = Shop(domain: domain, name: "Scale bench \(index + 1)", currency: simulated.currency, timeZone: simulated.timeZone)
            _ = try await runtime.store.createShop(shop, webhookSecret: secret, apiTokenHash: APIToken.hash(APIToken.generate()), at: now)
        }
        say("\(shops) bench shops ready (\(Self.domain(0)) … \(Self.domain(shops - 1)))")
    }
}
