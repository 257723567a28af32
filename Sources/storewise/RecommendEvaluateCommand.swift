import ArgumentParser
import Foundation
import Pipeline
import Recommendations
import Storage

/// `storewise recommend evaluate`: offline evaluation on a time split of basket lines — Storewise
/// against the popularity and random baselines on "customers also bought" (next basket) and
/// "frequently bought together" (hide one item of each test basket).
struct RecommendEvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate recommendations on held-out orders: HR, precision, recall, NDCG at k, MRR, coverage, popularity bias.",
        discussion: """
        Reads basket-line CSV files (basket_id,item_name or basket_id,customer_id,timestamp,item_id,…; \
        a folder means its CSV files whose header starts with basket_id), trains on the baskets before \
        --split and asks every model about the baskets at or after it, with the same k and exclusions. \
        Non-merchandise codes (--exclude, by default Online Retail's postage, carriage, fees, discounts \
        and manual lines) are left out of training and test alike. Example:
          storewise recommend evaluate ../shared/data-baskets/online_retail --split 2011-10-01 --k 10
        With --db and --shop it evaluates a shop's own stored orders instead (test and cancelled \
        orders, gift cards and lines without a product left out, as in the served model):
          storewise recommend evaluate --db data/storewise.sqlite --shop my-shop.myshopify.com --split 2025-05-01
        """
    )

    @Argument(help: "Basket-line CSV files or folders of them.") var paths: [String] = []
    @Option(help: "A Storewise SQLite database to read a shop's orders from (with --shop).") var db: String?
    @Option(help: "The shop whose stored orders are evaluated (with --db).") var shop: String?
    @Option(help: "Split time (yyyy-mm-dd or yyyy-mm-dd hh:mm): train before, test at or after.") var split: String
    @Option(help: "List length scored.") var k = 10
    @Option(help: "Item codes left out of training and test, comma-separated; 'none' for none. Default: Online Retail's non-merchandise codes.")
    var exclude: String?
    @Option(help: "all, both (next-basket and bought-together), next-basket, new-items or bought-together.") var task = "all"
    @Option(help: "Item similarity of the Storewise model: cosine, bm25 or both (one row each).") var similarity = "both"
    @Option(help: "Seed of the hidden-item draw (bought-together).") var seed = EvaluationTask.defaultSeed
    @Flag(help: "Print one JSON object per task and model instead of tables.") var json = false

    func validate() throws {
        guard (db == nil) == (shop == nil) else { throw ValidationError("--db and --shop go together") }
        guard paths.isEmpty != (shop == nil) else {
            throw ValidationError("give basket-line files or folders, or --db and --shop, not both and not neither")
        }
        guard k >= 1 else { throw ValidationError("--k must be at least 1, got \(k)") }
        guard BasketLinesReader.parseTime(Substring(split)) != nil else {
            throw ValidationError("--split '\(split)' is not a date (yyyy-mm-dd or yyyy-mm-dd hh:mm)")
        }
        _ = try tasks()
        _ = try variants()
    }

    func tasks() throws -> [EvaluationTask] {
        switch task {
        case "all": return [.nextBasket, .newItems, .boughtTogether]
        case "both": return [.nextBasket, .boughtTogether]
        default:
            guard let one = EvaluationTask(rawValue: task) else {
                throw ValidationError("--task must be all, both, next-basket, new-items or bought-together, got '\(task)'")
            }
            return [one]
        }
    }

    func variants() throws -> [StorewiseVariant] {
        switch similarity {
        case "both": return StorewiseVariant.allCases
        default:
            guard let one = StorewiseVariant(rawValue: similarity) else {
                throw ValidationError("--similarity must be cosine, bm25 or both, got '\(similarity)'")
            }
            return [one]
        }
    }

    /// The codes left out: the Online Retail list by default, none for "none".
    var excludedItems: Set<String> {
        guard let exclude else { return shop == nil ? Set(OfflineEvaluation.onlineRetailNonMerchandise) : [] }
        if exclude == "none" { return [] }
        return Set(exclude.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    func run() async throws {
        let splitTime = BasketLinesReader.parseTime(Substring(split))!
        let data: BasketData
        if let db, let shop {
            data = try await Self.read(database: db, shop: shop, excluding: excludedItems)
        } else {
            data = try Self.read(paths, excluding: excludedItems)
        }
        var evaluation = OfflineEvaluation(data: data, split: splitTime, k: k)
        evaluation.taskSeed = seed
        if !json {
            say("\(data.baskets.count) baskets, \(data.items.count) items, \(data.customers.count) customers; "
                + "excluded codes: \(excludedItems.isEmpty ? "none" : excludedItems.sorted().joined(separator: " "))")
            say("split \(split): \(evaluation.train.count) training baskets, \(evaluation.test.count) test baskets; "
                + "catalogue \(evaluation.catalogue.size) items sold in training")
        }
        guard !evaluation.train.isEmpty, !evaluation.test.isEmpty else {
            throw ValidationError("--split \(split) leaves \(evaluation.train.count) training and \(evaluation.test.count) test baskets; both must be non-empty")
        }

        let models = try variants().map { variant in
            var line = ProgressLine("training \(variant.title)", total: evaluation.train.count)
            let model = evaluation.trainModel(RecommendationConfiguration(similarity: variant.similarity)) { done, _ in line.update(done) }
            line.finish(evaluation.train.count, summary: "\(model.itemCount) items")
            return (variant, Recommender(model: model))
        }
        for task in try tasks() {
            let cases = evaluation.cases(task)
            var line: ProgressLine?
            let progress: (String, Int, Int) -> Void = { name, done, total in
                if line?.label != "\(task.rawValue) \(name)" { line = ProgressLine("\(task.rawValue) \(name)", total: total) }
                line?.update(done, force: done == total)
            }
            var rows: [ModelEvaluation] = []
            for (variant, recommender) in models {
                rows.append(evaluation.evaluate(variant.title, recommender, cases, progress: progress))
            }
            rows += evaluation.baselines(cases, progress: progress)
            if json {
                for row in rows { say(Self.jsonLine(task: task, row: row, split: split)) }
            } else {
                Self.printTable(task: task, rows: rows, k: k)
            }
        }
    }

    // MARK: - Output

    static func printTable(task: EvaluationTask, rows: [ModelEvaluation], k: Int) {
        let cases = rows.first?.cases ?? 0
        say("")
        switch task {
        case .nextBasket:
            say("next basket: \(cases) customers with a training basket; relevant = their first test basket")
        case .newItems:
            say("new items (customers also bought): \(cases) customers; relevant = items of their first test basket never bought before; past items excluded")
        case .boughtTogether:
            say("bought together: \(cases) test baskets of 2+ items; one hidden item to predict from the rest")
        }
        let head = ["model", "cases", "HR@\(k)", "P@\(k)", "R@\(k)", "NDCG@\(k)", "MRR", "coverage", "pop. mean", "top 10 %"]
        say(pad(head[0], 20) + head.dropFirst().map { lpad($0, 9) }.joined())
        for row in rows {
            let values = [
                "\(row.cases)", fixed(row.mean.hit), fixed(row.mean.precision), fixed(row.mean.recall), fixed(row.mean.ndcg),
                fixed(row.mean.reciprocalRank), fixed(row.coverage), fixed(row.meanPopularity, digits: 1), fixed(row.topDecileShare),
            ]
            say(pad(row.model, 20) + values.map { lpad($0, 9) }.joined())
            if row.violations > 0 { say("  ! \(row.model) showed \(row.violations) excluded items") }
        }
        if let popular = rows.first(where: { $0.model == "Popularity" }), popular.mean.hit > 0 {
            for row in rows where row.model.hasPrefix("Storewise") {
                say("\(row.model) / popularity HR@\(k): \(fixed(row.mean.hit / popular.mean.hit, digits: 2))×")
            }
        }
    }

    static func jsonLine(task: EvaluationTask, row: ModelEvaluation, split: String) -> String {
        let object: [String: Any] = [
            "task": task.rawValue, "model": row.model, "split": split, "k": row.k, "cases": row.cases,
            "hr": row.mean.hit, "precision": row.mean.precision, "recall": row.mean.recall, "ndcg": row.mean.ndcg,
            "mrr": row.mean.reciprocalRank, "coverage": row.coverage, "mean_popularity": row.meanPopularity,
            "top_decile_share": row.topDecileShare, "shown": row.shown, "violations": row.violations,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func fixed(_ value: Double, digits: Int = 4) -> String { String(format: "%.\(digits)f", value) }
    static func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0) }
    static func lpad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(width - text.count, 1)) + text }

    // MARK: - Input

    /// Reads every file (a folder: its CSV files whose header starts with basket_id, by name).
    /// A shop's stored orders as baskets of product ids (keys are the ids as text).
    static func read(database path: String, shop domain: String, excluding excluded: Set<String>) async throws -> BasketData {
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("--db \(path) does not exist") }
        let store = try SQLiteStore(path: path)
        guard let record = try await store.shop(domain: domain.lowercased()) else {
            throw ValidationError("no shop \(domain) in \(path)")
        }
        return try await RecommendationsKind.basketData(store, shopID: record.id, excluding: excluded)
    }

    static func read(_ paths: [String], excluding excluded: Set<String>) throws -> BasketData {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("\(path): no such file or folder")
            }
            if isFolder.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".csv") }.sorted()
                for name in names {
                    let file = (path as NSString).appendingPathComponent(name)
                    if let handle = FileHandle(forReadingAtPath: file) {
                        let head = String(decoding: handle.readData(ofLength: 9), as: UTF8.self)
                        try? handle.close()
                        if head == "basket_id" { files.append(file) }
                    }
                }
            } else {
                files.append(path)
            }
        }
        guard !files.isEmpty else { throw ValidationError("no basket-line CSV files in \(paths.joined(separator: ", "))") }
        var reader = BasketLinesReader(excludedItems: excluded)
        var line = ProgressLine("reading", total: files.count)
        for (index, file) in files.enumerated() {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            do { try reader.read(Array(bytes), source: (file as NSString).lastPathComponent) } catch {
                throw ValidationError(error.description)
            }
            line.update(index + 1)
        }
        let data = reader.finish()
        line.finish(files.count, summary: "\(data.baskets.count) baskets")
        return data
    }
}

/// The Storewise model variants compared: the item similarity behind "customers also bought".
enum StorewiseVariant: String, CaseIterable {
    case cosine, bm25
    var title: String { self == .cosine ? "Storewise (cosine)" : "Storewise (BM25)" }
    var similarity: SimilarityMeasure { self == .cosine ? .cosine : .bm25 }
}
