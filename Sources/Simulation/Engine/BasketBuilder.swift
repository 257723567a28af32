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

    /// A basket for a buyer with spend multiplier `spend` (1 for guests); `mix` is the day's
    /// assortment and demand shift, nil for the opening catalog without one.
    func basket(pos: Bool, favourite: Int, spend: Double, giftCardBoost: Double, mix: BasketMix? = nil,
                _ rng: inout Xoshiro256StarStar) -> [Line] {
        var lines: [Line] = []
        lines.reserveCapacity(6)
        let merchandise = mix?.merchandise ?? catalog.merchandise
        let table = pos ? (mix?.posTable ?? catalog.posTable) : (mix?.onlineTable ?? catalog.onlineTable)

        let giftCardChance = (pos ? 0.006 : 0.012) * giftCardBoost
        if rng.bernoulli(mix.map { giftCardChance * $0.giftCardFactor } ?? giftCardChance) {
            let card = catalog.giftCardItems[catalog.giftCardTable.sample(&rng)]
            add(card, quantity: rng.bernoulli(0.15) ? 2 : 1, to: &lines)
            if rng.bernoulli(0.5) { return lines }
        }

        var favouriteChance = 0.45
        if let mix, favourite >= 0 {
            // The type multiplier scales the odds of going for the usual item, so a shift away from
            // coffee also reaches regulars who always buy the same beans.
            let odds = 0.45 / 0.55 * mix.productFactor[catalog.itemProduct[favourite]]
            favouriteChance = odds / (1 + odds)
        }
        let anchor = favourite >= 0 && rng.bernoulli(favouriteChance)
            ? favourite : merchandise[table.sample(&rng)]
        add(anchor, quantity: quantity(spend, mix, &rng), to: &lines)
        addComplements(of: anchor, scale: 1, spend: spend, mix: mix, to: &lines, &rng)

        if !catalog.bundles.isEmpty && rng.bernoulli(0.025) {
            for product in catalog.bundles[rng.int(below: catalog.bundles.count)] {
                add(catalog.variant(of: product, &rng), quantity: 1, to: &lines)
            }
        }

        let extra = min(4, rng.poisson(mean: 0.4 * spend))
        for _ in 0..<extra {
            let item = merchandise[table.sample(&rng)]
            add(item, quantity: quantity(spend, mix, &rng), to: &lines)
            addComplements(of: item, scale: 0.5, spend: spend, mix: mix, to: &lines, &rng)
        }
        return lines
    }

    private func addComplements(of item: Int, scale: Double, spend: Double, mix: BasketMix?, to lines: inout [Line],
                                _ rng: inout Xoshiro256StarStar) {
        for complement in catalog.complements[catalog.itemProduct[item]] {
            let chance = complement.probability * scale
            guard rng.bernoulli(mix.map { min(1, chance * $0.productFactor[complement.product]) } ?? chance) else { continue }
            add(catalog.variant(of: complement.product, &rng), quantity: quantity(spend, mix, &rng), to: &lines)
        }
    }

    /// Mostly 1, sometimes 2–3; big spenders buy multiples more often. A shift's units multiplier
    /// scales that count, rounded up or down at random so the mean scales exactly (before the cap).
    private func quantity(_ spend: Double, _ mix: BasketMix?, _ rng: inout Xoshiro256StarStar) -> Int {
        let units = rng.bernoulli(min(0.5, 0.16 * spend)) ? (rng.bernoulli(0.3) ? 3 : 2) : 1
        guard let multiplier = mix?.unitsMultiplier, multiplier != 1 else { return units }
        let scaled = Double(units) * multiplier
        let whole = scaled.rounded(.down)
        return max(1, Int(whole) + (rng.bernoulli(scaled - whole) ? 1 : 0))
    }

    private func add(_ item: Int, quantity: Int, to lines: inout [Line]) {
        if let i = lines.firstIndex(where: { $0.item == item }) {
            lines[i].quantity = min(6, lines[i].quantity + quantity)
        } else {
            lines.append(Line(item: item, quantity: quantity))
        }
    }
}
