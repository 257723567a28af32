extension SQLiteMigrations {
    /// Risk (issue 10): assessments, trained risk models and the disputes projection.
    /// - `risk_assessments`: one row per shop × subject (the newest scoring replaces the row);
    ///   `level_rank` (NONE 0 … HIGH 3) serves "flagged" as a range on `risk_assessments_flagged`.
    /// - `risk_models`: a trained model's bytes and SHA-256, the artifact `risk-model:<id>` a
    ///   registry version points at.
    /// - `disputes`: chargebacks and inquiries from disputes/* webhooks (upserted by id, so a
    ///   replay of the log rebuilds the same rows); the labels query reads them with orders.
    /// Every table cascades from the shop (shop/redact removes them).
    static let riskSQL = """
        CREATE TABLE risk_assessments (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            subject_kind TEXT NOT NULL, subject_id INTEGER NOT NULL,
            at INTEGER NOT NULL, probability REAL NOT NULL, level TEXT NOT NULL, level_rank INTEGER NOT NULL,
            facts TEXT NOT NULL, scorer TEXT NOT NULL, model_version INTEGER, features TEXT NOT NULL,
            scored_at INTEGER NOT NULL,
            PRIMARY KEY (shop_id, subject_kind, subject_id)
        ) WITHOUT ROWID;
        CREATE INDEX risk_assessments_flagged ON risk_assessments(shop_id, level_rank, at);

        CREATE TABLE risk_models (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL, model BLOB NOT NULL, digest TEXT NOT NULL, summary TEXT NOT NULL
        );
        CREATE INDEX risk_models_shop ON risk_models(shop_id, id);

        CREATE TABLE disputes (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            id INTEGER NOT NULL, order_id INTEGER, type TEXT NOT NULL,
            amount_minor INTEGER NOT NULL, currency TEXT NOT NULL, reason TEXT, status TEXT,
            initiated_at INTEGER NOT NULL, finalized_at INTEGER,
            PRIMARY KEY (shop_id, id)
        ) WITHOUT ROWID;
        CREATE INDEX disputes_shop_order ON disputes(shop_id, order_id);
        """
}
