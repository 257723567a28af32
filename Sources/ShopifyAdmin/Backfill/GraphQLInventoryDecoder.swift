import Commerce
import Foundation

/// A bulk `BackfillQueries.inventory` location root (its `InventoryLevel` lines attached under
/// `inventoryLevels`) →
/// one `Commerce.InventoryLevel` per item stocked there.
public enum GraphQLInventoryDecoder {
    public static func levels(_ root: JSONValue) throws(GraphQLDecodeError) -> [InventoryLevel] {
        let idText = root["id"].string ?? "?"
        let fields = GraphQLFields(root, path: "locations[\(idText)]")
        let locationID = try fields.gid("id", type: "Location")
        let children = try fields.children("inventoryLevels")
        var levels: [InventoryLevel] = []
        levels.reserveCapacity(children.count)
        for (index, child) in children.enumerated() {
            let level = GraphQLFields(child, path: "\(fields.path).inventoryLevels[\(index)]")
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
