import Commerce
import Foundation

extension Projector {
    /// disputes/create and disputes/update: the dispute row by id (a newer status replaces the
    /// older; a replay writes the same rows). Disputes are labels, not demand: nothing else moves.
    func upsertDispute(_ d: Dispute) throws -> Bool {
        try execute("""
            INSERT INTO disputes (shop_id, id, order_id, type, amount_minor, currency, reason, status, initiated_at, finalized_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (shop_id, id) DO UPDATE SET order_id = excluded.order_id, type = excluded.type,
                amount_minor = excluded.amount_minor, currency = excluded.currency, reason = excluded.reason,
                status = excluded.status, initiated_at = excluded.initiated_at, finalized_at = excluded.finalized_at
            """, [
                shopID, d.id, d.orderID, d.type, d.amount.minorUnits, d.amount.currency, d.reason, d.status,
                d.initiatedAt.storageMilliseconds, d.finalizedAt?.storageMilliseconds,
            ])
        return true
    }
}
