/// A fitted purchase model of any ``PurchaseModelKind``, with the predictions scoring needs.
public enum FittedPurchaseModel: Sendable, Equatable {
    case bgnbd(BGNBDModel)
    case mbgnbd(MBGNBDModel)
    case paretonbd(ParetoNBDModel)

    /// Fits a model of `kind` by (penalized) maximum likelihood.
    public static func fit(_ kind: PurchaseModelKind, _ customers: [RFMSummary], weights: [Double]? = nil, penalizer: Double = 0) throws -> FittedPurchaseModel {
        switch kind {
        case .bgnbd: .bgnbd(try BGNBDModel.fit(customers, weights: weights, penalizer: penalizer))
        case .mbgnbd: .mbgnbd(try MBGNBDModel.fit(customers, weights: weights, penalizer: penalizer))
        case .paretonbd: .paretonbd(try ParetoNBDModel.fit(customers, weights: weights, penalizer: penalizer))
        }
    }

    public var kind: PurchaseModelKind {
        switch self {
        case .bgnbd: .bgnbd
        case .mbgnbd: .mbgnbd
        case .paretonbd: .paretonbd
        }
    }

    /// The parameters by their papers' names, in the papers' order.
    public var parameters: [(name: String, value: Double)] {
        switch self {
        case let .bgnbd(m): [("r", m.r), ("alpha", m.alpha), ("a", m.a), ("b", m.b)]
        case let .mbgnbd(m): [("r", m.r), ("alpha", m.alpha), ("a", m.a), ("b", m.b)]
        case let .paretonbd(m): [("r", m.r), ("alpha", m.alpha), ("s", m.s), ("beta", m.beta)]
        }
    }

    /// Rebuilds a model from ``parameters`` (as stored with a scoring run).
    public init(kind: PurchaseModelKind, parameters: [String: Double]) throws {
        func value(_ name: String) throws -> Double {
            guard let v = parameters[name] else {
                throw CustomerValueError.invalidParameter(name: name, reason: "missing from the \(kind.title) parameters")
            }
            return v
        }
        switch kind {
        case .bgnbd: self = .bgnbd(try BGNBDModel(r: value("r"), alpha: value("alpha"), a: value("a"), b: value("b")))
        case .mbgnbd: self = .mbgnbd(try MBGNBDModel(r: value("r"), alpha: value("alpha"), a: value("a"), b: value("b")))
        case .paretonbd: self = .paretonbd(try ParetoNBDModel(r: value("r"), alpha: value("alpha"), s: value("s"), beta: value("beta")))
        }
    }

    /// Σ log-likelihood over `customers`.
    public func logLikelihood(_ customers: [RFMSummary]) -> Double {
        switch self {
        case let .bgnbd(m): m.logLikelihood(customers)
        case let .mbgnbd(m): m.logLikelihood(customers)
        case let .paretonbd(m): m.logLikelihood(customers)
        }
    }

    /// P(alive | x, t_x, T).
    public func probabilityAlive(_ c: RFMSummary) -> Double {
        switch self {
        case let .bgnbd(m): m.probabilityAlive(c)
        case let .mbgnbd(m): m.probabilityAlive(c)
        case let .paretonbd(m): m.probabilityAlive(c)
        }
    }

    /// E[Y(t) | x, t_x, T]: expected purchases in the next `t` time units.
    public func conditionalExpectedPurchases(in t: Double, for c: RFMSummary) throws -> Double {
        switch self {
        case let .bgnbd(m): try m.conditionalExpectedPurchases(in: t, for: c)
        case let .mbgnbd(m): try m.conditionalExpectedPurchases(in: t, for: c)
        case let .paretonbd(m): try m.conditionalExpectedPurchases(in: t, for: c)
        }
    }
}

extension FittedPurchaseModel: PurchaseModel {
    public func expectedPurchases(from customer: RFMSummary, upTo t: Double) throws -> Double {
        try conditionalExpectedPurchases(in: t, for: customer)
    }
}
