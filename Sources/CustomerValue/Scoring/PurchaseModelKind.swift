/// Which buy-till-you-die model predicts a customer's purchases.
///
/// BG/NBD is the default: its likelihood is closed-form, it fits a million customers in seconds,
/// and on CDNOW it predicts the holdout as well as Pareto/NBD (Fader, Hardie & Lee 2005).
/// MBG/NBD lets one-time buyers drop out too (Batislam et al. 2007); Pareto/NBD lets customers
/// drop out at any time rather than only after a purchase (Schmittlein, Morrison & Colombo 1987).
public enum PurchaseModelKind: String, Sendable, Hashable, Codable, CaseIterable {
    case bgnbd
    case mbgnbd
    case paretonbd

    /// How papers and lifetimes name the model.
    public var title: String {
        switch self {
        case .bgnbd: "BG/NBD"
        case .mbgnbd: "MBG/NBD"
        case .paretonbd: "Pareto/NBD"
        }
    }
}
