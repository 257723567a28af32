import Foundation
import GRDB
import PostgresNIO

/// What `storewise db copy` found when it compared the two databases after the copy.
public struct DatabaseCopyReport: Sendable {
    /// Row counts of one table and one shop (nil: the rows of no shop) on both sides.
    public struct Count: Sendable, Hashable {
        public var table: String
        public var shopID: Int64?
        public var source: Int
        public var target: Int
        public var matches: Bool { source == target }
    }

    /// One shop's audit chain and projection digest on both sides.
    public struct Shop: Sendable {
        public var id: Int64
        public var domain: String
        public var sourceAudit: AuditVerification?
        public var targetAudit: AuditVerification?
        public var sourceDigest: String?
        public var targetDigest: String?
        /// What could not be checked (the backend refused), verbatim.
        public var errors: [String] = []

        /// Intact on the target, same head (sequence and hash) as the source.
        public var auditMatches: Bool {
            guard let s = sourceAudit, let t = targetAudit else { return false }
            return t.isIntact && s.headHash == t.headHash && s.headSequence == t.headSequence && s.rows == t.rows
        }
        public var digestMatches: Bool { sourceDigest != nil && sourceDigest == targetDigest }
    }

    public var counts: [Count]
    public var shops: [Shop]

    /// Every count equal, every audit chain intact with the source's head, every digest equal.
    public var isMatching: Bool {
        counts.allSatisfy(\.matches) && shops.allSatisfy { $0.auditMatches && $0.digestMatches && $0.errors.isEmpty }
    }

    /// The counts (tables with rows, or mismatched), then one line per shop.
    public var table: String {
        var lines = [padded("table", 28) + "    shop       source       target"]
        for count in counts where count.source > 0 || count.target > 0 || !count.matches {
            lines.append(padded(count.table, 28) + String(format: "%8@ %12d %12d  ", (count.shopID.map(String.init) ?? "-") as NSString,
                                                        count.source, count.target) + (count.matches ? "ok" : "MISMATCH"))
        }
        for shop in shops {
            let head = shop.targetAudit.map { "audit \($0.rows) rows, head \($0.headSequence) \($0.headHash.prefix(12))" } ?? "audit not read"
            lines.append("shop \(shop.id) \(shop.domain): \(head) \(shop.auditMatches ? "ok" : "MISMATCH"); "
                         + "digest \(shop.targetDigest.map { String($0.prefix(12)) } ?? "not read") \(shop.digestMatches ? "ok" : "MISMATCH")"
                         + (shop.errors.isEmpty ? "" : "; " + shop.errors.joined(separator: "; ")))
        }
        return lines.joined(separator: "\n")
    }
}

extension DatabaseCopier {
    /// Compares row counts per table and shop, each shop's audit chain (intact on the target, same
    /// head hash) and its projection digest.
    func verify(shops: [(id: Int64, domain: String)], schema: CopySchema, full: Bool) async throws -> DatabaseCopyReport {
        var counts: [DatabaseCopyReport.Count] = []
        for table in schema.tables {
            var keys: [Int64?] = table.shopColumn == nil ? (full ? [nil] : []) : shops.map(\.id)
            if full, table.shopColumn != nil, table.name != "shops" { keys.append(nil) }
            for shopID in keys {
                let source = try await sourceCount(table, shopID: shopID)
                let target = try await targetCount(table, shopID: shopID)
                counts.append(.init(table: table.name, shopID: shopID, source: source, target: target))
            }
        }
        var results: [DatabaseCopyReport.Shop] = []
        for shop in shops {
            var result = DatabaseCopyReport.Shop(id: shop.id, domain: shop.domain)
            do { result.sourceAudit = try await source.verifyAudit(shopID: shop.id) } catch { result.errors.append("source audit: \(error)") }
            do { result.targetAudit = try await target.verifyAudit(shopID: shop.id) } catch { result.errors.append("target audit: \(error)") }
            do { result.sourceDigest = try await source.projectionDigest(shopID: shop.id) } catch { result.errors.append("source digest: \(error)") }
            do { result.targetDigest = try await target.projectionDigest(shopID: shop.id) } catch { result.errors.append("target digest: \(error)") }
            results.append(result)
        }
        return DatabaseCopyReport(counts: counts, shops: results)
    }

    func sourceCount(_ table: CopySchema.Table, shopID: Int64?) async throws -> Int {
        let sql = "SELECT count(*) FROM \(quoted(table.name))" + (table.shopColumn.map { " WHERE \(quoted($0)) IS ?" } ?? "")
        let arguments: StatementArguments = table.shopColumn == nil ? [] : [shopID]
        return try await source.writer.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    func targetCount(_ table: CopySchema.Table, shopID: Int64?) async throws -> Int {
        var sql = "SELECT count(*) FROM \(quoted(table.name))"
        var binds = PostgresBindings()
        if let column = table.shopColumn {
            if let shopID {
                sql += " WHERE \(quoted(column)) = $1"
                binds.append(shopID)
            } else {
                sql += " WHERE \(quoted(column)) IS NULL"
            }
        }
        return Int(try await target.scalar(PostgresQuery(unsafeSQL: sql, binds: binds)) ?? 0)
    }
}
