import Foundation
import GraphQL
import ShopifyAdmin

/// Projects the fake's object model through a GraphQL selection set: response keys are aliases or
/// field names in selection order, fragments apply when their type condition fits, `__typename`
/// answers the object's type, and every field not in the model becomes Shopify's `undefinedField`
/// error. It also sums the *actual* cost of what it returned (see `FakeQueryCost` for the rules).
struct FakeProjector {
    let fragments: [String: FragmentDefinition]
    let variables: [String: JSONValue]
    /// Bulk queries have no `first`/`last`: their connections return every node.
    var bulk = false
    /// `FakeShopifyConfiguration.deniedFields`: `Type.field` or bare field names answered ACCESS_DENIED.
    var deniedFields: Set<String> = []
    private(set) var errors: [FakeJSON] = []
    /// Actual cost so far: objects 1, connections 2 plus their nodes, scalars 0.
    var actualCost = 0

    /// Types the fake renders; a fragment on any other name is an interface (Node, HasMetafields …) and applies.
    static let concreteTypes: Set<String> = [
        "QueryRoot", "Mutation", "Shop", "Order", "LineItem", "Customer", "Product", "ProductVariant", "Location",
        "InventoryLevel", "InventoryItem", "InventoryQuantity", "MailingAddress", "MoneyBag", "MoneyV2", "Metafield", "OrderRiskAssessment",
        "RiskFact", "OrderRiskSummary", "DraftOrder", "DraftOrderLineItem", "DiscountCodeNode", "DiscountCodeBasic",
        "DiscountRedeemCode", "WebhookSubscription", "WebhookHttpEndpoint", "BulkOperation", "Count", "UserError",
        "OrderRiskAssessmentCreateUserError", "MetafieldsSetUserError", "DiscountUserError", "BulkOperationUserError",
        "PageInfo", "CustomerEmailAddress", "Refund", "App", "CustomerPhoneNumber", "CustomerEmailMarketingConsentState",
        "CustomerSmsMarketingConsentState", "Domain", "ShopPlan", "ApiVersion", "DraftOrderConnection", "OrderConnection",
        "StaffMember", "ShippingLine", "OrderTransaction", "CardPaymentDetails", "PricingPercentageValue",
        "ManualDiscountApplication", "DiscountCodeApplication", "AutomaticDiscountApplication", "ScriptDiscountApplication",
    ]

    init(document: Document, variables: [String: JSONValue]) {
        var fragments: [String: FragmentDefinition] = [:]
        for definition in document.definitions {
            if let fragment = definition as? FragmentDefinition { fragments[fragment.name.value] = fragment }
        }
        self.fragments = fragments
        self.variables = variables
    }

    init(fragments: [String: FragmentDefinition], variables: [String: JSONValue]) {
        self.fragments = fragments; self.variables = variables
    }

    // MARK: - Selections and arguments

    /// The fields a selection set asks of an object of `typename`, fragments expanded, grouped by response key.
    func fieldGroups(in set: SelectionSet, typename: String) -> [(key: String, fields: [Field])] {
        var order: [String] = []
        var groups: [String: [Field]] = [:]
        collect(set, typename: typename, order: &order, groups: &groups)
        return order.map { ($0, groups[$0]!) }
    }

    private func collect(_ set: SelectionSet, typename: String, order: inout [String], groups: inout [String: [Field]]) {
        for selection in set.selections {
            if let field = selection as? Field {
                guard included(field.directives) else { continue }
                let key = field.alias?.value ?? field.name.value
                if groups[key] == nil { order.append(key); groups[key] = [] }
                groups[key]!.append(field)
            } else if let inline = selection as? InlineFragment {
                guard included(inline.directives), applies(inline.typeCondition?.name.value, to: typename) else { continue }
                collect(inline.selectionSet, typename: typename, order: &order, groups: &groups)
            } else if let spread = selection as? FragmentSpread {
                guard included(spread.directives), let fragment = fragments[spread.name.value],
                      applies(fragment.typeCondition.name.value, to: typename) else { continue }
                collect(fragment.selectionSet, typename: typename, order: &order, groups: &groups)
            }
        }
    }

    private func applies(_ condition: String?, to typename: String) -> Bool {
        guard let condition else { return true }
        return condition == typename || !Self.concreteTypes.contains(condition)
    }

    /// `@skip(if:)` / `@include(if:)`.
    private func included(_ directives: [Directive]) -> Bool {
        for directive in directives {
            let flag = directive.arguments.first { $0.name.value == "if" }.map { value($0.value) }?.bool ?? false
            if directive.name.value == "skip", flag { return false }
            if directive.name.value == "include", !flag { return false }
        }
        return true
    }

    func arguments(of field: Field) -> FakeArguments {
        var arguments: FakeArguments = [:]
        for argument in field.arguments { arguments[argument.name.value] = value(argument.value) }
        return arguments
    }

    /// An AST value with variables substituted.
    func value(_ node: any GraphQL.Value) -> JSONValue {
        switch node {
        case let variable as Variable: return variables[variable.name.value] ?? .null
        case let number as IntValue: return Int64(number.value).map(JSONValue.int) ?? .string(number.value)
        case let number as FloatValue: return Double(number.value).map(JSONValue.double) ?? .string(number.value)
        case let text as StringValue: return .string(text.value)
        case let flag as BooleanValue: return .bool(flag.value)
        case let item as EnumValue: return .string(item.value)
        case let list as ListValue: return .array(list.values.map(value))
        case let object as ObjectValue:
            var members: [String: JSONValue] = [:]
            for field in object.fields { members[field.name.value] = value(field.value) }
            return .object(members)
        default: return .null
        }
    }

    // MARK: - Projection

    /// Projects an object through a selection set; `countsAsObject` is false for roots, edges and pageInfo.
    mutating func project(object: FakeObject, selections: SelectionSet, path: [FakeJSON], countsAsObject: Bool = true) -> FakeJSON {
        if countsAsObject { actualCost += 1 }
        var members: [(String, FakeJSON)] = []
        for (key, fields) in fieldGroups(in: selections, typename: object.typename) {
            var merged: FakeJSON?
            for field in fields {
                let projected = project(field: field, of: object, path: path + [.string(key)])
                merged = merged.map { Self.merge($0, projected) } ?? projected
            }
            members.append((key, merged ?? .null))
        }
        return .object(members)
    }

    private mutating func project(field: Field, of object: FakeObject, path: [FakeJSON]) -> FakeJSON {
        let name = field.name.value
        if name == "__typename" { return .string(object.typename) }
        if !deniedFields.isEmpty, deniedFields.contains(name) || deniedFields.contains("\(object.typename).\(name)") {
            // Shopify nulls the field and says why at the top level (the query's other fields still answer).
            let scope = Self.requiredAccess(field: name)
            addError("Access denied for \(name) field. Required access: \(scope).", field: field, path: path,
                     extensions: [("code", .string("ACCESS_DENIED")), ("documentation", .string("https://shopify.dev/api/usage/access-scopes")),
                                  ("requiredAccess", .string(scope))])
            return .null
        }
        guard let value = object.resolve(name, arguments(of: field)) else {
            addError("Field '\(name)' doesn't exist on type '\(object.typename)'", field: field, path: path,
                     extensions: [("code", .string("undefinedField")), ("typeName", .string(object.typename)), ("fieldName", .string(name))])
            return .null
        }
        return project(value: value, field: field, path: path)
    }

    mutating func project(value: FakeValue, field: Field, path: [FakeJSON]) -> FakeJSON {
        switch value {
        case .scalar(let scalar):
            return FakeJSON(scalar)
        case .object(let object):
            guard let selections = field.selectionSet else {
                addError("Field must have selections (field '\(field.name.value)' returns \(object.typename) but has no selections.)",
                         field: field, path: path, extensions: [("code", .string("selectionMismatch"))])
                return .null
            }
            return project(object: object, selections: selections, path: path)
        case .list(let items):
            return .array(items.enumerated().map { index, item in project(value: item, field: field, path: path + [.int(Int64(index))]) })
        case .connection(let connection):
            return project(connection: connection, field: field, path: path)
        }
    }

    /// The page a connection field asks for: indices into the connection, in answer order.
    func page(of connection: FakeConnection, arguments: FakeArguments) -> (indices: [Int], hasNext: Bool, hasPrevious: Bool) {
        let reverse = arguments["reverse"]?.bool ?? false
        let position: (Int) -> Int = { reverse ? connection.count - 1 - $0 : $0 }
        var low = 0, high = connection.count
        if let after = arguments["after"]?.string, let index = connection.index(ofCursor: after) {
            low = min(connection.count, (reverse ? connection.count - 1 - index : index) + 1)
        }
        if let before = arguments["before"]?.string, let index = connection.index(ofCursor: before) {
            high = max(low, reverse ? connection.count - 1 - index : index)
        }
        let upper = high
        if let first = arguments["first"]?.int { high = min(high, low + max(0, Int(first))) }
        if let last = arguments["last"]?.int { low = max(low, high - max(0, Int(last))) }
        return ((low..<high).map(position), high < upper || high < connection.count, low > 0)
    }

    private mutating func project(connection: FakeConnection, field: Field, path: [FakeJSON]) -> FakeJSON {
        let arguments = arguments(of: field)
        if !bulk, arguments["first"]?.int == nil, arguments["last"]?.int == nil {
            addError("you must provide one of first or last", field: field, path: path, extensions: [])
            return .null
        }
        actualCost += 2
        let (indices, hasNext, hasPrevious) = page(of: connection, arguments: arguments)
        guard let selections = field.selectionSet else { return .null }
        var members: [(String, FakeJSON)] = []
        for (key, fields) in fieldGroups(in: selections, typename: connection.typename) {
            let child = fields[0]
            let childPath = path + [.string(key)]
            switch child.name.value {
            case "__typename": members.append((key, .string(connection.typename)))
            case "nodes":
                guard let nodeSelections = child.selectionSet else { continue }
                members.append((key, .array(indices.enumerated().map { offset, index in
                    project(object: connection.node(index), selections: nodeSelections, path: childPath + [.int(Int64(offset))])
                })))
            case "edges":
                guard let edgeSelections = child.selectionSet else { continue }
                let edgeType = connection.edgeTypename
                members.append((key, .array(indices.enumerated().map { offset, index in
                    let edge = FakeObject(edgeType) { name, _ in
                        switch name {
                        case "cursor": .string(connection.cursor(index))
                        case "node": .object(connection.node(index))
                        default: nil
                        }
                    }
                    return project(object: edge, selections: edgeSelections, path: childPath + [.int(Int64(offset))], countsAsObject: false)
                })))
            case "pageInfo":
                guard let pageSelections = child.selectionSet else { continue }
                let info = FakeObject.fields("PageInfo", [
                    "hasNextPage": .bool(hasNext), "hasPreviousPage": .bool(hasPrevious),
                    "startCursor": indices.first.map { .string(connection.cursor($0)) } ?? .null,
                    "endCursor": indices.last.map { .string(connection.cursor($0)) } ?? .null,
                ])
                members.append((key, project(object: info, selections: pageSelections, path: childPath, countsAsObject: false)))
            default:
                addError("Field '\(child.name.value)' doesn't exist on type '\(connection.typename)'", field: child, path: childPath,
                         extensions: [("code", .string("undefinedField")), ("typeName", .string(connection.typename)),
                                      ("fieldName", .string(child.name.value))])
                members.append((key, .null))
            }
        }
        return .object(members)
    }

    /// Two projections of the same response key: object members merged, otherwise the later wins.
    static func merge(_ left: FakeJSON, _ right: FakeJSON) -> FakeJSON {
        guard case .object(var members) = left, case .object(let more) = right else { return right }
        for (key, value) in more {
            if let index = members.firstIndex(where: { $0.0 == key }) {
                members[index].1 = merge(members[index].1, value)
            } else {
                members.append((key, value))
            }
        }
        return .object(members)
    }

    // MARK: - Errors

    /// The scope Shopify names for a denied field (the fake knows the ones its tests deny).
    static func requiredAccess(field: String) -> String {
        switch field {
        case "staffMember", "staffMembers", "closingStaffMember", "openingStaffMember": "`read_users` access scope"
        case "orders", "order": "`read_orders` access scope"
        case "customers", "customer": "`read_customers` access scope"
        default: "the access scope that covers this field"
        }
    }

    /// The first field of `set` (at any depth, fragments included) named in `denied` (by bare name or
    /// as the field part of `Type.field`: a bulk query is checked without a schema, so the type is not
    /// told apart), or nil.
    func deniedField(in set: SelectionSet?, denied: Set<String>) -> String? {
        guard !denied.isEmpty else { return nil }
        let names = Set(denied.map { $0.split(separator: ".").last.map(String.init) ?? $0 })
        for selection in set?.selections ?? [] {
            switch selection {
            case let field as Field:
                if names.contains(field.name.value) { return field.name.value }
                if let found = deniedField(in: field.selectionSet, denied: denied) { return found }
            case let inline as InlineFragment:
                if let found = deniedField(in: inline.selectionSet, denied: denied) { return found }
            case let spread as FragmentSpread:
                if let found = deniedField(in: fragments[spread.name.value]?.selectionSet, denied: denied) { return found }
            default: continue
            }
        }
        return nil
    }

    mutating func addError(_ message: String, field: Field?, path: [FakeJSON], extensions: [(String, FakeJSON)]) {
        errors.append(Self.error(message, field: field, path: path, extensions: extensions))
    }

    /// Shopify's error shape: message, locations, path, extensions.
    static func error(_ message: String, field: Field?, path: [FakeJSON], extensions: [(String, FakeJSON)]) -> FakeJSON {
        var members: [(String, FakeJSON)] = [("message", .string(message))]
        if let token = field?.loc?.startToken {
            members.append(("locations", .array([.object([("line", .int(Int64(token.line))), ("column", .int(Int64(token.column)))])])))
        }
        if !path.isEmpty { members.append(("path", .array(path))) }
        if !extensions.isEmpty { members.append(("extensions", .object(extensions))) }
        return .object(members)
    }
}
