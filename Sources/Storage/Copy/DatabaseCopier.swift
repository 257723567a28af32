import Foundation
import GRDB
import Logging
import PostgresNIO

/// Moves shops with their whole history from a SQLite file to a PostgreSQL database
/// (`storewise db copy`), then verifies the copy.
///
/// Every table of the schema is copied column by column (both schemas come from the same
/// migrations), each value converted to the PostgreSQL column's type. Shop ids and every other id
/// are kept, so references between rows stay valid; identity sequences are then advanced past
/// the copied ids. A shop whose id or domain the target already holds is refused. Rows are
/// read in primary-key order, `batchSize` at a time, and each batch of one table and one shop is
/// written in one transaction (multi-row INSERTs, binds per statement below PostgreSQL's 65,535).
/// If a copy fails, the rows of the shops it was copying are deleted from the target again.
///
/// The source should be quiet (no `serve` on it) while it is copied: the copy is not one snapshot.
///
/// ```swift
/// let copier = DatabaseCopier(source: sqlite, target: postgres, progress: { print($0) })
/// let report = try await copier.copy(domains: [])      // [] copies every shop
/// print(report.table); if !report.isMatching { exit(1) }
/// ```
public struct DatabaseCopier: Sendable {
    let source: SQLiteStore
    let target: PostgresStore
    let batchSize: Int
    let progress: @Sendable (String) -> Void

    public init(source: SQLiteStore, target: PostgresStore, batchSize: Int = 5_000, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.source = source; self.target = target; self.batchSize = max(1, batchSize); self.progress = progress
    }

    /// Copies the shops with `domains` (every shop when empty, plus the rows of no shop), then verifies.
    public func copy(domains: [String]) async throws -> DatabaseCopyReport {
        var schema = try await source.writer.read { db in try CopySchema.read(db) }
        try await schema.match(target: target)
        let shops = try await selectShops(domains: domains)
        try await refuseExisting(shops)
        let full = domains.isEmpty
        let shopIDs = shops.map(\.id)
        do {
            for table in schema.tables {
                let started = Date()
                var copied = 0
                if table.shopColumn == nil {
                    if full { copied += try await copyRows(table, shopID: nil) }
                } else {
                    for id in shopIDs { copied += try await copyRows(table, shopID: id) }
                    // Rows of no shop (jobs queued for every shop) come with a full copy only.
                    if full, table.name != "shops" { copied += try await copyRows(table, shopID: nil) }
                }
                let seconds = max(Date().timeIntervalSince(started), 0.001)
                progress(padded(table.name, 28) + String(format: "%10d rows  %7.2f s  %9.0f rows/s", copied, seconds, Double(copied) / seconds))
            }
            try await advanceSequences(schema)
        } catch {
            progress("copy failed (\(String(describing: error))); removing the partly copied shops from the target")
            await remove(shopIDs: shopIDs, schema: schema)
            throw error
        }
        return try await verify(shops: shops, schema: schema, full: full)
    }

    // MARK: Shops

    /// The source's shops with `domains` (all when empty); throws naming the unknown domains.
    func selectShops(domains: [String]) async throws -> [(id: Int64, domain: String)] {
        let all = try await source.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, domain FROM shops ORDER BY id").map { (id: $0["id"] as Int64, domain: $0["domain"] as String) }
        }
        guard !domains.isEmpty else { return all }
        let wanted = Set(domains.map { $0.lowercased() })
        let unknown = wanted.subtracting(all.map { $0.domain.lowercased() })
        guard unknown.isEmpty else {
            throw DatabaseCopyError("the source has no shop \(unknown.sorted().joined(separator: ", ")) (storewise shops list shows its shops)")
        }
        return all.filter { wanted.contains($0.domain.lowercased()) }
    }

    /// Throws naming every shop the target already holds (by id or domain): ids are kept, so a
    /// second copy would collide, and merging two histories of one shop is not a copy.
    func refuseExisting(_ shops: [(id: Int64, domain: String)]) async throws {
        let ids = shops.map(\.id), domains = shops.map(\.domain)
        let rows = try await target.rows("SELECT id, domain FROM shops WHERE id = ANY(\(ids)) OR domain = ANY(\(domains)) ORDER BY id")
        guard !rows.isEmpty else { return }
        let existing = try rows.map { row -> String in
            let (id, domain) = try row.decode((Int64, String).self)
            return "\(domain) (id \(id))"
        }
        throw DatabaseCopyError("the target already holds \(existing.joined(separator: ", ")); copy into a database without them "
                                + "(or pass --shop for the others)")
    }

    // MARK: Rows

    /// Copies one table's rows of one shop (`nil`: the rows of no shop), `batchSize` per transaction.
    func copyRows(_ table: CopySchema.Table, shopID: Int64?) async throws -> Int {
        var copied = 0
        var after: [DatabaseValue]?
        while true {
            let page = try await readPage(table, shopID: shopID, after: after)
            if page.rows.isEmpty { break }
            try await write(table, rows: page.rows, shopID: shopID)
            copied += page.rows.count
            after = page.last
            if page.rows.count < batchSize { break }
        }
        return copied
    }

    /// One page in key order after `after` (the key of the previous page's last row).
    func readPage(_ table: CopySchema.Table, shopID: Int64?, after: [DatabaseValue]?) async throws -> (rows: [[DatabaseValue]], last: [DatabaseValue]?) {
        let key = table.primaryKey.isEmpty ? ["rowid"] : table.primaryKey
        var conditions: [String] = [], arguments: [DatabaseValue] = []
        if let column = table.shopColumn {
            conditions.append("\(quoted(column)) IS ?")
            arguments.append(shopID.databaseValue)
        }
        if let after {
            conditions.append("(\(key.map(quoted).joined(separator: ", "))) > (\(key.map { _ in "?" }.joined(separator: ", ")))")
            arguments.append(contentsOf: after)
        }
        arguments.append(batchSize.databaseValue)
        let sql = "SELECT \((table.columns + key).map(quoted).joined(separator: ", ")) FROM \(quoted(table.name))"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY \(key.map(quoted).joined(separator: ", ")) LIMIT ?"
        let width = table.columns.count
        let statementArguments = StatementArguments(arguments)
        return try await source.writer.read { db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: statementArguments)
            let values = rows.map { row in (0..<width).map { row[$0] as DatabaseValue } }
            let last = rows.last.map { row in (width..<width + key.count).map { row[$0] as DatabaseValue } }
            return (values, last)
        }
    }

    /// Writes rows in one transaction, in multi-row INSERTs.
    func write(_ table: CopySchema.Table, rows: [[DatabaseValue]], shopID: Int64?) async throws {
        let columns = table.columns
        let types = columns.map { table.targetTypes[$0] ?? "text" }
        let perStatement = max(1, min(1_000, 65_000 / max(1, columns.count)))
        let head = "INSERT INTO \(quoted(table.name)) (\(columns.map(quoted).joined(separator: ", "))) VALUES "
        try await target.transaction { connection in
            for start in stride(from: 0, to: rows.count, by: perStatement) {
                let chunk = rows[start..<min(start + perStatement, rows.count)]
                var binds = PostgresBindings(capacity: chunk.count * columns.count)
                var tuples: [String] = []
                tuples.reserveCapacity(chunk.count)
                for row in chunk {
                    let first = binds.count + 1
                    tuples.append("(" + (first..<first + columns.count).map { "$\($0)" }.joined(separator: ", ") + ")")
                    for (index, value) in row.enumerated() {
                        try Self.bind(value, as: types[index], into: &binds, table: table.name, column: columns[index], shopID: shopID)
                    }
                }
                try await connection.execute(PostgresQuery(unsafeSQL: head + tuples.joined(separator: ", "), binds: binds), logger: target.logger)
            }
        }
    }

    /// Binds one SQLite value as the PostgreSQL column's type (SQLite's storage class may differ
    /// from the declared type: a whole REAL, a number in a TEXT column); throws naming the cell.
    static func bind(_ value: DatabaseValue, as type: String, into binds: inout PostgresBindings, table: String, column: String, shopID: Int64?) throws {
        func refuse() -> DatabaseCopyError {
            DatabaseCopyError("\(table).\(column) (shop \(shopID.map(String.init) ?? "none")): \(value) does not fit PostgreSQL's \(type)")
        }
        if value.isNull { binds.appendNull(); return }
        switch type {
        case "bigint", "integer", "smallint":
            switch value.storage {
            case .int64(let v): binds.append(v)
            case .double(let v):
                guard let exact = Int64(exactly: v) else { throw refuse() }
                binds.append(exact)
            case .string(let v):
                guard let parsed = Int64(v) else { throw refuse() }
                binds.append(parsed)
            default: throw refuse()
            }
        case "double precision", "real", "numeric":
            switch value.storage {
            case .int64(let v): binds.append(Double(v))
            case .double(let v): binds.append(v)
            case .string(let v):
                guard let parsed = Double(v) else { throw refuse() }
                binds.append(parsed)
            default: throw refuse()
            }
        case "bytea":
            switch value.storage {
            case .blob(let v): try binds.append(v)
            case .string(let v): try binds.append(Data(v.utf8))
            default: throw refuse()
            }
        case "boolean":
            guard case .int64(let v) = value.storage else { throw refuse() }
            binds.append(v != 0)
        default:
            switch value.storage {
            case .string(let v): binds.append(v)
            case .int64(let v): binds.append(String(v))
            case .double(let v): binds.append(String(v))
            case .blob(let v):
                guard let text = String(data: v, encoding: .utf8) else { throw refuse() }
                binds.append(text)
            case .null: binds.appendNull()
            }
        }
    }

    /// Moves each identity sequence past the largest id in its table (never backwards), so rows
    /// inserted after the copy get fresh ids.
    func advanceSequences(_ schema: CopySchema) async throws {
        for table in schema.tables {
            for column in table.identityColumns {
                try await target.execute(PostgresQuery(unsafeSQL: """
                    SELECT setval(s.name::regclass, GREATEST(COALESCE((SELECT max(\(quoted(column))) FROM \(quoted(table.name))), 0),
                                                              COALESCE(pg_sequence_last_value(s.name::regclass), 0), 1))
                    FROM (SELECT pg_get_serial_sequence($1, $2) AS name) AS s WHERE s.name IS NOT NULL
                    """, binds: Self.binds(quoted(table.name), column)))
            }
        }
    }

    static func binds(_ values: String...) -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { binds.append(value) }
        return binds
    }

    /// Deletes what a failed copy wrote for `shopIDs`, children first.
    func remove(shopIDs: [Int64], schema: CopySchema) async {
        guard !shopIDs.isEmpty else { return }
        do {
            try await target.transaction { connection in
                for table in schema.tables.reversed() {
                    guard let column = table.shopColumn else { continue }
                    try await connection.execute(PostgresQuery(unsafeSQL: "DELETE FROM \(quoted(table.name)) WHERE \(quoted(column)) = ANY($1)",
                                                               binds: { var b = PostgresBindings(); b.append(shopIDs); return b }()),
                                                 logger: target.logger)
                }
            }
        } catch {
            progress("could not remove the partly copied shops (\(String(describing: error))); delete shops \(shopIDs) on the target by hand")
        }
    }
}
