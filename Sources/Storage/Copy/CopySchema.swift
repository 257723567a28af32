import Foundation
import GRDB
import PostgresNIO

/// The tables `storewise db copy` moves, read from the SQLite file's own schema and checked against
/// the PostgreSQL one (same tables, same columns: both come from the same migrations).
struct CopySchema: Sendable {
    /// One table: its columns in SQLite's order, how it is paged, and what PostgreSQL stores.
    struct Table: Sendable {
        var name: String
        var columns: [String]
        /// Primary-key columns in key order (keyset paging); empty: paged by rowid.
        var primaryKey: [String]
        /// `shop_id` for most tables, `id` for `shops`, nil for tables of no shop (`oauth_states`).
        var shopColumn: String?
        /// Parent tables (foreign keys other than to `shops`): copied before this one.
        var parents: Set<String>
        /// PostgreSQL's type of each column (`bigint`, `text`, `double precision`, `bytea` …).
        var targetTypes: [String: String] = [:]
        /// PostgreSQL identity columns, advanced past the copied values afterwards.
        var identityColumns: [String] = []
    }

    /// Parents first (`shops` first of all).
    var tables: [Table]

    /// Tables never copied: migration bookkeeping of either side, and leases (who leads the
    /// scheduler *now* is a fact of the running processes, not history).
    static let skipped: Set<String> = ["grdb_migrations", "sqlite_sequence", "schema_migrations", "leader_leases"]

    /// Reads the SQLite schema.
    static func read(_ db: Database) throws -> CopySchema {
        let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .filter { !skipped.contains($0) }
        var tables: [Table] = []
        for name in names {
            let info = try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
            let columns: [String] = info.map { $0["name"] }
            let primaryKey = info.filter { ($0["pk"] as Int64? ?? 0) > 0 }.sorted { ($0["pk"] as Int64) < ($1["pk"] as Int64) }.map { $0["name"] as String }
            let parents = try Set(String.fetchAll(db, sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)", arguments: [name]))
                .subtracting(["shops", name])
            let shopColumn = name == "shops" ? "id" : columns.contains("shop_id") ? "shop_id" : nil
            tables.append(Table(name: name, columns: columns, primaryKey: primaryKey, shopColumn: shopColumn, parents: parents))
        }
        return CopySchema(tables: try ordered(tables))
    }

    /// `shops` first, then every table after its parents.
    static func ordered(_ tables: [Table]) throws -> [Table] {
        var done: Set<String> = [], result: [Table] = []
        var pending = tables.sorted { ($0.name == "shops" ? 0 : 1, $0.name) < ($1.name == "shops" ? 0 : 1, $1.name) }
        while !pending.isEmpty {
            guard let next = pending.firstIndex(where: { $0.parents.isSubset(of: done) }) else {
                throw DatabaseCopyError("the foreign keys of \(pending.map(\.name).joined(separator: ", ")) form a cycle")
            }
            let table = pending.remove(at: next)
            done.insert(table.name)
            result.append(table)
        }
        return result
    }

    /// Fills in PostgreSQL's column types and identity columns; throws naming every table or column
    /// the target lacks (an older or newer schema on one side: run the same Storewise version on both).
    mutating func match(target: PostgresStore) async throws {
        var types: [String: [String: String]] = [:], identity: [String: [String]] = [:]
        let rows = try await target.rows("""
            SELECT table_name::text, column_name::text, data_type::text, is_identity::text FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """)
        for row in rows {
            let (table, column, type, isIdentity) = try row.decode((String, String, String, String).self)
            types[table, default: [:]][column] = type
            if isIdentity == "YES" { identity[table, default: []].append(column) }
        }
        var problems: [String] = []
        for index in tables.indices {
            let name = tables[index].name
            guard let columns = types[name] else { problems.append("table \(name) is missing"); continue }
            let missing = tables[index].columns.filter { columns[$0] == nil }
            if !missing.isEmpty { problems.append("\(name) lacks \(missing.joined(separator: ", "))") }
            tables[index].targetTypes = columns
            tables[index].identityColumns = identity[name] ?? []
        }
        guard problems.isEmpty else {
            throw DatabaseCopyError("the PostgreSQL schema does not match the SQLite one (\(problems.joined(separator: "; "))); "
                                    + "migrate both with the same Storewise version")
        }
    }
}

/// Why a copy was refused or failed, in words that say what to do.
public struct DatabaseCopyError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// `"name"`: an identifier from the schema, quoted for either dialect.
func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// `text` padded with spaces to `width` (at least one space after it), for aligned report columns.
func padded(_ text: String, _ width: Int) -> String {
    text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0)
}
