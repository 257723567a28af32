/// The inner queries of the bulk operations that backfill a shop (`bulkOperationRunQuery(query:)`).
///
/// Shopify's bulk rules shape them: one top-level connection, at most five connections in all and at
/// most two levels of nesting; nested connections come back as separate JSONL lines carrying
/// `__parentId`, plain objects and lists stay inline. Every field here was checked against the
/// 2026-04 Admin schema (`ShopifyAdminTests` validates them). Money is read as `MoneyBag.shopMoney`
/// (the shop's currency, as the REST webhooks' `*_set.shop_money`), and amounts stay decimal strings.
public enum BackfillQueries {
    /// Orders with their line items, shipping lines and discount applications (three nested
    /// connections: four of the five the bulk rules allow, two levels deep), customer, addresses,
    /// totals, refunds and payment transactions.
    ///
    /// `sourceName` tells the channel ("web", "pos", "shopify_draft_order", an app id) and
    /// `retailLocation` the POS location; `refunds` and `transactions` are plain lists on `Order` (not
    /// connections), so they stay inline (a refund without its line-item connection, a third level the
    /// bulk rules forbid). Discount applications have no `id`: their lines carry only `__parentId`, and
    /// the decoder tells them from shipping lines by `__typename`.
    public static let orders = GraphQLDocument(name: "BackfillOrders", kind: .bulkQuery, text: """
    query BackfillOrders {
      orders {
        edges {
          node {
            \(orderFields)
            transactions {
              \(transactionFields)
            }
            lineItems {
              edges {
                node {
                  \(lineItemFields)
                }
              }
            }
            shippingLines {
              edges {
                node {
                  \(shippingLineFields)
                }
              }
            }
            discountApplications {
              edges {
                node {
                  \(discountApplicationFields)
                }
              }
            }
          }
        }
      }
    }
    """)

    /// `orders` without the staff members (the order's and its refunds').
    ///
    /// `StaffMember` needs the `read_users` scope, which Shopify grants only to apps on Plus or Advanced
    /// stores (or finance apps); elsewhere Shopify refuses the whole bulk query (ACCESS_DENIED), so a
    /// backfill that meets that refusal runs this instead and its orders carry no staff ids (as the
    /// orders webhooks' `user_id` is then the only source of them).
    public static let ordersWithoutStaff = GraphQLDocument(
        name: "BackfillOrdersWithoutStaff", kind: .bulkQuery,
        text: orders.text.replacingOccurrences(of: "query BackfillOrders {", with: "query BackfillOrdersWithoutStaff {")
            .replacingOccurrences(of: " staffMember { id }", with: ""))

    /// An order's own fields (everything but its line items), shared by the bulk query and the
    /// paged `AdminDocuments.orders`, so both read exactly what the decoder expects.
    public static let orderFields = """
    id name number email phone createdAt updatedAt processedAt cancelledAt cancelReason
          currencyCode presentmentCurrencyCode sourceName retailLocation { id } staffMember { id } clientIp test tags discountCodes
          displayFinancialStatus displayFulfillmentStatus
          customer { id email phone tags }
          billingAddress { countryCodeV2 provinceCode city zip }
          shippingAddress { countryCodeV2 provinceCode city zip }
          subtotalPriceSet { shopMoney { amount currencyCode } }
          totalPriceSet { shopMoney { amount currencyCode } }
          totalDiscountsSet { shopMoney { amount currencyCode } }
          totalTaxSet { shopMoney { amount currencyCode } }
          cartDiscountAmountSet { shopMoney { amount currencyCode } }
          refunds { id createdAt processedAt note staffMember { id } totalRefundedSet { shopMoney { amount currencyCode } } }
    """

    /// An order transaction's fields (`Order.transactions` is a plain list: inline in bulk lines):
    /// every payment attempt with its outcome and the card checks, and the location of a refund's
    /// money movement (`Refund.transactions` is a connection inside the inline refunds list, which a
    /// bulk query cannot nest, so a refund's location comes from the order's REFUND transaction).
    public static let transactionFields = """
    id kind status gateway errorCode createdAt
                  location { id }
                  amountSet { shopMoney { amount currencyCode } }
                  paymentDetails { ... on CardPaymentDetails { bin number avsResultCode cvvResultCode company } }
    """

    /// A shipping line's fields (`Order.shippingLines` is a connection).
    public static let shippingLineFields = """
    __typename id title code source
                  originalPriceSet { shopMoney { amount currencyCode } }
    """

    /// A discount application's fields (`Order.discountApplications` is a connection of the
    /// `DiscountApplication` interface): the concrete type says how the discount came on.
    public static let discountApplicationFields = """
    __typename allocationMethod targetType
                  value { ... on MoneyV2 { amount currencyCode } ... on PricingPercentageValue { percentage } }
                  ... on DiscountCodeApplication { code }
                  ... on ManualDiscountApplication { title }
                  ... on AutomaticDiscountApplication { title }
                  ... on ScriptDiscountApplication { title }
    """

    /// A line item's fields, shared like `orderFields`.
    public static let lineItemFields = """
    id title variantTitle sku vendor quantity isGiftCard
                  product { id }
                  variant { id }
                  originalUnitPriceSet { shopMoney { amount currencyCode } }
                  totalDiscountSet { shopMoney { amount currencyCode } }
    """

    /// Products with their variants (one nested connection).
    public static let products = GraphQLDocument(name: "BackfillProducts", kind: .bulkQuery, text: """
    query BackfillProducts {
      products {
        edges {
          node {
            id
            title
            handle
            vendor
            productType
            status
            tags
            createdAt
            updatedAt
            variants {
              edges {
                node {
                  id
                  title
                  sku
                  price
                  compareAtPrice
                  inventoryQuantity
                  createdAt
                  updatedAt
                  inventoryItem { id }
                }
              }
            }
          }
        }
      }
    }
    """)

    /// Customers with contact, consent, order statistics and the default address country.
    ///
    /// `email`, `phone`, `emailMarketingConsent` and `smsMarketingConsent` are deprecated in 2026-04
    /// in favour of `defaultEmailAddress`/`defaultPhoneNumber`; the email and phone come from the new
    /// fields, the SMS consent still from `smsMarketingConsent` (its replacement on
    /// `CustomerPhoneNumber.marketingState` is deprecated too).
    public static let customers = GraphQLDocument(name: "BackfillCustomers", kind: .bulkQuery, text: """
    query BackfillCustomers {
      customers {
        edges {
          node {
            id
            firstName
            lastName
            state
            tags
            createdAt
            updatedAt
            numberOfOrders
            amountSpent { amount currencyCode }
            defaultEmailAddress { emailAddress marketingState }
            defaultPhoneNumber { phoneNumber }
            smsMarketingConsent { marketingState }
            defaultAddress { countryCodeV2 provinceCode city zip }
          }
        }
      }
    }
    """)

    /// Locations with the "available" quantity of each inventory level (one nested connection).
    public static let inventory = GraphQLDocument(name: "BackfillInventory", kind: .bulkQuery, text: """
    query BackfillInventory {
      locations {
        edges {
          node {
            id
            name
            inventoryLevels {
              edges {
                node {
                  id
                  updatedAt
                  item { id }
                  quantities(names: ["available"]) { name quantity }
                }
              }
            }
          }
        }
      }
    }
    """)

    /// Where `BulkJSONLAssembler` attaches each query's nested-connection lines (by gid type): the keys
    /// the decoders read.
    public static let childKeys: [String: String] = [
        "LineItem": "lineItems", "ProductVariant": "variants", "InventoryLevel": "inventoryLevels",
        "ShippingLine": "shippingLines",
    ]

    /// Every backfill query, in the order a backfill runs them.
    public static let all: [GraphQLDocument] = [products, customers, inventory, orders]
}
