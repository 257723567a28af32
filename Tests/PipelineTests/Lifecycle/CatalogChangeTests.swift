import Pipeline
import Storage
import Testing

@Suite("CatalogChange")
struct CatalogChangeTests {
    /// 1,000 variants priced 1,000 … 1,999 minor units, ids 1 … 1000.
    static let base: [CatalogEntry] = (1...1000).map { (i: Int) -> CatalogEntry in
        let id = Int64(i)
        return CatalogEntry(variantID: id, productID: (id + 1) / 2, priceMinor: 999 + id)
    }

    /// The base catalog with `added` new variants, the first `removed` removed and the next `repriced` repriced.
    static func changed(added: Int, removed: Int, repriced: Int) -> [CatalogEntry] {
        var now = Array(base.dropFirst(removed))
        for i in 0..<repriced { now[i].priceMinor += 100 }
        now += (0..<added).map { CatalogEntry(variantID: Int64(5000 + $0), productID: 9000, priceMinor: 2500) }
        return now
    }

    @Test("51 of 1,000 variants changed (5.1 %) fires; 49 (4.9 %) and exactly 50 (5.0 %) do not")
    func fivePercentEdges() {
        // 20 added + 16 removed + 15 repriced = 51 → 51 / 1000 = 0.051 > 0.05.
        let above = CatalogChange(previous: Self.base, current: Self.changed(added: 20, removed: 16, repriced: 15))
        #expect(above.added == 20 && above.removed == 16 && above.repriced == 15 && above.previousCount == 1000)
        #expect(above.share == 0.051)
        #expect(above.exceeds(0.05))

        // 10 added + 20 removed + 19 repriced = 49 → 0.049.
        let below = CatalogChange(previous: Self.base, current: Self.changed(added: 10, removed: 20, repriced: 19))
        #expect(below.added + below.removed + below.repriced == 49)
        #expect(!below.exceeds(0.05))

        // 25 added + 25 repriced = 50 → exactly 0.05: not strictly above.
        let exact = CatalogChange(previous: Self.base, current: Self.changed(added: 25, removed: 0, repriced: 25))
        #expect(exact.share == 0.05)
        #expect(!exact.exceeds(0.05))
    }

    @Test("unchanged catalog, reordered: no change; a variant repriced and re-added counts once")
    func unchanged() {
        let change = CatalogChange(previous: Self.base, current: Self.base.reversed())
        #expect(change == CatalogChange(added: 0, removed: 0, repriced: 0, previousCount: 1000))
        #expect(change.share == 0)
    }

    @Test("from an empty catalog any variant is a full change (share over max(1, 0))")
    func emptyPrevious() {
        let change = CatalogChange(previous: [], current: Array(Self.base.prefix(3)))
        #expect(change.added == 3)
        #expect(change.share == 3)
        #expect(change.exceeds(0.05))
        #expect(!CatalogChange(previous: [], current: []).exceeds(0.05))
    }
}
