import GRDB

/// The SQLite schema, as ordered, named migrations. A migration that shipped is never edited:
/// change the schema with a new one appended at the end.
///
/// Conventions: every table carries `shop_id` and leads its keys with it; instants are INTEGER
/// milliseconds since the Unix epoch (UTC); money is INTEGER minor units beside a currency TEXT;
/// `day` is a shop-local calendar day 'YYYY-MM-DD'; lists and addresses are JSON TEXT.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-shops") { db in
            try db.execute(sql: """
                CREATE TABLE shops (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    domain TEXT NOT NULL UNIQUE,
                    shopify_id INTEGER,
                    name TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    time_zone TEXT NOT NULL,
                    webhook_secret TEXT NOT NULL,
                    api_token_hash TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    uninstalled_at INTEGER
                );
                CREATE INDEX shops_api_token_hash ON shops(api_token_hash);
                """)
        }
        migrator.registerMigration("v1-events") { db in
            // The log; the only table with a foreign key: an event of an unknown shop fails here.
            // The dedupe key (shop, topic, webhook id) is indexed webhook id first so that the same
            // index answers "any topic with this webhook id": one random-order index per event
            // instead of two, which is most of the log's write cost.
            try db.execute(sql: """
                CREATE TABLE events (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    shop_id INTEGER NOT NULL REFERENCES shops(id),
                    topic TEXT NOT NULL,
                    webhook_id TEXT NOT NULL,
                    source TEXT NOT NULL,
                    api_version TEXT,
                    resource_id INTEGER,
                    customer_id INTEGER,
                    received_at INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    UNIQUE (shop_id, webhook_id, topic)
                );
                CREATE INDEX events_shop_customer ON events(shop_id, customer_id) WHERE customer_id IS NOT NULL;
                CREATE INDEX events_shop_resource ON events(shop_id, resource_id) WHERE resource_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v1-projections") { db in
            try db.execute(sql: ordersSQL + catalogSQL + demandSQL)
        }
        migrator.registerMigration("v2-shops-online-location") { db in
            // Where online orders' demand is counted (see `Shop.onlineLocationID`).
            try db.execute(sql: "ALTER TABLE shops ADD COLUMN online_location_id INTEGER")
        }
        migrator.registerMigration("v3-forecasts") { db in
            try db.execute(sql: forecastsSQL)
        }
        migrator.registerMigration("v4-replenishment") { db in
            try db.execute(sql: replenishmentSQL)
        }
        migrator.registerMigration("v5-customer-value") { db in
            try db.execute(sql: customerValueSQL)
        }
        migrator.registerMigration("v6-recommendations") { db in
            try db.execute(sql: recommendationsSQL)
        }
        migrator.registerMigration("v7-lifecycle") { db in
            try db.execute(sql: lifecycleSQL)
        }
        migrator.registerMigration("v8-actions") { db in
            try db.execute(sql: actionsSQL)
        }
        migrator.registerMigration("v9-risk") { db in try db.execute(sql: riskSQL) }
        migrator.registerMigration("v10-leader-leases") { db in
            // Who leads the scheduler and the background jobs (`LeaderLeaseStore`): one row per lease name.
            try db.execute(sql: """
                CREATE TABLE leader_leases (
                    name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL, acquired_at INTEGER NOT NULL
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v10-training-shards") { db in
            // The partial results of a sharded training job (`TrainingShardStore`), one per parent job × shard.
            try db.execute(sql: """
                CREATE TABLE training_shards (
                    shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
                    parent_job_id INTEGER NOT NULL, shard_index INTEGER NOT NULL, shard_count INTEGER NOT NULL,
                    job_id INTEGER NOT NULL, result BLOB NOT NULL, created_at INTEGER NOT NULL,
                    PRIMARY KEY (shop_id, parent_job_id, shard_index)
                ) WITHOUT ROWID
                """)
        }
        return migrator
    }

    /// Orders, their lines and refunds. `day`, `demand_location_id` and `counted` are the demand
    /// attribution of a row (see `Projector`), kept so demand can be recomputed by index.
    static let ordersSQL = """
        CREATE TABLE orders (
            shop_id INTEGER NOT NULL, id INTEGER NOT NULL,
            name TEXT NOT NULL, order_number INTEGER, email TEXT, phone TEXT,
            created_at INTEGER NOT NULL, processed_at INTEGER, updated_at INTEGER NOT NULL,
            cancelled_at INTEGER, cancel_reason TEXT, currency TEXT NOT NULL, presentment_currency TEXT,
            channel TEXT NOT NULL, location_id INTEGER, customer_id INTEGER, browser_ip TEXT,
            billing_address TEXT, shipping_address TEXT, financial_status TEXT, fulfillment_status TEXT,
            subtotal_minor INTEGER NOT NULL, total_minor INTEGER NOT NULL,
            total_discounts_minor INTEGER NOT NULL, total_tax_minor INTEGER NOT NULL,
            discount_codes TEXT NOT NULL, tags TEXT NOT NULL, test INTEGER NOT NULL,
            day TEXT NOT NULL, demand_location_id INTEGER NOT NULL, counted INTEGER NOT NULL,
            line_item_count INTEGER NOT NULL, units INTEGER NOT NULL,
            PRIMARY KEY (shop_id, id)
        );
        CREATE INDEX orders_shop_created ON orders(shop_id, created_at);
        CREATE INDEX orders_shop_day ON orders(shop_id, day);
        CREATE INDEX orders_shop_customer ON orders(shop_id, customer_id) WHERE customer_id IS NOT NULL;

        CREATE TABLE line_items (
            shop_id INTEGER NOT NULL, order_id INTEGER NOT NULL, position INTEGER NOT NULL,
            id INTEGER, product_id INTEGER, variant_id INTEGER, title TEXT NOT NULL, variant_title TEXT,
            sku TEXT, vendor TEXT, quantity INTEGER NOT NULL, price_minor INTEGER NOT NULL,
            total_discount_minor INTEGER NOT NULL, currency TEXT NOT NULL, gift_card INTEGER NOT NULL,
            day TEXT NOT NULL, demand_location_id INTEGER NOT NULL, counted INTEGER NOT NULL,
            PRIMARY KEY (shop_id, order_id, position)
        );
        CREATE INDEX line_items_demand ON line_items(shop_id, variant_id, demand_location_id, day) WHERE counted = 1;

        CREATE TABLE refunds (
            shop_id INTEGER NOT NULL, id INTEGER NOT NULL, order_id INTEGER NOT NULL,
            created_at INTEGER NOT NULL, processed_at INTEGER, note TEXT,
            amount_minor INTEGER, amount_currency TEXT, day TEXT NOT NULL,
            PRIMARY KEY (shop_id, id)
        );
        CREATE INDEX refunds_shop_order ON refunds(shop_id, order_id);

        CREATE TABLE refund_line_items (
            shop_id INTEGER NOT NULL, refund_id INTEGER NOT NULL, id INTEGER NOT NULL,
            position INTEGER NOT NULL, order_id INTEGER NOT NULL, line_item_id INTEGER NOT NULL,
            variant_id INTEGER, quantity INTEGER NOT NULL, restock_type TEXT NOT NULL, location_id INTEGER,
            subtotal_minor INTEGER NOT NULL, currency TEXT NOT NULL,
            day TEXT NOT NULL, demand_location_id INTEGER NOT NULL, counted INTEGER NOT NULL,
            PRIMARY KEY (shop_id, refund_id, id)
        );
        CREATE INDEX refund_line_items_order ON refund_line_items(shop_id, order_id);
        CREATE INDEX refund_line_items_demand ON refund_line_items(shop_id, variant_id, demand_location_id, day) WHERE counted = 1;

        """

    /// Catalog, customers, locations and current stock.
    static let catalogSQL = """
        CREATE TABLE products (
            shop_id INTEGER NOT NULL, id INTEGER NOT NULL, title TEXT NOT NULL, vendor TEXT,
            product_type TEXT, handle TEXT, status TEXT, tags TEXT NOT NULL,
            created_at INTEGER, updated_at INTEGER,
            PRIMARY KEY (shop_id, id)
        );
        CREATE INDEX products_shop_title ON products(shop_id, title);

        CREATE TABLE variants (
            shop_id INTEGER NOT NULL, id INTEGER NOT NULL, product_id INTEGER NOT NULL,
            position INTEGER NOT NULL, title TEXT NOT NULL, sku TEXT,
            price_minor INTEGER NOT NULL, compare_at_price_minor INTEGER, currency TEXT NOT NULL,
            inventory_item_id INTEGER, inventory_quantity INTEGER, created_at INTEGER, updated_at INTEGER,
            PRIMARY KEY (shop_id, id)
        );
        CREATE INDEX variants_shop_product ON variants(shop_id, product_id);
        CREATE INDEX variants_shop_inventory_item ON variants(shop_id, inventory_item_id) WHERE inventory_item_id IS NOT NULL;

        CREATE TABLE customers (
            shop_id INTEGER NOT NULL, id INTEGER NOT NULL, email TEXT, phone TEXT,
            first_name TEXT, last_name TEXT, state TEXT, tags TEXT NOT NULL, currency TEXT,
            accepts_email_marketing INTEGER NOT NULL, accepts_sms_marketing INTEGER NOT NULL,
            default_address TEXT, created_at INTEGER, updated_at INTEGER,
            PRIMARY KEY (shop_id, id)
        );

        CREATE TABLE locations (
            shop_id INTEGER NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, is_pos INTEGER NOT NULL,
            PRIMARY KEY (shop_id, id)
        );

        CREATE TABLE inventory_levels (
            shop_id INTEGER NOT NULL, inventory_item_id INTEGER NOT NULL, location_id INTEGER NOT NULL,
            available INTEGER, updated_at INTEGER NOT NULL,
            PRIMARY KEY (shop_id, inventory_item_id, location_id)
        );

        """

    /// Daily demand: one sparse row per variant × location × shop-local day. `available_at` is
    /// the instant of the observation that set `available_end`; `available_max` the largest
    /// observation of the day.
    static let demandSQL = """
        CREATE TABLE daily_demand (
            shop_id INTEGER NOT NULL, variant_id INTEGER NOT NULL, location_id INTEGER NOT NULL,
            day TEXT NOT NULL, units INTEGER NOT NULL, refunded_units INTEGER NOT NULL,
            revenue_minor INTEGER NOT NULL, in_stock INTEGER NOT NULL,
            available_end INTEGER, available_at INTEGER, available_max INTEGER,
            PRIMARY KEY (shop_id, variant_id, location_id, day)
        ) WITHOUT ROWID;
        CREATE INDEX daily_demand_shop_day ON daily_demand(shop_id, day);
        """

    /// Forecast runs, their series (one per variant × location, with the error of a failed one)
    /// and forecast days. Not projections: a replay leaves them alone. They cascade from the shop
    /// (shop/redact deletes them with it) and from their run (retention deletes a run whole).
    /// `levels`, `lower` and `upper` are JSON arrays; the bounds follow the run's level order.
    static let forecastsSQL = """
        CREATE TABLE forecast_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            model_name TEXT NOT NULL, model_version TEXT NOT NULL, created_at INTEGER NOT NULL,
            as_of_day TEXT NOT NULL, horizon INTEGER NOT NULL, levels TEXT NOT NULL,
            series_count INTEGER NOT NULL, failed_count INTEGER NOT NULL, status TEXT NOT NULL,
            duration_ms INTEGER NOT NULL, metrics TEXT NOT NULL,
            UNIQUE (shop_id, id)
        );
        CREATE INDEX forecast_runs_shop_status ON forecast_runs(shop_id, status, id);

        CREATE TABLE forecast_series (
            shop_id INTEGER NOT NULL, run_id INTEGER NOT NULL, variant_id INTEGER NOT NULL, location_id INTEGER NOT NULL,
            history_start_day TEXT NOT NULL, history_days INTEGER NOT NULL, censored_days INTEGER NOT NULL,
            expected_units REAL NOT NULL, error TEXT,
            PRIMARY KEY (shop_id, run_id, variant_id, location_id),
            FOREIGN KEY (shop_id, run_id) REFERENCES forecast_runs(shop_id, id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX forecast_series_rank ON forecast_series(shop_id, run_id, expected_units DESC);

        CREATE TABLE forecast_days (
            shop_id INTEGER NOT NULL, run_id INTEGER NOT NULL, variant_id INTEGER NOT NULL, location_id INTEGER NOT NULL,
            day TEXT NOT NULL, mean REAL NOT NULL, lower TEXT NOT NULL, upper TEXT NOT NULL,
            PRIMARY KEY (shop_id, run_id, variant_id, location_id, day),
            FOREIGN KEY (shop_id, run_id, variant_id, location_id)
                REFERENCES forecast_series(shop_id, run_id, variant_id, location_id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        """

    /// Replenishment settings, plans (lines, transfers) and purchase orders. Not projections: a
    /// replay leaves them alone. Every table cascades from the shop (shop/redact deletes them);
    /// lines and transfers cascade from their plan (retention), purchase orders do not: they
    /// keep `plan_run_id` as a plain column and outlive the plan they were drafted from.
    /// `status_rank` is the position of the status in `StockStatus` (worst first) for sorting;
    /// `search_text` is the lowercased SKU and titles for the table's search box. Two partial
    /// indexes on projections serve the inventory snapshot: open orders (committed units) and
    /// gift-card lines (exclusion); both are tiny and leave projection rows unchanged.
    static let replenishmentSQL = """
        CREATE TABLE replenishment_settings (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            scope TEXT NOT NULL, key TEXT NOT NULL, overrides TEXT NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (shop_id, scope, key)
        ) WITHOUT ROWID;

        CREATE TABLE replenishment_plans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            forecast_run_id INTEGER NOT NULL, created_at INTEGER NOT NULL, as_of_day TEXT NOT NULL,
            line_count INTEGER NOT NULL, order_line_count INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
            metrics TEXT NOT NULL,
            UNIQUE (shop_id, id)
        );

        CREATE TABLE replenishment_lines (
            shop_id INTEGER NOT NULL, plan_id INTEGER NOT NULL, variant_id INTEGER NOT NULL, location_id INTEGER NOT NULL,
            product_id INTEGER NOT NULL, sku TEXT, product_title TEXT NOT NULL, variant_title TEXT NOT NULL,
            vendor TEXT, location_name TEXT, on_hand INTEGER NOT NULL, on_order INTEGER NOT NULL,
            committed INTEGER NOT NULL, position INTEGER NOT NULL, velocity REAL NOT NULL, in_stock_days INTEGER NOT NULL,
            days_of_cover REAL, lead_time_days REAL NOT NULL, review_period_days INTEGER NOT NULL,
            service_level REAL NOT NULL, distribution TEXT NOT NULL, lead_time_demand REAL NOT NULL,
            safety_stock REAL NOT NULL, reorder_point INTEGER NOT NULL, order_up_to INTEGER NOT NULL,
            suggested_quantity INTEGER NOT NULL, replenish_by TEXT, stockout_risk REAL NOT NULL,
            lost_revenue_per_day_minor INTEGER NOT NULL, price_minor INTEGER NOT NULL, unit_cost_minor INTEGER NOT NULL,
            abc_class TEXT NOT NULL, xyz_class TEXT NOT NULL, status TEXT NOT NULL, status_rank INTEGER NOT NULL,
            markdown_percent INTEGER, reason TEXT NOT NULL, search_text TEXT NOT NULL,
            PRIMARY KEY (shop_id, plan_id, variant_id, location_id),
            FOREIGN KEY (shop_id, plan_id) REFERENCES replenishment_plans(shop_id, id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX replenishment_lines_lost_revenue ON replenishment_lines(shop_id, plan_id, lost_revenue_per_day_minor);
        CREATE INDEX replenishment_lines_status ON replenishment_lines(shop_id, plan_id, status_rank, lost_revenue_per_day_minor);
        CREATE INDEX replenishment_lines_to_order ON replenishment_lines(shop_id, plan_id, lost_revenue_per_day_minor)
            WHERE suggested_quantity > 0;

        CREATE TABLE replenishment_transfers (
            shop_id INTEGER NOT NULL, plan_id INTEGER NOT NULL, position INTEGER NOT NULL,
            variant_id INTEGER NOT NULL, from_location_id INTEGER NOT NULL, to_location_id INTEGER NOT NULL,
            quantity INTEGER NOT NULL, reason TEXT NOT NULL,
            PRIMARY KEY (shop_id, plan_id, position),
            FOREIGN KEY (shop_id, plan_id) REFERENCES replenishment_plans(shop_id, id) ON DELETE CASCADE
        ) WITHOUT ROWID;

        CREATE TABLE purchase_orders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            plan_run_id INTEGER NOT NULL, vendor TEXT NOT NULL, status TEXT NOT NULL,
            created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, edited_at INTEGER,
            expected_arrival_day TEXT, currency TEXT NOT NULL,
            UNIQUE (shop_id, id)
        );
        CREATE INDEX purchase_orders_shop_status ON purchase_orders(shop_id, status, id);

        CREATE TABLE purchase_order_lines (
            shop_id INTEGER NOT NULL, order_id INTEGER NOT NULL, variant_id INTEGER NOT NULL, location_id INTEGER NOT NULL,
            position INTEGER NOT NULL, sku TEXT, title TEXT NOT NULL, quantity INTEGER NOT NULL,
            suggested_quantity INTEGER NOT NULL, unit_cost_minor INTEGER NOT NULL, reason TEXT NOT NULL,
            PRIMARY KEY (shop_id, order_id, variant_id, location_id),
            FOREIGN KEY (shop_id, order_id) REFERENCES purchase_orders(shop_id, id) ON DELETE CASCADE
        ) WITHOUT ROWID;

        CREATE INDEX orders_open ON orders(shop_id)
            WHERE cancelled_at IS NULL AND test = 0 AND (fulfillment_status IS NULL OR fulfillment_status = 'partial');
        CREATE INDEX line_items_gift_card ON line_items(shop_id, variant_id) WHERE gift_card = 1;
        """

    /// Projection tables in digest and rebuild order, each with its key order.
    /// Customer-value scoring runs and the latest run's scores. Not projections: a replay leaves
    /// them alone; they cascade from the shop (shop/redact). `customer_scores` holds only the
    /// newest run (each run replaces it in one transaction); runs keep their parameters and
    /// holdout figures for history. Parameters are JSON objects; the holdout is a JSON object or NULL.
    /// `orders_guest_email` finds a customer's orders placed without the customer attached (a POS
    /// sale where the cashier typed the email) for the profile; it holds guest orders only.
    static let customerValueSQL = """
        CREATE TABLE customer_value_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL, model TEXT NOT NULL, parameters TEXT NOT NULL, spend_parameters TEXT NOT NULL,
            mean_order_value REAL NOT NULL, unit_days REAL NOT NULL, log_likelihood REAL NOT NULL,
            customers INTEGER NOT NULL, repeat_buyers INTEGER NOT NULL, orders INTEGER NOT NULL, skipped_orders INTEGER NOT NULL,
            currency TEXT NOT NULL, horizon_days REAL NOT NULL, clv_months INTEGER NOT NULL, holdout TEXT,
            duration_ms INTEGER NOT NULL, event_count INTEGER NOT NULL,
            UNIQUE (shop_id, id)
        );

        CREATE TABLE customer_scores (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            customer_id INTEGER NOT NULL, run_id INTEGER NOT NULL,
            orders INTEGER NOT NULL, online_orders INTEGER NOT NULL, pos_orders INTEGER NOT NULL,
            frequency REAL NOT NULL, recency_days REAL NOT NULL, age_days REAL NOT NULL,
            first_order_day TEXT NOT NULL, last_order_day TEXT NOT NULL,
            spend_minor INTEGER NOT NULL, refunded_minor INTEGER NOT NULL, currency TEXT NOT NULL,
            p_alive REAL NOT NULL, expected_purchases REAL NOT NULL, expected_order_value_minor INTEGER NOT NULL,
            clv_minor INTEGER NOT NULL, r_score INTEGER NOT NULL, f_score INTEGER NOT NULL, m_score INTEGER NOT NULL,
            segment TEXT NOT NULL,
            PRIMARY KEY (shop_id, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX customer_scores_value ON customer_scores(shop_id, clv_minor DESC);
        CREATE INDEX customer_scores_segment ON customer_scores(shop_id, segment, clv_minor DESC);
        CREATE INDEX orders_guest_email ON orders(shop_id, lower(trim(email))) WHERE customer_id IS NULL AND email IS NOT NULL;
        """

    /// Recommendation runs, the precomputed model, merchant rules and the response log. Not
    /// projections: a replay leaves them alone; every table cascades from the shop (shop/redact).
    /// - `recommendation_neighbours`: one row per product and list kind (`SignalKind.rawValue`),
    ///   the list packed best first in `neighbours` (20 bytes per neighbour, little-endian: product
    ///   id Int64, score Float64 bits, evidence Int32): 50k products × 3 kinds is 150k rows instead
    ///   of 4.5M, so a model is written and the serving cache loaded in a fraction of the time. A
    ///   full run replaces the shop's rows, an incremental run some products' rows.
    /// - `recommendation_popular`: the shop-wide "popular" and "trending" lists, one row per rank.
    /// - `recommendation_rules`: one pin or block per (product page, target); product 0 = every page.
    /// - `recommendation_log`: one row per served response, `items` a JSON array of product ids (so
    ///   lift can be measured in SQL with json_each); pruned by age per shop through (shop_id, at).
    /// - `orders_basket` serves the baskets read in (second, id) order: the cursor of a page is a
    ///   whole second and an order id, and Shopify's instants are whole seconds anyway.
    static let recommendationsSQL = """
        CREATE TABLE recommendation_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL, version TEXT NOT NULL, kind TEXT NOT NULL,
            orders INTEGER NOT NULL, products INTEGER NOT NULL, pairs INTEGER NOT NULL,
            parameters TEXT NOT NULL, duration_ms INTEGER NOT NULL, evaluation TEXT,
            UNIQUE (shop_id, id)
        );

        CREATE TABLE recommendation_neighbours (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            product_id INTEGER NOT NULL, kind TEXT NOT NULL, neighbours BLOB NOT NULL,
            PRIMARY KEY (shop_id, product_id, kind)
        ) WITHOUT ROWID;

        CREATE TABLE recommendation_popular (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, rank INTEGER NOT NULL, product_id INTEGER NOT NULL,
            score REAL NOT NULL, evidence INTEGER NOT NULL,
            PRIMARY KEY (shop_id, kind, rank)
        ) WITHOUT ROWID;

        CREATE TABLE recommendation_rules (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            product_id INTEGER NOT NULL, target_id INTEGER NOT NULL, action TEXT NOT NULL,
            position INTEGER NOT NULL, note TEXT, created_at INTEGER NOT NULL,
            PRIMARY KEY (shop_id, product_id, target_id)
        ) WITHOUT ROWID;

        CREATE TABLE recommendation_log (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            at INTEGER NOT NULL, request_id TEXT NOT NULL, surface TEXT NOT NULL, seed TEXT NOT NULL,
            customer_hash TEXT, model_version TEXT NOT NULL, items TEXT NOT NULL, latency_us INTEGER
        );
        CREATE INDEX recommendation_log_shop_at ON recommendation_log(shop_id, at);

        CREATE INDEX orders_basket ON orders(shop_id, created_at / 1000, id);
        """

    static let projectionTables: [(name: String, orderBy: String)] = [
        ("orders", "id"), ("line_items", "order_id, position"), ("refunds", "id"),
        ("refund_line_items", "refund_id, id"), ("products", "id"), ("variants", "id"),
        ("customers", "id"), ("locations", "id"), ("inventory_levels", "inventory_item_id, location_id"),
        ("daily_demand", "variant_id, location_id, day"),
    ]

    /// The model lifecycle (issue 8): registry, job queue, prediction log and monitoring. Not
    /// projections: a replay leaves them alone; every shop-keyed table cascades from the shop
    /// (shop/redact deletes its registry, history included).
    /// - `model_versions`: immutable but for `status`; `catalog` (24 bytes per variant,
    ///   little-endian variant id, product id, price minor) and `reference` are BLOBs listings
    ///   never read. One version per training job (`model_versions_job`).
    /// - `model_alias_history`: append-only; its AUTOINCREMENT id is the cache-invalidation cursor.
    /// - `jobs`: the durable queue; `shop_id` NULL for deployment-wide work. `jobs_lease` serves
    ///   leasing (state, type, due time), `jobs_dedupe` the live dedupe keys.
    /// - `prediction_log.at` is in seconds (as `PredictionLogEntry.at`), pruned by age through `prediction_log_at`.
    static let lifecycleSQL = """
        CREATE TABLE model_versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, version INTEGER NOT NULL, created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL, training_trigger TEXT NOT NULL, job_id INTEGER, parameters TEXT NOT NULL,
            first_event_id INTEGER NOT NULL, last_event_id INTEGER NOT NULL, event_count INTEGER NOT NULL,
            projection_digest TEXT NOT NULL, as_of_day TEXT,
            holdout_metrics TEXT NOT NULL, primary_metric TEXT NOT NULL, higher_is_better INTEGER NOT NULL,
            artifact_uri TEXT NOT NULL, artifact_digest TEXT NOT NULL, status TEXT NOT NULL, status_message TEXT,
            summary TEXT NOT NULL, catalog BLOB NOT NULL, reference BLOB,
            UNIQUE (shop_id, kind, version)
        );
        CREATE UNIQUE INDEX model_versions_job ON model_versions(shop_id, kind, job_id) WHERE job_id IS NOT NULL;
        CREATE INDEX model_versions_artifact ON model_versions(shop_id, artifact_uri);

        CREATE TABLE model_aliases (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (shop_id, kind, name)
        ) WITHOUT ROWID;

        CREATE TABLE model_alias_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, alias TEXT NOT NULL, from_version INTEGER, to_version INTEGER,
            actor TEXT NOT NULL, action TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL
        );
        CREATE INDEX model_alias_history_shop ON model_alias_history(shop_id, kind, alias, id);

        CREATE TABLE model_proposals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, version INTEGER NOT NULL, champion_version INTEGER, metric TEXT NOT NULL,
            candidate_value REAL, champion_value REAL, reason TEXT NOT NULL, status TEXT NOT NULL,
            created_at INTEGER NOT NULL, decided_by TEXT, decided_at INTEGER, decision_note TEXT
        );
        CREATE INDEX model_proposals_shop ON model_proposals(shop_id, status, id);

        CREATE TABLE model_rollouts (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, canary_percent REAL NOT NULL, shadow INTEGER NOT NULL, sample_rate REAL NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (shop_id, kind)
        ) WITHOUT ROWID;

        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER REFERENCES shops(id) ON DELETE CASCADE,
            type TEXT NOT NULL, payload TEXT NOT NULL, dedupe_key TEXT, max_attempts INTEGER NOT NULL,
            requested_by TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, run_after INTEGER NOT NULL,
            lease_owner TEXT, lease_token TEXT, lease_expires_at INTEGER, last_error TEXT, result TEXT,
            created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, finished_at INTEGER
        );
        CREATE INDEX jobs_lease ON jobs(state, type, run_after);
        CREATE INDEX jobs_dedupe ON jobs(dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('queued', 'running');
        CREATE INDEX jobs_shop ON jobs(shop_id, id);

        CREATE TABLE prediction_log (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, request_id TEXT NOT NULL, version INTEGER NOT NULL, arm TEXT NOT NULL,
            subject TEXT NOT NULL, output TEXT NOT NULL, latency_us INTEGER NOT NULL, at INTEGER NOT NULL
        );
        CREATE INDEX prediction_log_shop ON prediction_log(shop_id, kind, at);
        CREATE INDEX prediction_log_at ON prediction_log(at);

        CREATE TABLE model_drift_reports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, version INTEGER NOT NULL, created_at INTEGER NOT NULL,
            reference_from TEXT NOT NULL, reference_to TEXT NOT NULL, current_from TEXT NOT NULL, current_to TEXT NOT NULL,
            reference_rows INTEGER NOT NULL, current_rows INTEGER NOT NULL, column_count INTEGER NOT NULL,
            drifted_columns INTEGER NOT NULL, dataset_drift INTEGER NOT NULL, columns_json TEXT NOT NULL
        );
        CREATE INDEX model_drift_reports_shop ON model_drift_reports(shop_id, kind, id);

        CREATE TABLE model_live_accuracy (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, version INTEGER NOT NULL, measured_at INTEGER NOT NULL,
            from_day TEXT NOT NULL, through_day TEXT NOT NULL, series INTEGER NOT NULL, days INTEGER NOT NULL,
            metrics TEXT NOT NULL, holdout_value REAL
        );
        CREATE INDEX model_live_accuracy_shop ON model_live_accuracy(shop_id, kind, version, id);

        CREATE TABLE model_alerts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, version INTEGER, type TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,
            details TEXT NOT NULL, created_at INTEGER NOT NULL, resolved_at INTEGER, resolved_by TEXT,
            notified INTEGER NOT NULL
        );
        CREATE INDEX model_alerts_open ON model_alerts(shop_id, kind, type) WHERE resolved_at IS NULL;
        CREATE INDEX model_alerts_shop ON model_alerts(shop_id, id);
        """

    /// Actions (issue 9): the approval queue, the hash-chained audit trail, offline tokens, OAuth
    /// state nonces and backfill checkpoints. Not projections (a replay leaves them alone); every
    /// shop-keyed table cascades from the shop, and `deleteShopData` also deletes them by name.
    /// - `action_proposals`: one row per proposal. `action_proposals_shop` serves the inbox
    ///   (shop, status, newest first), `action_proposals_due` the executor's claim (status, due
    ///   time), `action_proposals_expiry` the expiry sweep, and `action_proposals_dedupe` makes a
    ///   live dedupe key unique per shop.
    /// - `audit_log`: append-only, one chain per shop, `hash` chained over `previous_hash` (see
    ///   `AuditChain`); `audit_heads` holds each chain's last sequence and hash, updated in the
    ///   appending transaction, so deleting the newest rows shows.
    /// - `oauth_states`: keyed by nonce, not by shop: the shop row may not exist before the install.
    static let actionsSQL = """
        CREATE TABLE action_proposals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            action_type TEXT NOT NULL, target_type TEXT NOT NULL, target_id TEXT NOT NULL,
            payload TEXT NOT NULL, payload_hash TEXT NOT NULL, model_kind TEXT, model_version INTEGER, confidence REAL,
            reason TEXT NOT NULL, proposed_by TEXT NOT NULL, dedupe_key TEXT, amount_minor INTEGER, currency TEXT,
            expires_at INTEGER NOT NULL,
            status TEXT NOT NULL, verdict TEXT NOT NULL, policy_rule TEXT NOT NULL,
            decided_by TEXT, decided_at INTEGER, decision_reason TEXT, edited_payload TEXT, edited_payload_hash TEXT,
            attempts INTEGER NOT NULL, lease_token TEXT, lease_expires_at INTEGER, next_attempt_at INTEGER,
            outcome TEXT, last_error TEXT, executed_at INTEGER,
            created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
        );
        CREATE INDEX action_proposals_shop ON action_proposals(shop_id, status, created_at);
        CREATE INDEX action_proposals_shop_created ON action_proposals(shop_id, created_at);
        CREATE INDEX action_proposals_due ON action_proposals(status, next_attempt_at);
        CREATE INDEX action_proposals_expiry ON action_proposals(status, expires_at);
        CREATE UNIQUE INDEX action_proposals_dedupe ON action_proposals(shop_id, dedupe_key)
            WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'approved', 'executing');

        CREATE TABLE audit_log (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            sequence INTEGER NOT NULL,
            at INTEGER NOT NULL, actor_type TEXT NOT NULL, actor_id TEXT NOT NULL, action TEXT NOT NULL,
            target_type TEXT NOT NULL, target_id TEXT NOT NULL, proposal_id INTEGER, model_kind TEXT, model_version INTEGER,
            decision TEXT, reason TEXT, old_value TEXT, new_value TEXT, outcome TEXT, source TEXT NOT NULL,
            correlation_id TEXT, payload_hash TEXT,
            previous_hash TEXT NOT NULL, hash TEXT NOT NULL,
            PRIMARY KEY (shop_id, sequence)
        ) WITHOUT ROWID;
        CREATE INDEX audit_log_proposal ON audit_log(shop_id, proposal_id, sequence) WHERE proposal_id IS NOT NULL;

        CREATE TABLE audit_heads (
            shop_id INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
            sequence INTEGER NOT NULL, hash TEXT NOT NULL
        );

        CREATE TABLE shop_credentials (
            shop_id INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
            sealed_token BLOB NOT NULL, scopes TEXT NOT NULL, installed_at INTEGER NOT NULL
        );

        CREATE TABLE oauth_states (
            nonce TEXT PRIMARY KEY, shop_domain TEXT NOT NULL, expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX oauth_states_expiry ON oauth_states(expires_at);

        CREATE TABLE backfill_checkpoints (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            resource TEXT NOT NULL, status TEXT NOT NULL, bulk_operation_id TEXT,
            lines_done INTEGER NOT NULL, roots_done INTEGER NOT NULL, object_count INTEGER, root_object_count INTEGER,
            last_error TEXT, started_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, completed_at INTEGER,
            PRIMARY KEY (shop_id, resource)
        ) WITHOUT ROWID;
        """
}
