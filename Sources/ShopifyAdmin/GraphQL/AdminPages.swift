/// The pages of one connection, fetched as they are iterated: `first`/`after` follow `pageInfo.endCursor`.
///
/// The page size is chosen per page so the page's cost fits the bucket: from the estimator's cost at 1 and
/// 2 items (a fixed part plus a per-item part), scaled up by how much Shopify's real requested cost
/// exceeded the estimate on the previous page. Until the bucket is known the first page is kept under
/// 50 points. The document must declare `$first: Int!` and `$after: String` and select
/// `pageInfo { hasNextPage endCursor }` with `nodes` or `edges { node }`.
///
/// ```swift
/// for try await page in client.pages(AdminDocuments.customers, variables: ["query": "updated_at:>'2026-01-01'"],
///                                    connectionPath: ["customers"]) {
///     ingest(page.nodes); checkpoint(page.endCursor)
/// }
/// ```
public struct AdminPages: AsyncSequence, Sendable {
    public typealias Element = AdminPage

    let client: AdminClient
    let document: GraphQLDocument
    let variables: [String: JSONValue]
    let connectionPath: [String]
    let pageSize: Int
    let after: String?

    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: self, cursor: after)
    }

    /// Fetches one page per `next()`.
    public struct Iterator: AsyncIteratorProtocol {
        let pages: AdminPages
        var cursor: String?
        var finished = false
        /// Shopify's requested cost ÷ the estimate, from the last page (≥ 1).
        var costRatio = 1.0

        public mutating func next() async throws -> AdminPage? {
            guard !finished else { return nil }
            let client = pages.client
            let size = client.pageSize(for: pages.document, variables: pages.variables, wanted: pages.pageSize, costRatio: costRatio)
            var variables = pages.variables
            variables["first"] = .int(Int64(size))
            variables["after"] = cursor.map(JSONValue.string) ?? .null
            let estimate = CostEstimator.estimate(pages.document.text, variables: variables)
            let expected = Int((Double(estimate) * costRatio).rounded(.up))
            let response = try await client.execute(pages.document, variables: variables, expectedCost: expected)
            if let requested = response.cost?.requestedQueryCost, estimate > 0 {
                costRatio = Swift.max(1, Double(requested) / Double(estimate))
            }
            var connection = response.data
            for key in pages.connectionPath { connection = connection[key] }
            guard connection.object != nil else {
                throw AdminError.invalidResponse(operation: pages.document.name, field: pages.connectionPath.joined(separator: "."),
                                                 reason: "missing connection")
            }
            let nodes = connection["nodes"].array ?? (connection["edges"].array ?? []).map { $0["node"] }
            let pageInfo = connection["pageInfo"]
            let endCursor = pageInfo["endCursor"].string
            let hasNextPage = pageInfo["hasNextPage"].bool ?? false
            if !hasNextPage || endCursor == nil { finished = true }
            cursor = endCursor
            return AdminPage(nodes: nodes, endCursor: endCursor, hasNextPage: hasNextPage)
        }
    }
}

/// One page of a connection and where the next one starts (a resumable checkpoint).
public struct AdminPage: Sendable, Hashable {
    public var nodes: [JSONValue]
    public var endCursor: String?
    public var hasNextPage: Bool

    public init(nodes: [JSONValue], endCursor: String?, hasNextPage: Bool) {
        self.nodes = nodes; self.endCursor = endCursor; self.hasNextPage = hasNextPage
    }
}

extension AdminClient {
    /// The pages of the connection at `connectionPath` in `document`'s data, starting after `after`.
    /// `pageSize` is the most per page (Shopify allows 250); fewer when the bucket needs it.
    public func pages(_ document: GraphQLDocument, variables: [String: JSONValue] = [:], connectionPath: [String],
                      pageSize: Int = 250, after: String? = nil) -> AdminPages {
        AdminPages(client: self, document: document, variables: variables, connectionPath: connectionPath,
                   pageSize: max(1, min(pageSize, 250)), after: after)
    }

    /// The nodes of every page, page by page.
    public func paginate(_ document: GraphQLDocument, variables: [String: JSONValue] = [:], connectionPath: [String],
                         pageSize: Int = 250) -> AsyncMapSequence<AdminPages, [JSONValue]> {
        pages(document, variables: variables, connectionPath: connectionPath, pageSize: pageSize).map(\.nodes)
    }

    /// The largest page size ≤ `wanted` whose estimated cost (× `costRatio`) fits the bucket and the
    /// per-query limit.
    func pageSize(for document: GraphQLDocument, variables: [String: JSONValue], wanted: Int, costRatio: Double) -> Int {
        var one = variables, two = variables
        one["first"] = 1; two["first"] = 2
        let costOne = Double(CostEstimator.estimate(document.text, variables: one)) * costRatio
        let costTwo = Double(CostEstimator.estimate(document.text, variables: two)) * costRatio
        let perItem = max(costTwo - costOne, 0.001)
        let fixed = max(costOne - perItem, 0)
        let bucket = state.withLock { $0.bucket.maximumAvailable } ?? 50
        let limit = min(Double(options.maxQueryCost), bucket)
        let fits = Int(((limit - fixed) / perItem).rounded(.down))
        return max(1, min(wanted, fits))
    }
}
