import Foundation

/// The reason on a plan line: the numbers behind the suggestion in one short paragraph, so a
/// merchant can check it by hand ("why 36?").
enum PlanReason {
    static func describe(
        input: ItemPlanInput, decision: PolicyDecision, health: StockHealth, velocity: Velocity,
        protection: LeadTimeDemand?, protectionDays: Double
    ) -> String {
        var parts: [String] = []
        if velocity.windowDays > 0 && velocity.unitsPerDay == 0 {
            parts.append("No sales in the last \(velocity.windowDays) days.")
        } else if velocity.windowDays > 0 {
            var sells = "Sells \(number(velocity.unitsPerDay))/day"
            if velocity.inStockDays < velocity.windowDays {
                sells += " on in-stock days (\(velocity.inStockDays) of the last \(velocity.windowDays))"
            }
            parts.append(sells + ".")
        } else {
            parts.append("No sales yet.")
        }
        if let protection {
            let lead = number(input.leadTime.meanDays)
            let sd = input.leadTime.standardDeviationDays > 0 ? " ± \(number(input.leadTime.standardDeviationDays))" : ""
            parts.append(
                "Lead time \(lead)\(sd) d + review \(input.reviewPeriodDays) d: expects \(number(protection.mean)) units; "
                    + "\(percent(decision.serviceLevel)) service (\(label(decision.distribution))) → reorder point \(decision.reorderPoint)"
                    + (decision.orderUpTo != decision.reorderPoint ? ", order up to \(decision.orderUpTo)." : "."))
        }
        var stock = "Position \(input.position)"
        if input.onOrder != 0 || input.committed != 0 {
            stock += " (on hand \(input.onHand), on order \(input.onOrder), committed \(input.committed))"
        }
        if decision.suggestedQuantity > 0 {
            stock += " → order \(decision.suggestedQuantity)."
        } else {
            stock += decision.reorderPoint > 0 ? " ≥ reorder point: no order." : "."
        }
        parts.append(stock)
        parts.append(contentsOf: decision.notes.map { sentence($0) })
        parts.append(contentsOf: health.notes.map { sentence($0) })
        return parts.joined(separator: " ")
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e6 { return String(Int(value)) }
        return String(format: abs(value) < 10 ? "%.2f" : "%.1f", value)
    }

    static func percent(_ level: Double) -> String {
        let p = level * 100
        return (p == p.rounded() ? String(Int(p)) : String(format: "%.1f", p)) + " %"
    }

    static func label(_ kind: DemandDistributionKind) -> String {
        switch kind {
        case .normal: "normal"
        case .poisson: "Poisson"
        case .negativeBinomial: "negative binomial"
        case .empirical: "empirical"
        }
    }

    static func sentence(_ note: String) -> String {
        guard let first = note.first else { return note }
        let capitalised = first.uppercased() + note.dropFirst()
        return capitalised.hasSuffix(".") ? capitalised : capitalised + "."
    }
}
