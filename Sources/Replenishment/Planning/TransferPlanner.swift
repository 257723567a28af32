/// Transfer suggestions between locations of one variant: stock above a location's order-up-to
/// level goes to locations that would otherwise order, before anything is bought.
///
/// Greedy: the largest need is filled first from the largest surplus. A source never gives below
/// its own order-up-to level, so a transfer never creates a new shortage; a need smaller than
/// `minimumTransfer` units is left to the purchase order (moving one unit rarely pays).
public enum TransferPlanner {
    /// One location of the variant: how many units it needs now (its suggested order) and how
    /// many it holds beyond its order-up-to level.
    public struct Site: Sendable, Hashable {
        public var locationID: Int64
        public var need: Int
        public var surplus: Int

        public init(locationID: Int64, need: Int, surplus: Int) {
            self.locationID = locationID; self.need = need; self.surplus = surplus
        }
    }

    public struct Move: Sendable, Hashable {
        public var fromLocationID: Int64
        public var toLocationID: Int64
        public var quantity: Int
    }

    public static func plan(_ sites: [Site], minimumTransfer: Int = 2) -> [Move] {
        var needs = sites.filter { $0.need >= minimumTransfer }.sorted { ($0.need, $1.locationID) > ($1.need, $0.locationID) }
        var surpluses = sites.filter { $0.surplus > 0 }.sorted { ($0.surplus, $1.locationID) > ($1.surplus, $0.locationID) }
        var moves: [Move] = []
        for n in needs.indices {
            for s in surpluses.indices where needs[n].need >= minimumTransfer && surpluses[s].surplus > 0
                && surpluses[s].locationID != needs[n].locationID {
                let quantity = min(needs[n].need, surpluses[s].surplus)
                guard quantity >= minimumTransfer else { continue }
                moves.append(Move(fromLocationID: surpluses[s].locationID, toLocationID: needs[n].locationID, quantity: quantity))
                needs[n].need -= quantity
                surpluses[s].surplus -= quantity
            }
        }
        return moves
    }
}
