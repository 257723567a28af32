import Commerce
import Foundation

/// A bulk `BackfillQueries.inventory` location root (and its `InventoryLevel` child lines) →
/// one `Commerce.InventoryLevel` per item stocked there.
public enum GraphQLInventoryDecoder {
    public static func levels(_ root: JSONValue, children: [JSONValue]) throws(GraphQLDecodeError) -> [InventoryLevel] {
        let idText = root["id"].string ?? "?"
        let fields = GraphQLFields(root, path: "locations[\(idText)]")
        let locationID = try fields.gid("id", type: "Location")
        var levels: [InventoryLevel] = []
        levels.reserveCapacity(children.count)
        for child in children {
            guard let gid = child["id"].string, GlobalID.type(gid) == "InventoryLevel" else { continue }
            let level = GraphQLFields(child, path: "\(fields.path).inventoryLevels[\(levels.count)]")
            guard let item = try level.object("item") else { throw level.fail("item", "missing") }
            // `quantities(names: ["available"])`: absent means the item is not tracked here.
            var available: Int?
            guard case .array(let quantities) = child["quantities"] else { throw level.fail("quantities", "must be a list") }
            for (index, entry) in quantities.enumerated() {
                let quantity = GraphQLFields(entry, path: "\(level.path).quantities[\(index)]")
                if try quantity.string("name") == "available" { available = try quantity.int("quantity") }
            }
            levels.append(InventoryLevel(
                inventoryItemID: try item.gid("id", type: "InventoryItem"), locationID: locationID,
                available: available, updatedAt: try level.date("updatedAt")))
        }
        return levels
    }
}
