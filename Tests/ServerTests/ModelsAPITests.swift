import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Storage
import Testing

/// Versions registered straight through the store's `ModelRegistry`, as a training job would.
enum ModelsFixture {
    static let kind = "forecast"

    /// Registers `forecast` versions 1…n of the test shop with the given holdout MASE each.
    @discardableResult
    static func register(_ app: TestApp, mase: [Double], at start: Date = Date(timeIntervalSince1970: 1_767_225_600)) async throws -> [ModelVersion] {
        var versions: [ModelVersion] = []
        for (index, value) in mase.enumerated() {
            let draft = ModelVersionDraft(
                shopID: app.shop.id, kind: kind, createdBy: "test", trigger: index == 0 ? "initial" : "schedule", parameters: ["method": "ets"],
                data: TrainingDataIdentity(firstEventID: 1, lastEventID: Int64(10 * (index + 1)), eventCount: 10 * (index + 1), projectionDigest: "digest-\(index + 1)",
                                           asOfDay: "2026-01-0\(index + 1)"),
                holdoutMetrics: ["mase": value, "rmsse": value * 1.1], primaryMetric: "mase", higherIsBetter: false,
                artifactURI: "forecast-run:\(index + 1)", artifactDigest: "artifact-\(index + 1)")
            versions.append(try await app.store.registerModelVersion(draft, at: start.addingTimeInterval(Double(index) * 86_400)))
        }
        return versions
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    static func items(_ text: String) throws -> [[String: Any]] {
        try #require(try json(text)["items"] as? [[String: Any]], "no items in \(text)")
    }

    /// `[alias: version]` of the shop's forecast, read from the store.
    static func aliases(_ app: TestApp) async throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try await app.store.modelAliases(shopID: app.shop.id, kind: kind).map { ($0.name, $0.version) })
    }
}

/// `/api/v1/models` on a real SQLite store: promotion and rollback with their history, alias
/// rules, rollout validation, training requests and proposals.
@Suite("Models API")
struct ModelsAPITests {
    typealias F = ModelsFixture
    static let base = "/api/v1/models"

    func json(_ app: TestApp) -> HTTPFields {
        var fields = app.bearer
        fields[.contentType] = "application/json"
        return fields
    }

    @Test("Promote writes champion and previous with actor api and the reason; the history lists them newest first")
    func promoteHistory() async throws {
        let app = try await TestApp()
        try await F.register(app, mase: [0.95, 0.90])
        try await app.run { client async throws in
            let (first, firstBody, _) = try await client.send("\(Self.base)/forecast/promote", .post, headers: json(app),
                                                              body: #"{"version": 1, "reason": "first version"}"#)
            #expect(first == .ok, "\(firstBody)")
            let (second, secondBody, _) = try await client.send("\(Self.base)/forecast/promote", .post, headers: json(app),
                                                                body: #"{"version": 2, "reason": "MASE 0.90 beats 0.95"}"#)
            #expect(second == .ok, "\(secondBody)")
            // Promoting v2 over v1 moves two aliases: champion 1 → 2 and previous (none) → 1.
            let moves = try #require(try F.json(secondBody)["moves"] as? [[String: Any]])
            let byAlias = Dictionary(uniqueKeysWithValues: moves.map { ($0["alias"] as? String ?? "", $0) })
            #expect(byAlias["champion"]?["from_version"] as? Int == 1)
            #expect(byAlias["champion"]?["to_version"] as? Int == 2)
            #expect(byAlias["previous"]?["from_version"] == nil || byAlias["previous"]?["from_version"] is NSNull)
            #expect(byAlias["previous"]?["to_version"] as? Int == 1)
            #expect(try await F.aliases(app) == ["champion": 2, "previous": 1])

            let (status, body, _) = try await client.get("\(Self.base)/history?kind=forecast", headers: app.bearer)
            #expect(status == .ok, "\(body)")
            let rows = try F.items(body)
            // Three moves in all: champion → 1, then champion 1 → 2 and previous → 1 (one promotion).
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { $0["actor"] as? String == "api" && $0["action"] as? String == "promote" && $0["kind"] as? String == "forecast" })
            #expect(rows.last?["alias"] as? String == "champion")
            #expect(rows.last?["to_version"] as? Int == 1)
            #expect(rows.last?["reason"] as? String == "first version")
            #expect(rows.prefix(2).allSatisfy { $0["reason"] as? String == "MASE 0.90 beats 0.95" })
            let champion = try F.items(try await client.get("\(Self.base)/history?kind=forecast&alias=champion", headers: app.bearer).1)
            #expect(champion.map { $0["to_version"] as? Int } == [2, 1])

            // The overview: every configured kind, forecast with its aliases and newest version.
            let overview = try F.items(try await client.get(Self.base, headers: app.bearer).1)
            #expect(Set(overview.compactMap { $0["kind"] as? String }).isSuperset(of: ["forecast", "customer-value", "recommendations"]))
            let forecast = try #require(overview.first { $0["kind"] as? String == "forecast" })
            #expect((forecast["newest_version"] as? [String: Any])?["version"] as? Int == 2)
            #expect((forecast["newest_version"] as? [String: Any])?["aliases"] as? [String] == ["champion"])
            let version = try F.json(try await client.get("\(Self.base)/forecast/versions/1", headers: app.bearer).1)
            #expect(version["aliases"] as? [String] == ["previous"])
            #expect((version["holdout_metrics"] as? [String: Any])?["mase"] as? Double == 0.95)
            #expect((version["data"] as? [String: Any])?["projection_digest"] as? String == "digest-1")
            #expect(version["artifact_uri"] as? String == "forecast-run:1")
        }
    }

    @Test("Rollback restores the previous champion in one call; without a previous one it is 409")
    func rollback() async throws {
        let app = try await TestApp()
        try await F.register(app, mase: [0.95, 0.90])
        try await app.run { client async throws in
            _ = try await client.send("\(Self.base)/forecast/promote", .post, headers: json(app), body: #"{"version": 1}"#)
            let (none, noneBody, _) = try await client.send("\(Self.base)/forecast/rollback", .post, headers: json(app), body: #"{"reason": "oops"}"#)
            #expect(none == .conflict)
            #expect(noneBody.contains("no previous champion"), "\(noneBody)")
            #expect(try await F.aliases(app) == ["champion": 1])

            _ = try await client.send("\(Self.base)/forecast/promote", .post, headers: json(app), body: #"{"version": 2}"#)
            let (status, body, _) = try await client.send("\(Self.base)/forecast/rollback", .post, headers: json(app), body: #"{"reason": "stockouts since v2"}"#)
            #expect(status == .ok, "\(body)")
            // v1 had no champion before it, so previous is removed: champion back on 1, nothing else.
            #expect(try await F.aliases(app) == ["champion": 1])
            let newest = try #require(try await app.store.aliasHistory(shopID: app.shop.id, kind: "forecast", alias: "champion", limit: 1).first)
            #expect(newest.fromVersion == 2 && newest.toVersion == 1)
            #expect(newest.action == "rollback" && newest.actor == "api" && newest.reason == "stockouts since v2")
            // A second rollback has nothing to go back to.
            #expect(try await client.send("\(Self.base)/forecast/rollback", .post, headers: json(app), body: "{}").0 == .conflict)
        }
    }

    @Test("Unknown kinds are 404 naming them; a bad version is 400 naming the field")
    func unknowns() async throws {
        let app = try await TestApp()
        try await F.register(app, mase: [0.95])
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("\(Self.base)/weather/versions", headers: app.bearer)
            #expect(status == .notFound)
            #expect(body.contains("weather"))
            let (missing, missingBody, _) = try await client.send("\(Self.base)/forecast/promote", .post, headers: json(app), body: #"{"version": 7}"#)
            #expect(missing == .badRequest)
            #expect(missingBody.contains("field version"), "\(missingBody)")
            let (absent, absentBody, _) = try await client.send("\(Self.base)/forecast/promote", .post, headers: json(app), body: "{}")
            #expect(absent == .badRequest)
            #expect(absentBody.contains("field version is required"), "\(absentBody)")
            #expect(try await client.get("\(Self.base)/forecast/versions/9", headers: app.bearer).0 == .notFound)
            #expect(try await client.get(Self.base).0 == .unauthorized)
        }
    }

    @Test("Any alias but champion can be set and removed through the API, each move in the history")
    func aliases() async throws {
        let app = try await TestApp()
        try await F.register(app, mase: [0.95, 0.90])
        try await app.run { client async throws in
            let (champion, championBody, _) = try await client.send("\(Self.base)/forecast/aliases/champion", .put, headers: json(app), body: #"{"version": 2}"#)
            #expect(champion == .badRequest)
            #expect(championBody.contains("path parameter alias") && championBody.contains("promote"), "\(championBody)")
            let (bad, badBody, _) = try await client.send("\(Self.base)/forecast/aliases/staging", .put, headers: json(app), body: #"{"version": 5}"#)
            #expect(bad == .badRequest)
            #expect(badBody.contains("field version"), "\(badBody)")
            let (ok, okBody, _) = try await client.send("\(Self.base)/forecast/aliases/staging", .put, headers: json(app),
                                                        body: #"{"version": 2, "reason": "try on staging"}"#)
            #expect(ok == .ok, "\(okBody)")
            #expect(try await F.aliases(app) == ["staging": 2])
            #expect(try await client.send("\(Self.base)/forecast/aliases/staging", .delete, headers: app.bearer).0 == .noContent)
            #expect(try await client.send("\(Self.base)/forecast/aliases/staging", .delete, headers: app.bearer).0 == .notFound)
            let rows = try await app.store.aliasHistory(shopID: app.shop.id, kind: "forecast", alias: "staging", limit: 10)
            #expect(rows.map(\.action) == ["remove", "set"])
            #expect(rows.last?.reason == "try on staging")
            #expect(rows.first?.toVersion == nil && rows.first?.fromVersion == 2)
        }
    }

    @Test("Rollout PUT refuses values out of range and unknown fields, naming the field, and stores nothing", arguments: [
        (#"{"canary_percent": 150}"#, "field canary_percent must be a percentage in 0...100"),
        (#"{"canary_percent": -1}"#, "field canary_percent"),
        (#"{"sample_rate": 1.5}"#, "field sample_rate must be a share in 0...1"),
        (#"{"shadow": "yes"}"#, "field shadow must be true or false"),
        (#"{"canary": 10}"#, "field canary is not accepted"),
        (#"{"sample_rate": "all"}"#, "field sample_rate must be a number"),
    ])
    func rolloutValidation(body: String, message: String) async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            let (status, text, _) = try await client.send("\(Self.base)/forecast/rollout", .put, headers: json(app), body: body)
            #expect(status == .badRequest)
            #expect(text.contains(message), "\(text)")
            // Defaults of `RolloutSetting`: no canary, no shadow, a 10 % sample.
            let stored = try await app.store.rolloutSetting(shopID: app.shop.id, kind: "forecast")
            #expect(stored.canaryPercent == 0 && stored.shadow == false && stored.sampleRate == 0.1)
        }
    }

    @Test("Rollout PUT stores the fields given and keeps the rest; GET reads it back")
    func rolloutSave() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            let (status, body, _) = try await client.send("\(Self.base)/forecast/rollout", .put, headers: json(app),
                                                          body: #"{"canary_percent": 10, "shadow": true}"#)
            #expect(status == .ok, "\(body)")
            let read = try F.json(try await client.get("\(Self.base)/forecast/rollout", headers: app.bearer).1)
            #expect(read["canary_percent"] as? Double == 10)
            #expect(read["shadow"] as? Bool == true)
            #expect(read["sample_rate"] as? Double == 0.1)
        }
    }

    @Test("Train queues one job (202) and returns the waiting one when asked again; jobs list by state")
    func train() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            let (status, body, _) = try await client.send("\(Self.base)/forecast/train", .post, headers: json(app),
                                                          body: #"{"parameters": {"horizon": 28, "method": "ets"}}"#)
            #expect(status == .accepted, "\(body)")
            let job = try F.json(body)
            #expect(job["state"] as? String == "queued")
            #expect(job["requested_by"] as? String == "api")
            let payload = try F.json(try #require(job["payload"] as? String))
            #expect(payload["kind"] as? String == "forecast")
            #expect((payload["parameters"] as? [String: Any])?["horizon"] as? String == "28")
            let again = try F.json(try await client.send("\(Self.base)/forecast/train", .post, headers: json(app), body: "").1)
            #expect(again["id"] as? Int == job["id"] as? Int)
            let queued = try F.items(try await client.get("/api/v1/jobs?state=queued", headers: app.bearer).1)
            #expect(queued.map { $0["id"] as? Int } == [job["id"] as? Int])
            #expect(try F.items(try await client.get("/api/v1/jobs?state=dead", headers: app.bearer).1).isEmpty)
            #expect(try await client.get("/api/v1/jobs?state=lost", headers: app.bearer).0 == .badRequest)
            let (bad, badBody, _) = try await client.send("\(Self.base)/forecast/train", .post, headers: json(app), body: #"{"parameters": {"horizon": [1]}}"#)
            #expect(bad == .badRequest)
            #expect(badBody.contains("parameters"), "\(badBody)")
        }
    }

    @Test("Approving a proposal promotes its version; a decided proposal is 409; rejecting moves nothing")
    func proposals() async throws {
        let app = try await TestApp()
        try await F.register(app, mase: [0.95, 0.94, 0.93])
        _ = try await app.store.moveAliases(shopID: app.shop.id, kind: "forecast", [AliasChange(alias: "champion", version: 1)],
                                            actor: "scheduler", action: "auto-promote", reason: "first version", at: Date())
        let proposal = try await app.store.createPromotionProposal(PromotionProposal(
            shopID: app.shop.id, kind: "forecast", version: 2, championVersion: 1, metric: "mase", candidateValue: 0.94, championValue: 0.95,
            reason: "forecast v2: MASE 0.940 vs champion v1 0.950 — not better by 2 %", createdAt: Date()))
        try await app.run { client async throws in
            let pending = try F.items(try await client.get("\(Self.base)/proposals?status=pending", headers: app.bearer).1)
            #expect(pending.map { $0["id"] as? Int } == [Int(proposal.id)])
            let (status, body, _) = try await client.send("\(Self.base)/proposals/\(proposal.id)/approve", .post, headers: json(app),
                                                          body: #"{"note": "checked the holdout"}"#)
            #expect(status == .ok, "\(body)")
            #expect(try await F.aliases(app) == ["champion": 2, "previous": 1])
            let stored = try #require(try await app.store.promotionProposal(shopID: app.shop.id, id: proposal.id))
            #expect(stored.status == .approved && stored.decidedBy == "api")
            #expect(try await client.send("\(Self.base)/proposals/\(proposal.id)/reject", .post, headers: json(app), body: "{}").0 == .conflict)
            #expect(try await client.send("\(Self.base)/proposals/999/approve", .post, headers: json(app), body: "{}").0 == .notFound)

            let other = try await app.store.createPromotionProposal(PromotionProposal(
                shopID: app.shop.id, kind: "forecast", version: 3, championVersion: 2, metric: "mase", candidateValue: 0.93, championValue: 0.94,
                reason: "not better by 2 %", createdAt: Date()))
            #expect(try await client.send("\(Self.base)/proposals/\(other.id)/reject", .post, headers: json(app), body: "").0 == .ok)
            #expect(try await F.aliases(app) == ["champion": 2, "previous": 1])
        }
    }

    @Test("Alerts list open ones and resolve by id; drift reports come with their columns")
    func alertsAndDrift() async throws {
        let app = try await TestApp()
        try await F.register(app, mase: [0.95])
        let alert = try #require(try await app.store.raiseAlert(ModelAlert(
            shopID: app.shop.id, kind: "forecast", version: 1, type: "drift", severity: "warning", message: "4 of 7 columns drifted", createdAt: Date())))
        let report = try await app.store.saveDriftReport(ModelsDashboardTests.report(app))
        try await app.run { client async throws in
            let open = try F.items(try await client.get("\(Self.base)/alerts?open=true", headers: app.bearer).1)
            #expect(open.map { $0["id"] as? Int } == [Int(alert.id)])
            #expect(try await client.send("\(Self.base)/alerts/\(alert.id)/resolve", .post, headers: app.bearer).0 == .noContent)
            #expect(try F.items(try await client.get("\(Self.base)/alerts?open=true", headers: app.bearer).1).isEmpty)
            #expect(try await client.send("\(Self.base)/alerts/\(alert.id)/resolve", .post, headers: app.bearer).0 == .notFound)

            let list = try F.items(try await client.get("\(Self.base)/forecast/drift", headers: app.bearer).1)
            #expect(list.map { $0["id"] as? Int } == [Int(report.id)])
            #expect(list.first?["columns"] == nil)
            let (status, body, _) = try await client.get("\(Self.base)/forecast/drift/\(report.id)", headers: app.bearer)
            #expect(status == .ok, "\(body)")
            let columns = try #require(try F.json(body)["columns"] as? [[String: Any]])
            #expect(columns.map { $0["name"] as? String } == ["order_total", "channel"])
            #expect(columns.first?["drifted"] as? Bool == true)
            #expect((columns.last?["bins"] as? [[String: Any]])?.first?["reference_share"] as? Double == 0.7)
            #expect(try await client.get("\(Self.base)/customer-value/drift/\(report.id)", headers: app.bearer).0 == .notFound)
        }
    }

    @Test("A column whose statistic the pipeline stored as \"nan\" is returned as null, not an error")
    func nonFiniteDrift() async throws {
        let app = try await TestApp()
        try await F.register(app, mase: [0.95])
        let columns = #"[{"bins":[],"currentRows":0,"drifted":false,"isNumerical":true,"method":"ks","name":"units","psi":"nan","referenceRows":40,"statistic":"nan","threshold":0.05,"uniqueValues":3}]"#
        let report = try await app.store.saveDriftReport(DriftReportRecord(
            shopID: app.shop.id, kind: F.kind, version: 1, createdAt: Date(), referenceFrom: "2026-01-01", referenceTo: "2026-01-28",
            currentFrom: "2026-01-29", currentTo: "2026-02-04", referenceRows: 40, currentRows: 0, columnCount: 1, driftedColumns: 0,
            datasetDrift: false, columnsJSON: columns))
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("\(Self.base)/forecast/drift/\(report.id)", headers: app.bearer)
            #expect(status == .ok, "\(body)")
            let column = try #require((try F.json(body)["columns"] as? [[String: Any]])?.first)
            #expect(column["statistic"] is NSNull)
            #expect(column["psi"] is NSNull)
            #expect(column["threshold"] as? Double == 0.05)
        }
    }
}
