import Commerce
import Foundation
import GraphQL
import Logging
import ShopifyAdmin

/// The fake store's state and its Admin GraphQL endpoint: parsing, cost, the leaky bucket, faults,
/// queries and mutations. One actor, so requests apply one at a time, as on a single shop.
actor FakeShopState {
    let configuration: FakeShopifyConfiguration
    let logger: Logger
    var data: FakeShopData
    var bucket: FakeLeakyBucket
    /// `http://127.0.0.1:PORT`, once the server is bound.
    var baseURL = ""
    let bulkDirectory: URL

    var requestCount = 0
    var throttledResponses = 0
    var throttleTimes: [Date] = []
    var recorded: [RecordedMutation] = []
    var faults: [FakeFault] = []
    /// OAuth codes handed out and not yet exchanged.
    var oauthCodes: [String: String] = [:]
    /// Webhooks caused by API changes, waiting to be delivered after the answer (see `deliverUpdateWebhooks`).
    var pendingWebhooks: [(topic: WebhookTopic, body: Data)] = []
    /// Lines in each finished bulk file (objectCount once COMPLETED).
    var totalObjects: [Int64: Int] = [:]

    init(configuration: FakeShopifyConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        data = FakeShopData(domain: configuration.shopDomain)
        bucket = FakeLeakyBucket(size: configuration.bucketSize, restoreRate: configuration.restoreRate)
        bulkDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("fake-shopify-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: bulkDirectory, withIntermediateDirectories: true)
    }

    func setBaseURL(_ url: String) { baseURL = url }

    /// An HTTP answer of the GraphQL endpoint.
    struct Answer: Sendable {
        var status: Int
        var body: Data
    }

    static let invalidToken = Data(#"{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}"#.utf8)

    // MARK: - GraphQL endpoint

    func graphQL(version: String, token: String?, body: Data) -> Answer {
        requestCount += 1
        guard token == configuration.accessToken else { return Answer(status: 401, body: Self.invalidToken) }
        guard version == configuration.apiVersion else { return Answer(status: 404, body: Data(#"{"errors":"Not Found"}"#.utf8)) }
        if let index = faults.firstIndex(where: { if case .httpStatus = $0 { true } else { false } }),
           case .httpStatus(let status, let count) = faults[index] {
            if count <= 1 { faults.remove(at: index) } else { faults[index] = .httpStatus(status, count: count - 1) }
            let body = status == 429 ? #"{"errors":"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."}"#
                : #"{"errors":"Internal Server Error"}"#
            return Answer(status: status, body: Data(body.utf8))
        }

        guard let request = try? JSONValue.parse(body), let text = request["query"].string else {
            return errorAnswer([.object([("message", .string("No query string was present"))])])
        }
        let variables = request["variables"].object ?? [:]
        let document: Document
        do {
            document = try parse(source: text)
        } catch {
            return errorAnswer([.object([("message", .string("syntax error: \(error)")),
                                         ("extensions", .object([("code", .string("PARSE_ERROR"))]))])])
        }
        let operations = document.definitions.compactMap { $0 as? OperationDefinition }
        let wanted = request["operationName"].string
        guard let operation = wanted.map({ name in operations.first { $0.name?.value == name } }) ?? (operations.count == 1 ? operations.first : nil) else {
            let message = wanted.map { "No operation named \"\($0)\"" } ?? "An operation name is required"
            return errorAnswer([.object([("message", .string(message))])])
        }
        if let problems = Self.missingVariables(variables, operation), !problems.isEmpty { return errorAnswer(problems) }
        var projector = FakeProjector(document: document, variables: Self.withDefaults(variables, operation, FakeProjector(document: document, variables: variables)))
        projector.deniedFields = configuration.deniedFields
        let costing = FakeQueryCost(fragments: projector.fragments, variables: projector.variables)
        let requested = costing.cost(of: operation)
        let now = Date()
        if requested > 1000 {
            return errorAnswer([.object([
                ("message", .string("Query cost is \(requested), which exceeds the single query max cost limit (1000).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n")),
                ("extensions", .object([("code", .string("MAX_COST_EXCEEDED")), ("cost", .int(Int64(requested))), ("maxCost", .int(1000)),
                                        ("documentation", .string("https://shopify.dev/api/usage/rate-limits"))])),
            ])], requested: requested, actual: nil)
        }
        guard bucket.take(requested, now: now) else {
            throttledResponses += 1
            throttleTimes.append(now)
            return errorAnswer([.object([
                ("message", .string("Throttled")),
                ("extensions", .object([("code", .string("THROTTLED")), ("documentation", .string("https://shopify.dev/api/usage/rate-limits"))])),
            ])], requested: requested, actual: nil)
        }

        var dropAfterApply = false
        let dataJSON: FakeJSON
        switch operation.operation {
        case .query:
            refreshBulkOperations(now: now)
            data.prepareCaches()
            let snapshot = data
            let root = snapshot.queryRoot(bulkOperation: { id in
                id.map { wanted in snapshot.bulkOperations.first { $0.id == wanted } } ?? snapshot.bulkOperations.last
            }, baseURL: baseURL)
            dataJSON = projector.project(object: root, selections: operation.selectionSet, path: [], countsAsObject: false)
        case .mutation:
            var members: [(String, FakeJSON)] = []
            for (key, fields) in projector.fieldGroups(in: operation.selectionSet, typename: "Mutation") {
                let field = fields[0]
                let name = field.name.value
                let arguments = projector.arguments(of: field)
                if consumeDrop(field: name) { dropAfterApply = true }
                guard let (payload, applied) = applyMutation(name, arguments, now: now) else {
                    projector.addError("Field '\(name)' doesn't exist on type 'Mutation'", field: field, path: [.string("mutation"), .string(key)],
                                       extensions: [("code", .string("undefinedField")), ("typeName", .string("Mutation")), ("fieldName", .string(name))])
                    members.append((key, .null))
                    continue
                }
                recorded.append(RecordedMutation(field: name, variables: .object(variables), arguments: .object(arguments), applied: applied, at: now))
                let before = projector.actualCost
                let projected = field.selectionSet.map { projector.project(object: payload, selections: $0, path: [.string(key)], countsAsObject: false) } ?? .null
                projector.actualCost = before + FakeQueryCost.mutationCost
                members.append((key, projected))
            }
            dataJSON = .object(members)
        case .subscription:
            return errorAnswer([.object([("message", .string("Subscriptions are not supported"))])])
        }
        let actual = projector.actualCost
        bucket.refund(requested - actual)
        if dropAfterApply {
            return Answer(status: 503, body: Data(#"{"errors":"Service Unavailable"}"#.utf8))
        }
        var members: [(String, FakeJSON)] = []
        if !projector.errors.isEmpty { members.append(("errors", .array(projector.errors))) }
        members.append(("data", dataJSON))
        members.append(("extensions", costExtension(requested: requested, actual: actual)))
        return Answer(status: 200, body: FakeJSON.object(members).data())
    }

    /// Variables with their declared defaults filled in.
    private static func withDefaults(_ variables: [String: JSONValue], _ operation: OperationDefinition, _ projector: FakeProjector) -> [String: JSONValue] {
        var result = variables
        for definition in operation.variableDefinitions where result[definition.variable.name.value] == nil {
            if let value = definition.defaultValue { result[definition.variable.name.value] = projector.value(value) }
        }
        return result
    }

    /// Shopify's error for a non-null variable sent as null or not at all (nothing runs, nothing is charged).
    private static func missingVariables(_ variables: [String: JSONValue], _ operation: OperationDefinition) -> [FakeJSON]? {
        var problems: [FakeJSON] = []
        for definition in operation.variableDefinitions where definition.type is NonNullType && definition.defaultValue == nil {
            let name = definition.variable.name.value
            guard (variables[name] ?? .null).isNull else { continue }
            let typeText = Self.typeText(definition.type)
            var members: [(String, FakeJSON)] = [("message", .string("Variable $\(name) of type \(typeText) was provided invalid value"))]
            if let token = definition.loc?.startToken {
                members.append(("locations", .array([.object([("line", .int(Int64(token.line))), ("column", .int(Int64(token.column)))])])))
            }
            members.append(("extensions", .object([("value", .null), ("problems", .array([.object([
                ("path", .array([])), ("explanation", .string("Expected value to not be null")),
            ])]))])))
            problems.append(.object(members))
        }
        return problems
    }

    /// `ID!`, `[String!]!`: a variable's type as written.
    private static func typeText(_ type: any GraphQL.`Type`) -> String {
        switch type {
        case let named as NamedType: named.name.value
        case let list as ListType: "[\(typeText(list.type))]"
        case let nonNull as NonNullType: typeText(nonNull.type) + "!"
        default: ""
        }
    }

    private func consumeDrop(field: String) -> Bool {
        guard let index = faults.firstIndex(where: { if case .dropResponseAfterApply(field, _) = $0 { true } else { false } }),
              case .dropResponseAfterApply(_, let count) = faults[index] else { return false }
        if count <= 1 { faults.remove(at: index) } else { faults[index] = .dropResponseAfterApply(field: field, count: count - 1) }
        return true
    }

    func costExtension(requested: Int, actual: Int?) -> FakeJSON {
        bucket.refill(now: Date())
        return .object([("cost", .object([
            ("requestedQueryCost", .int(Int64(requested))),
            ("actualQueryCost", actual.map { .int(Int64($0)) } ?? .null),
            ("throttleStatus", .object([
                ("maximumAvailable", Self.number(bucket.size)),
                ("currentlyAvailable", .int(Int64(bucket.available.rounded(.down)))),
                ("restoreRate", Self.number(bucket.restoreRate)),
            ])),
        ]))])
    }

    /// Whole numbers as integers ("2000", not "2000.0"), as Shopify writes them.
    static func number(_ value: Double) -> FakeJSON {
        value.rounded() == value && abs(value) < 1e15 ? .int(Int64(value)) : .double(value)
    }

    private func errorAnswer(_ errors: [FakeJSON], requested: Int? = nil, actual: Int? = nil) -> Answer {
        var members: [(String, FakeJSON)] = [("errors", .array(errors))]
        if let requested { members.append(("extensions", costExtension(requested: requested, actual: actual))) }
        return Answer(status: 200, body: FakeJSON.object(members).data())
    }

    // MARK: - Inspection

    func inject(_ fault: FakeFault) { faults.append(fault) }

    /// Takes the webhooks API changes caused, with the subscriptions of each topic.
    func takePendingWebhooks() -> [(topic: WebhookTopic, body: Data, uris: [String])] {
        defer { pendingWebhooks = [] }
        return pendingWebhooks.map { event in (event.topic, event.body, data.subscriptions.filter { $0.topic == event.topic }.map(\.uri)) }
    }

    func recordedMutations(field: String?) -> [RecordedMutation] {
        field.map { name in recorded.filter { $0.field == name } } ?? recorded
    }
}
