import ArgumentParser
import Commerce
import Foundation
import Server
import Storage

/// `storewise shops add|list`.
struct ShopsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "shops", abstract: "Add and list the shops Storewise serves.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a shop and print its API token (shown once).",
            discussion: "The client secret can also come from STOREWISE_SHOPIFY_CLIENT_SECRET, which keeps it out of the process list."
        )

        @Option(help: "The shop's permanent domain, e.g. my-store.myshopify.com.") var domain: String
        @Option(help: "Display name.") var name: String?
        @Option(help: "ISO 4217 shop currency.") var currency: String = "USD"
        @Option(help: "IANA time zone of the shop, e.g. America/New_York.") var timeZone: String = "UTC"
        @Option(help: "The app's client secret (signs webhooks).") var secret: String?
        @Option(help: "Location id that fulfils online orders; their demand is counted there.") var onlineLocation: Int64?
        @Flag(help: "If the shop exists, issue a new API token instead of failing.") var rotateToken = false
        @Argument(parsing: .allUnrecognized) var configuration: [String] = []

        func validate() throws {
            guard domain.contains("."), !domain.contains("/"), !domain.contains(" ") else {
                throw ValidationError("--domain must be a host name like my-store.myshopify.com, got '\(domain)'")
            }
            guard currency.count == 3, currency.allSatisfy(\.isLetter) else {
                throw ValidationError("--currency must be an ISO 4217 code like USD, got '\(currency)'")
            }
            guard TimeZone(identifier: timeZone) != nil else {
                throw ValidationError("--time-zone must be an IANA time zone like Europe/Berlin, got '\(timeZone)'")
            }
        }

        func run() async throws {
            let (runtime, _) = try await Runtime.start(arguments: configuration)
            let token = APIToken.generate()
            let domain = domain.lowercased()
            if let existing = try await runtime.store.shop(domain: domain) {
                guard rotateToken else { throw CLIError("shop \(domain) exists; pass --rotate-token for a new API token") }
                try await runtime.store.setAPITokenHash(shopID: existing.id, hash: APIToken.hash(token))
                print("New API token for \(domain) (shown once): \(token)")
                return
            }
            guard let secret = secret ?? runtime.settings.optionalString("shopify.clientSecret") else {
                throw CLIError("the app's client secret is needed: --secret or STOREWISE_SHOPIFY_CLIENT_SECRET")
            }
            let shop = Shop(domain: domain, name: name ?? domain, currency: currency.uppercased(), timeZone: timeZone, onlineLocationID: onlineLocation)
            let record = try await runtime.store.createShop(shop, webhookSecret: secret, apiTokenHash: APIToken.hash(token), at: Date())
            print("Added shop \(record.shop.domain) (id \(record.id)).")
            print("API token (shown once, keep it safe): \(token)")
            print("Webhook endpoint: POST http://<host>:<port>/webhooks/shopify")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List shops.")
        @Argument(parsing: .allUnrecognized) var configuration: [String] = []

        func run() async throws {
            let (runtime, _) = try await Runtime.start(arguments: configuration)
            let shops = try await runtime.store.shops()
            guard !shops.isEmpty else {
                print("No shops yet. Add one with `storewise shops add --domain my-store.myshopify.com --secret …`, or run `storewise demo`.")
                return
            }
            print(pad("ID", 4) + pad("DOMAIN", 40) + pad("NAME", 28) + pad("CURRENCY", 9) + pad("TIME ZONE", 22) + "STATUS")
            for record in shops {
                let status = record.uninstalledAt == nil ? "installed" : "uninstalled"
                print(pad("\(record.id)", 4) + pad(record.shop.domain, 40) + pad(record.shop.name, 28) + pad(record.shop.currency, 9) + pad(record.shop.timeZone, 22) + status)
            }
        }
    }
}

/// Left-aligns `text` in a column of `width`.
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? String(text.prefix(width - 1)) + " " : text + String(repeating: " ", count: width - text.count)
}
