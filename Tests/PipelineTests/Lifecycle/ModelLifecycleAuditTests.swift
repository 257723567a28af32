import Foundation
import Pipeline
import Storage
import Testing

/// Alias moves land in the shop's hash-chained audit trail beside the approval queue's rows.
@Suite struct ModelLifecycleAuditTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// promote v1 (1 move), promote v2 (champion + previous: 2 moves), rollback (champion + previous
    /// removed: 2 moves) → 5 rows, people as users with the CLI as source, and an intact chain.
    @Test func promotionsAndRollbackAreAudited() async throws {
        let (store, shopID) = try await SQLiteStore.lifecycleShop()
        for mase in [1.0, 0.9] { _ = try await store.registerTestVersion(shopID: shopID, mase: mase) }
        let lifecycle = ModelLifecycle(store: store, kinds: ModelKinds([LifecycleTestKind(values: [1])]))
        try await lifecycle.promote(shopID: shopID, kind: "forecast", version: 1, actor: "cli:ana", reason: "first", at: t0)
        try await lifecycle.promote(shopID: shopID, kind: "forecast", version: 2, actor: "cli:ana", reason: "better", at: t0.addingTimeInterval(1))
        try await lifecycle.rollback(shopID: shopID, kind: "forecast", actor: "scheduler", reason: "bad week", at: t0.addingTimeInterval(2))

        let rows = try await store.auditEntries(shopID: shopID, after: 0, limit: 100, proposalID: nil)
        let lines = rows.map {
            "\($0.entry.action) \($0.entry.targetID) \($0.entry.oldValue ?? "-")→\($0.entry.newValue ?? "-") \($0.entry.actorType.rawValue):\($0.entry.actorID) \($0.entry.source)"
        }
        #expect(lines == [
            #"model.promote forecast/champion -→{"version":1} user:cli:ana cli"#,
            #"model.promote forecast/champion {"version":1}→{"version":2} user:cli:ana cli"#,
            #"model.promote forecast/previous -→{"version":1} user:cli:ana cli"#,
            #"model.rollback forecast/champion {"version":2}→{"version":1} system:scheduler scheduler"#,
            #"model.rollback forecast/previous {"version":1}→- system:scheduler scheduler"#,
        ])
        #expect(rows.map(\.sequence) == [1, 2, 3, 4, 5])
        let verification = try await store.verifyAudit(shopID: shopID)
        #expect(verification.isIntact)
        #expect(verification.rows == 5)
    }
}
