/// What one buyer puts in the cart: a first item (often their usual coffee), the things that go
/// with it, now and then a whole kit, and a few more picks from the long tail.
///
/// Co-purchase structure comes from `Catalog.complements` and `Catalog.bundles`, so pairs such as
/// a dripper and its filters co-occur far more often than their separate popularity implies.
struct BasketBuilder: Sendable {
    struct Line: Equatable {
        var item: Int
        var quantity: Int
    }

    let catalog: Catalog

    /// A basket for a buyer with spend multiplier `spend` (1 for guests).
    func basket(pos: Bool, favourite: Int, spend: Double, giftCardBoost: Double,
                _ rng: inout Xoshiro256StarStar) -> [Line] {
        var lines: [Line] = []
        lines.reserveCapacity(6)
        let table = pos ? catalog.posTable : catalog.onlineTable

        if rng.bernoulli((pos ? 0.006 : 0.012) * giftCardBoost) {
            let card = catalog.giftCardItems[catalog.giftCardTable.sample(&rng)]
            add(card, quantity: rng.bernoulli(0.15) ? 2 : 1, to: &lines)
            if rng.bernoulli(0.5) { return lines }
        }

        let anchor = favourite >= 0 && rng.bernoulli(0.45)
            ? favourite : catalog.merchandise[table.sample(&rng)]
        add(anchor, quantity: quantity(spend, &rng), to: &lines)
        addComplements(of: anchor, scale: 1, spend: spend, to: &lines, &rng)

        if !catalog.bundles.isEmpty && rng.bernoulli(0.025) {
            for product in catalog.bundles[rng.int(below: catalog.bundles.count)] {
                add(catalog.variant(of: product, &rng), quantity: 1, to: &lines)
            }
        }

        let extra = min(4, rng.poisson(mean: 0.4 * spend))
        for _ in 0..<extra {
            let item = catalog.merchandise[table.sample(&rng)]
            add(item, quantity: quantity(spend, &rng), to: &lines)
            addComplements(of: item, scale: 0.5, spend: spend, to: &lines, &rng)
        }
        return lines
    }

    private func addComplements(of item: Int, scale: Double, spend: Double, to lines: inout [Line],
                                _ rng: inout Xoshiro256StarStar) {
        for complement in catalog.complements[catalog.itemProduct[item]]
        where rng.bernoulli(complement.probability * scale) {
            add(catalog.variant(of: complement.product, &rng), quantity: quantity(spend, &rng), to: &lines)
        }
    }

    /// Mostly 1, sometimes 2–3; big spenders buy multiples more often.
    private func quantity(_ spend: Double, _ rng: inout Xoshiro256StarStar) -> Int {
        guard rng.bernoulli(min(0.5, 0.16 * spend)) else { return 1 }
        return rng.bernoulli(0.3) ? 3 : 2
    }

    private func add(_ item: Int, quantity: Int, to lines: inout [Line]) {
        if let i = lines.firstIndex(where: { $0.item == item }) {
            lines[i].quantity = min(6, lines[i].quantity + quantity)
        } else {
            lines.append(Line(item: item, quantity: quantity))
        }
    }
}
