import ArgumentParser
import Foundation
import Recommendations

/// `storewise recommend rules`: association rules (X ⇒ y) from basket lines, like arules'
/// `apriori` — frequent itemsets by support, one-item consequents by confidence, listed by lift.
struct RecommendRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Mine frequent itemsets and association rules (one-item consequents) from basket-lines CSV files.",
        discussion: """
        Reads basket lines (basket_id plus item_id or item_name; cancellations left out), mines the \
        itemsets held by at least --support of the baskets (count ≥ support × baskets, in integers), \
        and keeps the rules X ⇒ y with confidence ≥ --confidence. Prints itemsets by size, rule \
        counts, the time of each step and the top rules by lift. Examples:
          storewise recommend rules ../shared/data-baskets/groceries/groceries_lines.csv --support 0.001 --confidence 0.5
          storewise recommend rules ../shared/data-baskets/online_retail --support 0.01 \\
            --names ../shared/data-baskets/online_retail/online_retail_items.csv --output rules.csv
        """
    )

    @Argument(help: "Basket-lines CSV files, or folders whose .csv files with a basket_id column are read.")
    var paths: [String]
    @Option(help: "Minimum support: the fraction of baskets an itemset must be in.") var support = 0.001
    @Option(help: "Minimum support as a basket count (instead of --support).") var minCount: Int?
    @Option(help: "Minimum confidence of a rule.") var confidence = 0.5
    @Option(help: "Longest itemset (antecedent plus consequent).") var maxLength: Int?
    @Option(help: "Rules to print, by lift.") var top = 10
    @Option(help: "CSV naming the items: first column the key, second the name (e.g. online_retail_items.csv).") var names: String?
    @Option(help: "Write all rules as CSV: antecedent (keys joined by |),consequent,count,support,confidence,lift.") var output: String?
    @Option(help: "Item keys to leave out, comma-separated (e.g. POST,M).") var exclude: String?
    @Option(help: "Times to repeat the mining steps; the median is reported.") var repeats = 1
    @Flag(help: "Print one JSON line of counts and timings on standard output (the report goes to standard error).") var json = false

    func validate() throws {
        guard support > 0, support <= 1 else { throw ValidationError("--support must be in (0, 1], got \(support)") }
        if let minCount, minCount < 1 { throw ValidationError("--min-count must be at least 1, got \(minCount)") }
        guard confidence >= 0, confidence <= 1 else { throw ValidationError("--confidence must be in [0, 1], got \(confidence)") }
        if let maxLength, maxLength < 2 { throw ValidationError("--max-length must be at least 2 (a rule has two items), got \(maxLength)") }
        guard top >= 0 else { throw ValidationError("--top must be at least 0, got \(top)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
    }

    func run() throws {
        let toStandardError = json
        func report(_ text: String) {
            if toStandardError { FileHandle.standardError.write(Data((text + "\n").utf8)) } else { say(text) }
        }
        let started = ContinuousClock.now

        // Read.
        let files = try Self.basketFiles(paths)
        var reader = BasketLinesReader(excludedItems: Set((exclude ?? "").split(separator: ",").map { String($0) }))
        for file in files {
            guard let bytes = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            try reader.read(Array(bytes), source: (file as NSString).lastPathComponent)
        }
        let data = reader.finish()
        let readSeconds = Self.seconds(since: started)
        let itemNames = try names.map(Self.readNames) ?? [:]
        func name(_ item: Int32) -> String {
            let key = data.items.key(at: item)
            guard let name = itemNames[key] else { return key }
            return "\(key) \(name)"
        }

        // Mine: itemsets, then rules, each `repeats` times.
        let miner = try minCount.map { try FrequentItemsetMiner(minCount: $0, maxLength: maxLength) }
            ?? FrequentItemsetMiner(minSupport: support, maxLength: maxLength)
        let ruleMiner = try RuleMiner(minConfidence: confidence)
        var itemsetRuns: [Double] = [], ruleRuns: [Double] = [], cpuRuns: [Double] = []
        var itemsets: FrequentItemsets!
        var rules: [AssociationRule] = []
        for _ in 0..<repeats {
            let cpuStart = Self.threadCPUSeconds()
            var start = ContinuousClock.now
            itemsets = miner.mine(data.baskets, itemCount: data.items.count)
            itemsetRuns.append(Self.seconds(since: start))
            start = ContinuousClock.now
            rules = ruleMiner.rules(from: itemsets)
            ruleRuns.append(Self.seconds(since: start))
            cpuRuns.append(Self.threadCPUSeconds() - cpuStart)
        }
        let itemsetSeconds = Self.median(itemsetRuns), ruleSeconds = Self.median(ruleRuns)
        let endToEnd = readSeconds + itemsetSeconds + ruleSeconds

        // Deterministic order: by lift (exact), then item keys rather than reading order.
        let keysOf = { (rule: AssociationRule) in rule.antecedent.map { data.items.key(at: $0) }.sorted() }
        let sorted = rules.sorted { a, b in
            let measures = AssociationRule.compareByLift(a, b)
            if measures != 0 { return measures < 0 }
            let ka = keysOf(a), kb = keysOf(b)
            if ka != kb { return ka.lexicographicallyPrecedes(kb) }
            return data.items.key(at: a.consequent) < data.items.key(at: b.consequent)
        }
        if let output {
            var text = "antecedent,consequent,count,support,confidence,lift\n"
            for rule in sorted {
                text += Self.csvField(keysOf(rule).joined(separator: "|")) + "," + Self.csvField(data.items.key(at: rule.consequent))
                text += ",\(rule.count)," + String(format: "%.6f,%.6f,%.6f", rule.support, rule.confidence, rule.lift) + "\n"
            }
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        }

        let bySize = itemsets.countsBySize().sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        report("\(files.count) file(s): \(data.lineCount) lines, \(data.baskets.count) baskets (\(data.cancelledBasketCount) cancelled left out), \(data.items.count) items")
        report("support \(minCount.map { "count ≥ \($0)" } ?? "\(support)") → count ≥ \(itemsets.minCount); confidence ≥ \(confidence)")
        report("\(itemsets.count) frequent itemsets (by size \(bySize)); \(rules.count) rules")
        report(String(format: "read %.4f s, itemsets %.5f s, rules %.5f s (median of %d), total %.4f s", readSeconds, itemsetSeconds, ruleSeconds, repeats, endToEnd))
        if top > 0, !sorted.isEmpty {
            report("")
            report("top \(min(top, sorted.count)) rules by lift:          count   support  confidence    lift  coverage")
            for rule in sorted.prefix(top) {
                let text = "{" + rule.antecedent.map(name).joined(separator: ", ") + "} ⇒ {" + name(rule.consequent) + "}"
                report(text)
                report(String(format: "    %35d  %8.4f  %10.4f  %6.2f  %8.4f", rule.count, rule.support, rule.confidence, rule.lift, rule.coverage))
            }
        }
        if let output { report("wrote \(rules.count) rules to \(output)") }
        if json {
            let record: [String: Any] = [
                "tool": "storewise", "baskets": data.baskets.count, "items": data.items.count, "min_count": itemsets.minCount,
                "itemsets": itemsets.count, "itemsets_by_size": Dictionary(uniqueKeysWithValues: itemsets.countsBySize().map { ("\($0.key)", $0.value) }),
                "rules": rules.count, "read_seconds": readSeconds, "itemsets_seconds": itemsetSeconds, "rules_seconds": ruleSeconds,
                "mine_seconds": itemsetSeconds + ruleSeconds, "mine_cpu_seconds": Self.median(cpuRuns), "end_to_end_seconds": endToEnd, "repeats": repeats,
                "itemsets_runs": itemsetRuns, "rules_runs": ruleRuns,
            ]
            say(String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self))
        }
    }

    /// The files named, with each folder replaced by its `.csv` files that have a basket_id column.
    static func basketFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw CLIError("no such file or folder: \(path)") }
            guard isFolder.boolValue else { files.append(path); continue }
            let found = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".csv") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
                .filter { file in
                    guard let handle = FileHandle(forReadingAtPath: file) else { return false }
                    defer { try? handle.close() }
                    let head = String(decoding: handle.readData(ofLength: 4_096), as: UTF8.self)
                    return head.split(separator: "\n", maxSplits: 1).first?.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "basket_id" } ?? false
                }
            guard !found.isEmpty else { throw CLIError("\(path) holds no .csv file with a basket_id column") }
            files += found
        }
        return files
    }

    /// Key → name from a CSV whose first two columns are the key and the name (header skipped).
    static func readNames(_ path: String) throws -> [String: String] {
        guard let bytes = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read --names \(path)") }
        var result: [String: String] = [:]
        for (number, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n").enumerated() where number > 0 {
            let fields = csvFields(line.hasSuffix("\r") ? line.dropLast() : line)
            guard fields.count >= 2 else { throw CLIError("--names \(path) line \(number + 1): expected key,name, got '\(line)'") }
            result[fields[0]] = fields[1]
        }
        return result
    }

    /// The fields of one RFC-4180 record (quoted fields may hold commas and doubled quotes).
    static func csvFields(_ line: Substring) -> [String] {
        var fields: [String] = [], field = "", quoted = false, index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            if quoted {
                if c == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex, line[next] == "\"" { field.append("\""); index = next } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { fields.append(field); field = "" } else { field.append(c) }
            index = line.index(after: index)
        }
        fields.append(field)
        return fields
    }

    static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// CPU time of the calling thread: mining is single-threaded, and this is less disturbed
    /// than the wall clock when other work shares the cores.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}
