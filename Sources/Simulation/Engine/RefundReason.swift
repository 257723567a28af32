/// Why a buyer got money back, in the free-text words merchants type into the refund note, and
/// whether the goods go back on the shelf.
struct RefundReason: Sendable {
    let note: String
    let restocks: Bool
    /// Product types the reason fits; empty fits any.
    let types: [String]
    let weight: Double

    static let all: [RefundReason] = [
        RefundReason(note: "Changed my mind", restocks: true, types: [], weight: 5),
        RefundReason(note: "Ordered by mistake", restocks: true, types: [], weight: 2),
        RefundReason(note: "Arrived damaged", restocks: false, types: ["Mugs", "Brewing"], weight: 4),
        RefundReason(note: "Mug arrived chipped", restocks: false, types: ["Mugs"], weight: 3),
        RefundReason(note: "Wrong size", restocks: true, types: ["Mugs", "Brewing", "Filters"], weight: 3),
        RefundReason(note: "Wrong grind – needed whole bean", restocks: false, types: ["Coffee"], weight: 4),
        RefundReason(note: "Bag arrived open", restocks: false, types: ["Coffee", "Tea"], weight: 2),
        RefundReason(note: "Didn't like the taste", restocks: false, types: ["Coffee", "Tea", "Chocolate"], weight: 3),
        RefundReason(note: "Stopped working after a week", restocks: false, types: ["Brewing"], weight: 3),
        RefundReason(note: "Not as described", restocks: true, types: [], weight: 2),
        RefundReason(note: "Wrong item sent", restocks: true, types: [], weight: 2),
        RefundReason(note: "Arrived too late for the gift", restocks: true, types: [], weight: 1),
        RefundReason(note: "Melted in transit", restocks: false, types: ["Chocolate"], weight: 3),
        RefundReason(note: "Gift return", restocks: true, types: ["Mugs", "Brewing", "Tea"], weight: 2),
    ]

    /// Reasons that fit a product type, with their weights.
    static func fitting(_ type: String) -> [RefundReason] {
        all.filter { $0.types.isEmpty || $0.types.contains(type) }
    }
}
