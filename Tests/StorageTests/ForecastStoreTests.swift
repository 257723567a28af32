import Commerce
import Foundation
@testable import Storage
import Testing
import TestSupport

/// `ForecastStore` through its protocol only, on every backend (`Backend.all`), same expectations.
@Suite struct ForecastStoreTests {
    typealias Store = ForecastStore & ShopStore & EventLog

    /// A fresh store with one shop on `backend`. Keep `database` alive for the test: its folder
    /// (SQLite) or its client (PostgreSQL) goes with it.
    func makeStore(_ backend: Backend) async throws -> (store: any Store, shopID: Int64, database: ConformanceDatabase) {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        return (database.store, shop.id, database)
    }

    func run(shopID: Int64, status: ForecastRunStatus = .completed, asOf: String = "2024-03-31", model: String = "SeasonalMean(7, 4)") -> ForecastRun {
        ForecastRun(
            shopID: shopID, modelName: model, modelVersion: "1", createdAt: utc("2024-04-01T06:00:00Z"), asOfDay: asOf,
            horizon: 2, levels: [50, 95], seriesCount: 3, failedCount: 1, status: status, durationSeconds: 0.25,
            metrics: ["expected_units": 9.5, "censored_share": 0.125])
    }

    /// Two forecast series (expected 6.5 and 3 units over two days) and one that failed.
    func series() -> [ForecastSeries] {
        [
            ForecastSeries(variantID: 11, locationID: 0, historyStartDay: "2024-01-05", historyDays: 87, censoredDays: 0, expectedUnits: 3, days: [
                ForecastDay(day: "2024-04-01", mean: 1.5, lower: [1, 0], upper: [2, 3.25]),
                ForecastDay(day: "2024-04-02", mean: 1.5, lower: [1, 0], upper: [2, 3.25]),
            ]),
            ForecastSeries(variantID: 12, locationID: 77, historyStartDay: "2024-02-01", historyDays: 60, censoredDays: 4, expectedUnits: 6.5, days: [
                ForecastDay(day: "2024-04-01", mean: 3, lower: [2.5, 1], upper: [3.5, 5]),
                ForecastDay(day: "2024-04-02", mean: 3.5, lower: [3, 1.5], upper: [4, 6]),
            ]),
            ForecastSeries(variantID: 13, locationID: 0, historyStartDay: "2024-03-31", historyDays: 1, censoredDays: 0, expectedUnits: 0,
                           error: "SeasonalMean(7, 4) needs at least 2 observations, got 1"),
        ]
    }

    @Test(arguments: Backend.all) func aRunRoundTrips(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let saved = try await store.saveForecastRun(run(shopID: shopID), series: series(), keepRuns: 10)
        #expect(saved.id > 0)
        var expected = run(shopID: shopID)
        expected.id = saved.id
        #expect(saved == expected)
        #expect(try await store.latestForecastRun(shopID: shopID) == expected)
        #expect(try await store.forecastRun(shopID: shopID, id: saved.id) == expected)

        // All series with their days in one read, by variant and location; the failed one without days.
        #expect(try await store.forecastSeriesWithDays(shopID: shopID, runID: saved.id) == series())

        let one = try #require(try await store.forecastSeries(shopID: shopID, runID: saved.id, variantID: 12, locationID: 77))
        #expect(one == series()[1])
        #expect(try await store.forecastSeries(shopID: shopID, runID: saved.id, variantID: 12, locationID: 0) == nil)

        // Ranked by expected units, failed series left out and listed apart, without days.
        let ranked = try await store.rankedForecastSeries(shopID: shopID, runID: saved.id, limit: 10, offset: 0)
        #expect(ranked.map(\.variantID) == [12, 11])
        #expect(ranked.allSatisfy { $0.days.isEmpty })
        #expect(try await store.rankedForecastSeries(shopID: shopID, runID: saved.id, limit: 1, offset: 1).map(\.variantID) == [11])
        let failed = try await store.failedForecastSeries(shopID: shopID, runID: saved.id, limit: 10)
        #expect(failed.map(\.variantID) == [13])
        #expect(failed.first?.error == "SeasonalMean(7, 4) needs at least 2 observations, got 1")
    }

    @Test(arguments: Backend.all) func latestIsTheNewestCompletedRun(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        #expect(try await store.latestForecastRun(shopID: shopID) == nil)
        let first = try await store.saveForecastRun(run(shopID: shopID, asOf: "2024-03-30"), series: series(), keepRuns: 10)
        let second = try await store.saveForecastRun(run(shopID: shopID, asOf: "2024-03-31"), series: series(), keepRuns: 10)
        let failed = try await store.saveForecastRun(run(shopID: shopID, status: .failed), series: [], keepRuns: 10)
        #expect(first.id < second.id && second.id < failed.id)
        #expect(try await store.latestForecastRun(shopID: shopID)?.id == second.id)
        #expect(try await store.forecastRuns(shopID: shopID, limit: 10).map(\.id) == [failed.id, second.id, first.id])
        #expect(try await store.forecastRuns(shopID: shopID, limit: 2).map(\.status) == [.failed, .completed])
    }

    @Test(arguments: Backend.all) func retentionKeepsTheNewestRunsAndTheLatestCompletedOne(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        var ids: [Int64] = []
        for _ in 0..<4 {
            ids.append(try await store.saveForecastRun(run(shopID: shopID), series: series(), keepRuns: 2).id)
        }
        #expect(try await store.forecastRuns(shopID: shopID, limit: 10).map(\.id) == [ids[3], ids[2]])
        // The dropped runs' series and days went with them.
        #expect(try await store.forecastSeries(shopID: shopID, runID: ids[0], variantID: 12, locationID: 77) == nil)
        #expect(try await store.rankedForecastSeries(shopID: shopID, runID: ids[1], limit: 10, offset: 0).isEmpty)
        #expect(try await store.forecastSeries(shopID: shopID, runID: ids[3], variantID: 12, locationID: 77) != nil)

        // Failed runs beyond the count never push out the last completed run.
        let failedA = try await store.saveForecastRun(run(shopID: shopID, status: .failed), series: [], keepRuns: 1)
        let failedB = try await store.saveForecastRun(run(shopID: shopID, status: .failed), series: [], keepRuns: 1)
        #expect(try await store.forecastRuns(shopID: shopID, limit: 10).map(\.id) == [failedB.id, ids[3]])
        #expect(failedA.id < failedB.id)
        #expect(try await store.latestForecastRun(shopID: shopID)?.id == ids[3])
    }

    @Test(arguments: Backend.all) func runsBelongToTheirShop(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        let other = try await database.makeShop(domain: "other.myshopify.com")
        let saved = try await store.saveForecastRun(run(shopID: shopID), series: series(), keepRuns: 10)
        #expect(try await store.latestForecastRun(shopID: other.id) == nil)
        #expect(try await store.forecastRun(shopID: other.id, id: saved.id) == nil)
        #expect(try await store.forecastSeries(shopID: other.id, runID: saved.id, variantID: 12, locationID: 77) == nil)
        #expect(try await store.rankedForecastSeries(shopID: other.id, runID: saved.id, limit: 10, offset: 0).isEmpty)
        // Retention in one shop leaves the other's runs alone.
        _ = try await store.saveForecastRun(run(shopID: other.id), series: series(), keepRuns: 1)
        _ = try await store.saveForecastRun(run(shopID: other.id), series: series(), keepRuns: 1)
        #expect(try await store.forecastRun(shopID: shopID, id: saved.id) != nil)
    }

    @Test(arguments: Backend.all) func anUnknownShopIsRefusedAndNothingIsWritten(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        await #expect(throws: StorageError.unknownShop(id: 999)) {
            try await store.saveForecastRun(run(shopID: 999), series: series(), keepRuns: 10)
        }
        #expect(try await store.forecastRuns(shopID: 999, limit: 10).isEmpty)
        #expect(try await store.forecastRuns(shopID: shopID, limit: 10).isEmpty)
    }

    @Test(arguments: Backend.all) func deletingTheShopDeletesItsForecasts(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        let saved = try await store.saveForecastRun(run(shopID: shopID), series: series(), keepRuns: 10)
        try await store.deleteShopData(shopID: shopID)
        #expect(try await store.forecastRuns(shopID: shopID, limit: 10).isEmpty)
        #expect(try await store.forecastSeries(shopID: shopID, runID: saved.id, variantID: 12, locationID: 77) == nil)
        #expect(try await database.count("SELECT count(*) FROM forecast_days") == 0)
        #expect(try await database.count("SELECT count(*) FROM forecast_series") == 0)
    }

    @Test(arguments: Backend.all) func nonFiniteBoundsComeBackAsNaN(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let odd = ForecastSeries(variantID: 1, locationID: 0, historyStartDay: "2024-03-01", historyDays: 31, censoredDays: 0, expectedUnits: 1,
                                 days: [ForecastDay(day: "2024-04-01", mean: 1, lower: [0.5, -.infinity], upper: [1.5, .infinity])])
        let saved = try await store.saveForecastRun(run(shopID: shopID), series: [odd], keepRuns: 10)
        let back = try #require(try await store.forecastSeries(shopID: shopID, runID: saved.id, variantID: 1, locationID: 0))
        #expect(back.days.first?.lower.first == 0.5)
        #expect(back.days.first?.lower.last?.isNaN == true)
        #expect(back.days.first?.upper.last?.isNaN == true)
    }
}

/// A run of realistic size (several batches of day rows on PostgreSQL) comes back exactly.
@Suite struct ForecastStoreBulkTests {
    /// 2,000 series × 28 days (every 97th series failed, without days), means and bounds drawn
    /// with full 53-bit mantissas so any rounding on the way would show.
    static func bulkSeries() -> [ForecastSeries] {
        var random = SplitMix(seed: 2_000_28)
        let days = (1...28).map { String(format: "2024-04-%02d", $0) }
        return (0..<2_000).map { i in
            let variant = Int64(10_000 + i / 2), location = Int64(i % 2 == 0 ? 0 : 77)
            if i % 97 == 0 {
                return ForecastSeries(variantID: variant, locationID: location, historyStartDay: "2024-01-01", historyDays: 1,
                                      censoredDays: 0, expectedUnits: 0, error: "series \(i) failed")
            }
            let series = days.map { day in
                let mean = random.uniform() * 40
                return ForecastDay(day: day, mean: mean, lower: [mean * random.uniform(), mean * random.uniform() / 3],
                                   upper: [mean + random.uniform(), mean * (1 + random.uniform()) * 1e-3 + 1e7])
            }
            return ForecastSeries(variantID: variant, locationID: location, historyStartDay: "2023-12-31", historyDays: 91 + i % 7,
                                  censoredDays: i % 5, expectedUnits: series.reduce(0) { $0 + $1.mean }, days: series)
        }
    }

    @Test(arguments: Backend.all) func twoThousandSeriesOfTwentyEightDaysRoundTripExactly(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        let series = Self.bulkSeries()
        let run = ForecastRun(
            shopID: shop.id, modelName: "Croston", modelVersion: "2", createdAt: utc("2024-04-01T06:00:00Z"), asOfDay: "2024-03-31",
            horizon: 28, levels: [50, 95], seriesCount: series.count, failedCount: series.filter { $0.error != nil }.count,
            status: .completed, durationSeconds: 12.5, metrics: ["expected_units": 1.25])
        let saved = try await database.store.saveForecastRun(run, series: series, keepRuns: 3)
        // 2,000 series, 21 of them failed (i = 0, 97, …, 1940): 1,979 × 28 = 55,412 day rows.
        #expect(try await database.count("SELECT count(*) FROM forecast_series WHERE run_id = ?", [saved.id]) == 2_000)
        #expect(try await database.count("SELECT count(*) FROM forecast_days WHERE run_id = ?", [saved.id]) == 55_412)

        let back = try await database.store.forecastSeriesWithDays(shopID: shop.id, runID: saved.id)
        #expect(back.count == series.count)
        #expect(back == series)
        // Bit for bit, not merely equal: every mean and bound.
        let bits = { (all: [ForecastSeries]) in
            all.flatMap { $0.days.flatMap { [$0.mean.bitPattern] + $0.lower.map(\.bitPattern) + $0.upper.map(\.bitPattern) } }
        }
        #expect(bits(back) == bits(series))
        #expect(back.map(\.expectedUnits.bitPattern) == series.map(\.expectedUnits.bitPattern))
        let one = try #require(try await database.store.forecastSeries(shopID: shop.id, runID: saved.id, variantID: 10_500, locationID: 77))
        #expect(one == series[1_001])
    }
}

/// Two PostgreSQL clients (as two workers) saving runs of one shop at once.
@Suite struct ForecastStoreTwoClientTests {
    @Test func runsSavedByTwoClientsAtOnceKeepTheNewestAndTheirRowsOnly() async throws {
        guard TestPostgres.isAvailable else { return TestPostgres.noteSkipped() }
        let url = try await TestPostgres.freshDatabaseURL()
        let stores = try (0..<2).map { _ in try PostgresStore(url: url, maximumConnections: 4) }
        let lifetimes = stores.map(PostgresLifetime.init)
        defer { _ = lifetimes }
        let shopID = try await stores[0].createShop(
            Shop(id: 9, domain: "demo.myshopify.com", name: "Demo", currency: "USD", timeZone: "America/New_York"),
            webhookSecret: "secret", apiTokenHash: "hash", at: utc("2024-01-01T00:00:00Z")).id
        let tests = ForecastStoreTests()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores {
                group.addTask {
                    for _ in 0..<5 { _ = try await store.saveForecastRun(tests.run(shopID: shopID), series: tests.series(), keepRuns: 2) }
                }
            }
            try await group.waitForAll()
        }
        // One save per shop at a time: the last to commit saw every other run, so exactly the two
        // newest remain, and their 3 series and 4 day rows each (the failed series has no days).
        let runs = try await stores[1].forecastRuns(shopID: shopID, limit: 20)
        #expect(runs.count == 2)
        #expect(try await stores[0].scalar("SELECT count(*) FROM forecast_series") == 6)
        #expect(try await stores[0].scalar("SELECT count(*) FROM forecast_days") == 8)
        for run in runs {
            #expect(try await stores[1].forecastSeriesWithDays(shopID: shopID, runID: run.id) == tests.series())
        }
    }
}

@Suite struct ForecastBoundsParsingTests {
    @Test func fastParserReadsWhatTheWriterWrites() {
        // Written by jsonNumbers: plain numbers, exponents, and null for a non-finite value.
        let values: [Double] = [0, 1.5, -2.25, 1e-7, 12345.678, .nan]
        let text = SQLiteStore.jsonNumbers(values)
        let parsed = SQLiteStore.fastNumbers(text)
        #expect(parsed.count == 6)
        #expect(Array(parsed.prefix(5)) == [0, 1.5, -2.25, 1e-7, 12345.678])
        #expect(parsed[5].isNaN)
        #expect(SQLiteStore.fastNumbers("[]") == [])
        #expect(SQLiteStore.fastNumbers(nil) == [])
    }
}
