import Foundation

/// The reorder point that meets a fill-rate target β in a periodic-review (R, S) system.
///
/// Expected units short per cycle are E[(D_{L+R} − S)+] − E[(D_L − S)+]: the shortage at the
/// end of the cycle minus what was already short before this cycle's order could arrive
/// (Silver, Pyke & Peterson, *Inventory Management and Production Planning and Scheduling*, 3rd
/// ed., §7.9; Axsäter, *Inventory Control*, §5.4). β = 1 − ESC / E[D_R], so S is the smallest
/// value with ESC(S) ≤ (1 − β)·E[D_R]. Subtracting the lead-time term matters when the review
/// period is short against the lead time: the simpler ESC = E[(D_{L+R} − S)+] would count the
/// same backorders in several cycles and overshoot the target.
///
/// For a normal protection law the textbook continuous form is used instead: S = μ + zσ with
/// σ·G(z) = (1 − β)·E[D_R] (reference notes §3.2), which is the formula merchants' tools quote.
enum FillRateSearch {
    static func reorderPoint(fillRate beta: Double, leadTime: LeadTimeDemand, protection: LeadTimeDemand,
                             cycleDemand: Double) throws -> Double {
        let allowed = (1 - beta) * cycleDemand
        if protection.kind == .normal {
            guard protection.variance > 0 else { return protection.mean }
            let sigma = protection.standardDeviation
            let z = try SafetyStockFormulas.z(forFillRate: beta, orderQuantity: cycleDemand, standardDeviation: sigma)
            return protection.mean + z * sigma
        }
        let isCount: (LeadTimeDemand) -> Bool = { $0.kind == .poisson || $0.kind == .negativeBinomial }
        if isCount(protection) && isCount(leadTime) {
            return jointWalk(allowed: allowed, leadTime: leadTime, protection: protection)
        }
        return bisect(allowed: allowed, leadTime: leadTime, protection: protection)
    }

    /// Both laws are counts: walk them together, one integer at a time, carrying both loss functions.
    static func jointWalk(allowed: Double, leadTime: LeadTimeDemand, protection: LeadTimeDemand) -> Double {
        guard protection.mean > 0 else { return 0 }
        var p = protection.countWalk
        var l = leadTime.countWalk
        // Loss of the lead-time law at p.k, whichever walk starts higher.
        func leadLoss(at k: Double) -> Double {
            if k < l.k { return max(0, leadTime.mean - k) }
            l.advance(to: k)
            return l.k < k ? 0 : l.loss
        }
        while p.k < p.limit {
            if p.loss - leadLoss(at: p.k) <= allowed { return p.k }
            p.step()
        }
        return p.k
    }

    /// Any other mix of laws: ESC(S) is non-increasing in S (its slope is F_{L+R}(S) − F_L(S) ≤ 0),
    /// so bisect on the integers.
    static func bisect(allowed: Double, leadTime: LeadTimeDemand, protection: LeadTimeDemand) -> Double {
        func shortage(_ s: Double) -> Double {
            protection.expectedShortage(stock: s) - leadTime.expectedShortage(stock: s)
        }
        var lo = 0.0
        if shortage(lo) <= allowed { return 0 }
        var hi = max(1, protection.quantile(1 - 1e-12).rounded(.up))
        while shortage(hi) > allowed && hi < 1e12 { hi *= 2 }
        while hi - lo > 1 {
            let mid = ((lo + hi) / 2).rounded(.down)
            if shortage(mid) <= allowed { hi = mid } else { lo = mid }
        }
        return hi
    }
}
