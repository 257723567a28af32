import Foundation
import GraphQL
import ShopifyAdmin

/// The *requested* cost of an operation, computed from its AST before anything runs, by the rules
/// Shopify documents under "API rate limits → Cost calculation":
///
/// - a scalar or enum field costs 0;
/// - an object field costs 1 plus the cost of its selection (lists of objects, e.g. `userErrors`, the same);
/// - a connection (a field with `first`/`last`, or selecting `edges`/`nodes`) costs
///   `2 + size × (1 + cost of the node's selection)`, size being `first` or `last`;
///   its `pageInfo` and `edges`/`cursor` wrappers are free;
/// - inline fragments / fragment spreads: their fields are added to the enclosing selection
///   (an over-estimate when fragments on different types are combined, which Shopify also prices at the maximum);
/// - each mutation root field costs 10, whatever its payload selects.
///
/// The actual cost (`FakeProjector.actualCost`) applies the same rules to what came back: a connection
/// that returned 3 nodes of 50 requested costs `2 + 3 × node`.
struct FakeQueryCost {
    let fragments: [String: FragmentDefinition]
    let variables: [String: JSONValue]

    /// The cost of a mutation root field.
    static let mutationCost = 10

    func cost(of operation: OperationDefinition) -> Int {
        if operation.operation == .mutation {
            return operation.selectionSet.selections.count * Self.mutationCost
        }
        return selectionCost(operation.selectionSet)
    }

    func selectionCost(_ set: SelectionSet) -> Int {
        var total = 0
        for selection in set.selections {
            if let field = selection as? Field {
                total += fieldCost(field)
            } else if let inline = selection as? InlineFragment {
                total += selectionCost(inline.selectionSet)
            } else if let spread = selection as? FragmentSpread, let fragment = fragments[spread.name.value] {
                total += selectionCost(fragment.selectionSet)
            }
        }
        return total
    }

    func fieldCost(_ field: Field) -> Int {
        guard let set = field.selectionSet else { return 0 }
        if field.name.value == "pageInfo" { return 0 }
        if isConnection(field) {
            let size = sizeArgument(field)
            return 2 + size * nodeCost(set)
        }
        return 1 + selectionCost(set)
    }

    /// `1 + selection` of `nodes { … }` or `edges { node { … } }`, the larger if both are selected.
    private func nodeCost(_ set: SelectionSet) -> Int {
        var cost = 0
        for case let field as Field in set.selections {
            switch field.name.value {
            case "nodes":
                cost = max(cost, 1 + (field.selectionSet.map(selectionCost) ?? 0))
            case "edges":
                for case let inner as Field in field.selectionSet?.selections ?? [] where inner.name.value == "node" {
                    cost = max(cost, 1 + (inner.selectionSet.map(selectionCost) ?? 0))
                }
            default: break
            }
        }
        return cost
    }

    private func isConnection(_ field: Field) -> Bool {
        if field.arguments.contains(where: { $0.name.value == "first" || $0.name.value == "last" }) { return true }
        return field.selectionSet?.selections.contains { ($0 as? Field).map { ["edges", "nodes"].contains($0.name.value) } ?? false } ?? false
    }

    private func sizeArgument(_ field: Field) -> Int {
        let projector = FakeProjector(fragments: fragments, variables: variables)
        for argument in field.arguments where argument.name.value == "first" || argument.name.value == "last" {
            if let size = projector.value(argument.value).int { return Int(size) }
        }
        return 0
    }
}
