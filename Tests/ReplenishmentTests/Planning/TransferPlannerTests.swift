import Testing
@testable import Replenishment

/// `TransferPlanner.plan` on hand-made sites.
@Suite("TransferPlanner")
struct TransferPlannerTests {
    typealias Site = TransferPlanner.Site
    typealias Move = TransferPlanner.Move

    static func move(_ from: Int64, _ to: Int64, _ quantity: Int) -> Move {
        Move(fromLocationID: from, toLocationID: to, quantity: quantity)
    }

    /// Needs 1: 10 and 2: 3; surpluses 3: 8 and 4: 5. Largest need first (1: 10) from the largest
    /// surplus (3: 8) → 8 moves, 1 still needs 2; next surplus 4: 5 → 2 moves (4 left). Then 2: 3 —
    /// site 3 is empty, site 4 has 3 → 3 moves.
    @Test func largestNeedFromLargestSurplus() {
        let moves = TransferPlanner.plan([
            Site(locationID: 1, need: 10, surplus: 0), Site(locationID: 2, need: 3, surplus: 0),
            Site(locationID: 3, need: 0, surplus: 8), Site(locationID: 4, need: 0, surplus: 5),
        ])
        #expect(moves == [Self.move(3, 1, 8), Self.move(4, 1, 2), Self.move(4, 2, 3)])
    }

    /// Minimum transfer 2 (the default): a need of 1 is left to the purchase order, and a surplus of 1
    /// cannot fill a need of 5. With a minimum of 1 both move one unit.
    @Test func minimumTransfer() {
        #expect(TransferPlanner.plan([Site(locationID: 1, need: 1, surplus: 0), Site(locationID: 2, need: 0, surplus: 9)]).isEmpty)
        #expect(TransferPlanner.plan([Site(locationID: 1, need: 5, surplus: 0), Site(locationID: 2, need: 0, surplus: 1)]).isEmpty)
        #expect(TransferPlanner.plan([Site(locationID: 1, need: 1, surplus: 0), Site(locationID: 2, need: 0, surplus: 9)], minimumTransfer: 1)
                == [Self.move(2, 1, 1)])
        #expect(TransferPlanner.plan([Site(locationID: 1, need: 5, surplus: 0), Site(locationID: 2, need: 0, surplus: 1)], minimumTransfer: 1)
                == [Self.move(2, 1, 1)])
        // Need 6 from surpluses 5 and 1: 5 moves, the remaining need of 1 is below the minimum.
        #expect(TransferPlanner.plan([
            Site(locationID: 1, need: 6, surplus: 0), Site(locationID: 2, need: 0, surplus: 5), Site(locationID: 3, need: 0, surplus: 1),
        ]) == [Self.move(2, 1, 5)])
    }

    /// A site never supplies itself: the only surplus sits at the needing site → nothing moves.
    @Test func neverFromTheNeedingSite() {
        #expect(TransferPlanner.plan([Site(locationID: 7, need: 4, surplus: 6), Site(locationID: 8, need: 0, surplus: 0)]).isEmpty)
        // With another source the move comes from there.
        #expect(TransferPlanner.plan([Site(locationID: 7, need: 4, surplus: 6), Site(locationID: 8, need: 0, surplus: 3)])
                == [Self.move(8, 7, 3)])
    }

    /// Equal needs: the lower location id goes first. Needs 5: 4 and 2: 4, surplus 9: 5 → 2 gets 4,
    /// then 5 could only get 1 (< 2) → nothing more.
    @Test func tiesGoToTheLowerLocation() {
        #expect(TransferPlanner.plan([
            Site(locationID: 5, need: 4, surplus: 0), Site(locationID: 2, need: 4, surplus: 0), Site(locationID: 9, need: 0, surplus: 5),
        ]) == [Self.move(9, 2, 4)])
    }

    @Test func nothingToMove() {
        #expect(TransferPlanner.plan([]).isEmpty)
        #expect(TransferPlanner.plan([Site(locationID: 1, need: 0, surplus: 4), Site(locationID: 2, need: 0, surplus: 3)]).isEmpty)
        #expect(TransferPlanner.plan([Site(locationID: 1, need: 4, surplus: 0), Site(locationID: 2, need: 3, surplus: 0)]).isEmpty)
    }
}
