/// An offline evaluation on a time split of basket data: the training baskets (before the split)
/// to train on, the cases of each task (at or after it), and the scoring of Storewise and the
/// baselines with the same k, the same exclusions and the same catalogue.
///
/// ```swift
/// let evaluation = OfflineEvaluation(data: data, split: BasketLinesReader.parseTime("2011-10-01")!, k: 10)
/// var trainer = RecommendationTrainer(configuration: .init())
/// for basket in evaluation.train { trainer.add(basket) }
/// let storewise = Recommender(model: trainer.model())
/// let cases = evaluation.cases(.boughtTogether)
/// let rows = evaluation.baselines(cases) + [evaluation.evaluate("Storewise", storewise, cases)]
/// ```
public struct OfflineEvaluation: Sendable {
    /// Stock codes of the UCI Online Retail data that are not merchandise (postage, carriage,
    /// fees, discounts, manual adjustments, charity commission, a 0.001 GBP filler line): a shop
    /// never recommends them, so they are left out of training and test alike, for every model.
    public static let onlineRetailNonMerchandise: [String] = [
        "POST",          // POSTAGE
        "DOT",           // DOTCOM POSTAGE
        "C2",            // CARRIAGE
        "23444",         // Next Day Carriage
        "23574",         // PACKING CHARGE
        "BANK CHARGES",  // Bank Charges
        "AMAZONFEE",     // AMAZON FEE (guest rows of the full UCI table)
        "CRUK",          // CRUK Commission
        "D",             // Discount
        "M",             // Manual
        "S",             // SAMPLES (guest rows of the full UCI table)
        "B",             // Adjust bad debt (guest rows of the full UCI table)
        "PADS",          // PADS TO MATCH ALL CUSHIONS at 0.001 GBP, a filler line
    ]

    public let train: [Basket]
    public let test: [Basket]
    /// The split time: training baskets are before it, test baskets at or after it.
    public let split: Int64
    public let evaluator: OfflineEvaluator
    /// The seed of the bought-together task's hidden-item draw.
    public var taskSeed: UInt64 = EvaluationTask.defaultSeed
    /// The seed of the random baseline.
    public var randomSeed: UInt64 = 7

    public var k: Int { evaluator.k }
    public var catalogue: EvaluationCatalogue { evaluator.catalogue }

    public init(data: BasketData, split: Int64, k: Int = 10) {
        (train, test) = data.split(at: split)
        self.split = split
        evaluator = OfflineEvaluator(train: train, itemCount: data.items.count, k: k)
    }

    /// The task's cases; questions are asked at the split time.
    public func cases(_ task: EvaluationTask) -> [EvaluationCase] {
        task.cases(train: train, test: test, now: split, seed: taskSeed)
    }

    /// The popularity and random baselines on `cases`.
    public func baselines(_ cases: [EvaluationCase], progress: ((String, Int, Int) -> Void)? = nil) -> [ModelEvaluation] {
        let popular = PopularityBaseline(catalogue)
        var random = RandomBaseline(catalogue, seed: randomSeed)
        let k = self.k
        return [
            evaluator.evaluate("Popularity", cases, progress: progress.map { p in { p("Popularity", $0, $1) } }) {
                popular.recommend($0, limit: k)
            },
            evaluator.evaluate("Random", cases, progress: progress.map { p in { p("Random", $0, $1) } }) {
                random.recommend($0, limit: k)
            },
        ]
    }

    /// A Storewise recommender on `cases`: the bought-together cases ask for `.cart(rest)`, the
    /// next-basket cases for `.customer(history:)` at the split time; the case's exclusions are
    /// the merchant rules' `excluded`, and nothing else is filtered.
    public func evaluate(_ name: String, _ recommender: Recommender, _ cases: [EvaluationCase],
                         progress: ((String, Int, Int) -> Void)? = nil) -> ModelEvaluation {
        let k = self.k
        return evaluator.evaluate(name, cases, progress: progress.map { p in { p(name, $0, $1) } }) {
            recommender.recommendations(for: $0.request, rules: MerchantRules(excluded: Set($0.excluded)), limit: k).map(\.item)
        }
    }
}

extension EvaluationCase {
    /// The request Storewise answers for this case: the rest of the basket as a cart, or the history.
    public var request: RecommendationRequest {
        seeds.isEmpty ? .customer(history: history, now: now) : .cart(seeds)
    }
}
