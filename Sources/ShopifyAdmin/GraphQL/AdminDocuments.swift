/// Every GraphQL document Storewise sends to the Admin API (2026-04), in one place so one test can
/// validate all of them against Shopify's schema (`AdminDocumentsSchemaTests`).
///
/// The backfill's bulk inner queries live in `BackfillQueries` (with their decoders) and are listed in
/// `all` too. Every mutation selects `userErrors { field message }` and `code` where the payload's error
/// type has one (`BulkOperationUserError`, `MetafieldsSetUserError`, `DiscountUserError`; the plain
/// `UserError` of `tagsAdd`, `draftOrderCreate` and `webhookSubscriptionCreate` has none).
public enum AdminDocuments {
    // MARK: - Shop and webhooks

    /// The shop's identity, currency and time zone (also the cheapest "is the token good" call).
    public static let shopInfo = GraphQLDocument(name: "ShopInfo", kind: .query, text: """
    query ShopInfo {
      shop { id name myshopifyDomain email currencyCode ianaTimezone primaryDomain { host url } plan { partnerDevelopment shopifyPlus } }
    }
    """)

    /// Subscribes `uri` to `topic` (JSON format).
    public static let webhookSubscriptionCreate = GraphQLDocument(name: "WebhookSubscriptionCreate", kind: .mutation, text: """
    mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
      webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
        webhookSubscription { id topic uri format }
        userErrors { field message }
      }
    }
    """)

    /// One page of the shop's webhook subscriptions (this app's), for idempotent registration.
    public static let webhookSubscriptions = GraphQLDocument(name: "WebhookSubscriptions", kind: .query, text: """
    query WebhookSubscriptions($first: Int!, $after: String) {
      webhookSubscriptions(first: $first, after: $after) {
        nodes { id topic uri format }
        pageInfo { hasNextPage endCursor }
      }
    }
    """)

    // MARK: - Bulk operations

    /// Starts a bulk query; `groupObjects: false` (Shopify's default and faster: children may come
    /// anywhere after their parent, which `BulkJSONLAssembler` handles).
    public static let bulkOperationRunQuery = GraphQLDocument(name: "BulkOperationRunQuery", kind: .mutation, text: """
    mutation BulkOperationRunQuery($query: String!, $groupObjects: Boolean!) {
      bulkOperationRunQuery(query: $query, groupObjects: $groupObjects) {
        bulkOperation { id status errorCode createdAt objectCount rootObjectCount fileSize url partialDataUrl }
        userErrors { field message code }
      }
    }
    """)

    /// Polls one bulk operation by id.
    public static let bulkOperation = GraphQLDocument(name: "BulkOperation", kind: .query, text: """
    query BulkOperation($id: ID!) {
      bulkOperation(id: $id) { id status errorCode createdAt completedAt objectCount rootObjectCount fileSize url partialDataUrl }
    }
    """)

    /// The shop's current (latest) bulk query, to find one already running (deprecated in 2026-04 in favour
    /// of `bulkOperations` with a status filter, still served).
    public static let currentBulkOperation = GraphQLDocument(name: "CurrentBulkOperation", kind: .query, text: """
    query CurrentBulkOperation {
      currentBulkOperation(type: QUERY) { id status errorCode createdAt completedAt objectCount rootObjectCount fileSize url partialDataUrl }
    }
    """)

    /// The bulk inner queries (kind `.bulkQuery`), owned by the backfill beside their decoders.
    public static let bulkOrders = BackfillQueries.orders
    public static let bulkProducts = BackfillQueries.products
    public static let bulkCustomers = BackfillQueries.customers
    public static let bulkInventory = BackfillQueries.inventory

    // MARK: - Incremental sync (paged)

    /// A page of orders, e.g. `query: "updated_at:>'2026-01-01T00:00:00Z'"`, oldest update first.
    /// Same node fields as `BackfillQueries.orders`, line items capped at 25, shipping lines at 3 and
    /// discount applications at 5 per order (connections here, arrays after bulk assembly); transactions
    /// are a plain list, priced as one object. Requested cost by Shopify's rules (`CostEstimator`): 225
    /// points per order (20 objects, transactions 1 + 4, line items 2 + 25 × 7, shipping lines 2 + 3 × 3,
    /// discount applications 2 + 5 × 2), so at most 4 orders fit the 1,000-point query limit (902 points);
    /// Shopify refunds down to the actual cost. History goes through bulk; this is for catching up.
    public static let orders = GraphQLDocument(name: "Orders", kind: .query, text: """
    query Orders($first: Int!, $after: String, $query: String) {
      orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
        nodes {
          \(BackfillQueries.orderFields)
          transactions {
            \(BackfillQueries.transactionFields)
          }
          lineItems(first: 25) {
            nodes {
              \(BackfillQueries.lineItemFields)
            }
          }
          shippingLines(first: 3) {
            nodes {
              \(BackfillQueries.shippingLineFields)
            }
          }
          discountApplications(first: 5) {
            nodes {
              \(BackfillQueries.discountApplicationFields)
            }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
    """)

    /// A page of customers (same node fields as `BackfillQueries.customers`).
    public static let customers = GraphQLDocument(name: "Customers", kind: .query, text: """
    query Customers($first: Int!, $after: String, $query: String) {
      customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
        nodes {
          id firstName lastName state tags createdAt updatedAt numberOfOrders
          amountSpent { amount currencyCode }
          defaultEmailAddress { emailAddress marketingState }
          defaultPhoneNumber { phoneNumber }
          smsMarketingConsent { marketingState }
          defaultAddress { countryCodeV2 provinceCode city zip }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
    """)

    /// A page of products with up to 50 variants each (same node fields as `BackfillQueries.products`).
    public static let products = GraphQLDocument(name: "Products", kind: .query, text: """
    query Products($first: Int!, $after: String, $query: String) {
      products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
        nodes {
          id title handle vendor productType status tags createdAt updatedAt
          variants(first: 50) {
            nodes { id title sku price compareAtPrice inventoryQuantity createdAt updatedAt inventoryItem { id } }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
    """)

    // MARK: - Write-back mutations

    /// Adds a risk assessment (level and facts with sentiment) to an order.
    public static let orderRiskAssessmentCreate = GraphQLDocument(name: "OrderRiskAssessmentCreate", kind: .mutation, text: """
    mutation OrderRiskAssessmentCreate($input: OrderRiskAssessmentCreateInput!) {
      orderRiskAssessmentCreate(orderRiskAssessmentInput: $input) {
        orderRiskAssessment { riskLevel facts { description sentiment } }
        userErrors { field message code }
      }
    }
    """)

    /// Sets up to 25 metafields (creates or overwrites).
    public static let metafieldsSet = GraphQLDocument(name: "MetafieldsSet", kind: .mutation, text: """
    mutation MetafieldsSet($metafields: [MetafieldsSetInput!]!) {
      metafieldsSet(metafields: $metafields) {
        metafields { id namespace key value type }
        userErrors { field message code elementIndex }
      }
    }
    """)

    /// Adds tags to an order, customer, product, draft order …
    public static let tagsAdd = GraphQLDocument(name: "TagsAdd", kind: .mutation, text: """
    mutation TagsAdd($id: ID!, $tags: [String!]!) {
      tagsAdd(id: $id, tags: $tags) {
        node { id }
        userErrors { field message }
      }
    }
    """)

    /// Creates a draft order.
    public static let draftOrderCreate = GraphQLDocument(name: "DraftOrderCreate", kind: .mutation, text: """
    mutation DraftOrderCreate($input: DraftOrderInput!) {
      draftOrderCreate(input: $input) {
        draftOrder { id name status tags invoiceUrl }
        userErrors { field message }
      }
    }
    """)

    /// Creates an amount-off (percentage or fixed) discount code.
    public static let discountCodeBasicCreate = GraphQLDocument(name: "DiscountCodeBasicCreate", kind: .mutation, text: """
    mutation DiscountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
      discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
        codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { title status startsAt endsAt } } }
        userErrors { field message code extraInfo }
      }
    }
    """)

    // MARK: - Probes (did an earlier attempt of a mutation land?)

    /// An order's risk assessments with their provider, to find one this app already added.
    public static let orderRiskAssessments = GraphQLDocument(name: "OrderRiskAssessments", kind: .query, text: """
    query OrderRiskAssessments($id: ID!) {
      order(id: $id) {
        id
        risk { assessments { riskLevel provider { id title } facts { description sentiment } } }
      }
    }
    """)

    /// Draft orders matching a search, e.g. `tag:storewise-proposal-42`.
    public static let draftOrdersByQuery = GraphQLDocument(name: "DraftOrdersByQuery", kind: .query, text: """
    query DraftOrdersByQuery($first: Int!, $query: String!) {
      draftOrders(first: $first, query: $query) {
        nodes { id name status tags createdAt }
      }
    }
    """)

    /// The code discount with this code, if any.
    public static let codeDiscountNodeByCode = GraphQLDocument(name: "CodeDiscountNodeByCode", kind: .query, text: """
    query CodeDiscountNodeByCode($code: String!) {
      codeDiscountNodeByCode(code: $code) {
        id
        codeDiscount { ... on DiscountCodeBasic { title status startsAt endsAt } }
      }
    }
    """)

    /// Every document Storewise sends (the schema test validates each; bulk inner queries as queries).
    public static let all: [GraphQLDocument] = [
        shopInfo, webhookSubscriptionCreate, webhookSubscriptions,
        bulkOperationRunQuery, bulkOperation, currentBulkOperation,
        orders, customers, products,
        orderRiskAssessmentCreate, metafieldsSet, tagsAdd, draftOrderCreate, discountCodeBasicCreate,
        orderRiskAssessments, draftOrdersByQuery, codeDiscountNodeByCode,
    ] + BackfillQueries.all
}
