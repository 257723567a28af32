import Commerce
import Foundation

/// One simulated day: the catalog before the first, then purchases, follow-ups and stock.
extension SimulationEngine {
    /// locations/create, products/create and the opening stock, before the first day.
    func emitCatalog() {
        for (k, location) in world.locations.enumerated() {
            emit(.locationsCreate, .location(location), at: world.locationsCreatedAt + Int64(k) * 60)
        }
        for product in catalog.products[..<catalog.openingProductCount] {
            emit(.productsCreate, .product(product), at: Int64(product.createdAt!.timeIntervalSince1970))
        }
        guard configuration.emitsInventoryEvents else { return }
        let time = calendar.days[0].start - 3_600
        for cell in world.carried.indices where world.carried[cell] {
            emitLevel(cell, at: time)
        }
    }

    func simulate(day d: Int) {
        let day = calendar.days[d]
        let changes = world.scenario.changes
        while nextChange < changes.count && changes[nextChange].day == d {
            apply(changes[nextChange], at: day.start)
            nextChange += 1
        }
        let profiles = population.profiles
        while nextAcquisition < profiles.count && Int(profiles[nextAcquisition].acquisitionDay) == d {
            let c = nextAcquisition
            nextAcquisition += 1
            let slot = slot(for: c, on: day)
            schedule(.acquire(customer: c), slot: slot, on: day)
        }
        let due = purchaseBuckets[d]
        purchaseBuckets[d] = []
        for c in due.map(Int.init) {
            if profiles[c].affinity == .pos && day.pos == 0 {
                if d + 1 < configuration.days { purchaseBuckets[d + 1].append(Int32(c)) }  // café closed: tomorrow
                continue
            }
            schedule(.purchase(customer: c), slot: slot(for: c, on: day), on: day)
        }
        for _ in 0..<demandRNG.poisson(mean: guestOnlineRate * day.online * day.trend * day.demand) {
            schedule(.guest(slot: 0), slot: 0, on: day)
        }
        for slot in 1..<world.locations.count {
            for _ in 0..<demandRNG.poisson(mean: guestPOSRate * world.slotWeights[slot] * day.pos * day.trend * day.demand) {
                schedule(.guest(slot: slot), slot: slot, on: day)
            }
        }
        for (v, vendor) in catalog.vendors.enumerated() where vendor.reviewWeekday == day.weekday {
            schedule(.review(vendor: v), at: day.instant(secondOfDay: 9 * 3_600 + 900))
        }

        while let time = queue.nextTime, time < day.end, let action = queue.pop() {
            process(action, day: day)
        }
        closeDay()
    }

    /// Queues a purchase-type action at a time of day that fits the channel.
    private func schedule(_ kind: PendingAction.Kind, slot: Int, on day: SimulatedDay) {
        let second = intraday.secondOfDay(pos: slot > 0, &demandRNG)
        let time = day.instant(secondOfDay: second)
        actionSequence += 1
        queue.push(PendingAction(time: time, sequence: actionSequence, kind: kind, slot: slot))
    }

    private func process(_ action: PendingAction, day: SimulatedDay) {
        let t = action.time
        switch action.kind {
        case .acquire(let c):
            createCustomer(c, at: max(day.start, t - Int64(5 + demandRNG.int(below: 120))))
            placeOrder(customer: c, slot: action.slot, at: t, day: day)
            scheduleNextPurchase(of: c, after: t, day: day)
        case .purchase(let c):
            let m = day.demand
            // Under a demand shift the customer's clock runs max(1, m) times faster and a visit
            // becomes an order with probability min(1, m); only a 1/max(1, m) share of visits are
            // their usual ones that may end the relationship, so a shift changes how often
            // customers buy, not how long they stay.
            if m >= 1 || demandRNG.bernoulli(m) {
                placeOrder(customer: c, slot: action.slot, at: t, day: day)
            }
            let usual = m <= 1 || demandRNG.bernoulli(1 / m)
            // BG/NBD: after each repeat purchase the customer may become inactive for good.
            if usual && demandRNG.bernoulli(population.profiles[c].dropout) {
                population.profiles[c].alive = false
            } else {
                scheduleNextPurchase(of: c, after: t, day: day)
            }
        case .guest:
            placeOrder(customer: nil, slot: action.slot, at: t, day: day)
        case .review(let vendor):
            review(vendor: vendor, at: t, day: day)
        case .delivery(let cell, let quantity):
            inventory.receive(cell, quantity: quantity)
            if configuration.emitsInventoryEvents { emitLevel(cell, at: t) }
        case .fulfil(let id):
            fulfil(id, at: t)
        case .cancel(let id):
            cancel(id, at: t)
        case .refund(let id):
            refund(id, at: t)
        case .fraud(let step):
            process(fraud: step, at: t, day: day)
        }
    }

    private func createCustomer(_ c: Int, at time: Int64) {
        population.profiles[c].id = customerIDs.next(&idRNG)
        population.profiles[c].createdAt = time
        emit(.customersCreate, .customer(population.customer(at: c)), at: time)
    }

    /// The location slot a customer buys at today: online, their café, now and then another café.
    private func slot(for c: Int, on day: SimulatedDay) -> Int {
        let profile = population.profiles[c]
        let home = Int(profile.homeSlot)
        let cafe = world.locations.count > 2 && demandRNG.bernoulli(0.1)
            ? 1 + demandRNG.int(below: world.locations.count - 1) : home
        switch profile.affinity {
        case .online: return 0
        case .pos: return cafe
        case .omni:
            let online = day.online / max(day.online + day.pos, 1e-9)
            return demandRNG.bernoulli(online) ? 0 : cafe
        }
    }

    /// Draws the next purchase on the customer's intensity clock: Exp(1)/λ units of cumulative
    /// intensity after now (a time-changed Poisson process), bucketed by day.
    private func scheduleNextPurchase(of c: Int, after time: Int64, day: SimulatedDay) {
        let profile = population.profiles[c]
        guard profile.rate > 0 else { return }
        let curve = profile.curve
        let fraction = Double(time - day.start) / Double(day.end - day.start)
        let now = calendar.clock[curve.rawValue][day.index]
            + fraction * DemandCalendar.intensity(day, curve) * max(1, day.demand)
        let target = now + demandRNG.exponential(mean: 1) / profile.rate
        guard var next = calendar.day(reaching: target, on: curve) else { return }
        if next <= day.index { next = day.index + 1 }  // at most one visit a day
        guard next < configuration.days else { return }
        purchaseBuckets[next].append(Int32(c))
    }

    private func review(vendor v: Int, at time: Int64, day: SimulatedDay) {
        let vendor = catalog.vendors[v]
        for cell in vendorCells[v] {
            let item = cell / world.locations.count
            let ordered = inventory.review(cell, leadTime: vendor.leadTimeDays, pack: catalog.items[item].packSize)
            guard ordered > 0 else { continue }
            let arrival = day.index + vendor.leadTimeDays + opsRNG.int(in: 0...2)
            guard arrival < configuration.days else { continue }
            let slot = cell % world.locations.count
            schedule(.delivery(cell: cell, quantity: ordered),
                     at: calendar.days[arrival].instant(secondOfDay: 6 * 3_600 + slot * 300))
        }
    }

    /// One inventory_levels/update per cell whose stock moved today through sales, cancellations
    /// or returns: the level right after its last change, at that instant, just after the event
    /// that caused it.
    private func closeDay() {
        if configuration.emitsInventoryEvents {
            for cell in inventory.touched {
                let time = inventory.lastChangeTime[cell]
                let level = InventoryLevel(
                    inventoryItemID: catalog.items[cell / world.locations.count].variant.inventoryItemID!,
                    locationID: world.locations[cell % world.locations.count].id,
                    available: Int(inventory.levelAfterLastChange[cell]), updatedAt: Self.date(time))
                buffer.append(BufferedEvent(
                    time: time, sequence: inventory.lastChangeSequence[cell] + 1,
                    topic: .inventoryLevelsUpdate, payload: .inventoryLevel(level)))
            }
        }
        inventory.closeDay()
    }

    /// An immediate inventory_levels/update with the cell's current level.
    func emitLevel(_ cell: Int, at time: Int64) {
        let level = InventoryLevel(
            inventoryItemID: catalog.items[cell / world.locations.count].variant.inventoryItemID!,
            locationID: world.locations[cell % world.locations.count].id,
            available: inventory.level(cell), updatedAt: Self.date(time))
        emit(.inventoryLevelsUpdate, .inventoryLevel(level), at: time)
    }
}
