import Commerce
import Foundation
import Simulation
import Testing

/// Labels as the shop sees them: chargebacks weeks later, some early fraud cancellations, audit
/// tags on POS abuse, a little noise; each recorded label really is in the stream, after the order.
@Suite("Store fraud labels")
struct StoreFraudLabelTests {
    @Test("every recorded label is an event in the stream at its time, after the order, with the documented delay")
    func labelsArriveLater() throws {
        let run = StoreFraudRun.boosted
        var disputes: [Int64: (Dispute, Date)] = [:]
        var cancellations: [Int64: (Order, Date)] = [:]
        var audits: [Int64: (Order, Date)] = [:]
        for event in run.events {
            switch event.payload {
            case .dispute(let dispute) where event.topic == .disputesCreate:
                disputes[dispute.orderID!] = (dispute, event.occurredAt)
            case .order(let order) where event.topic == .ordersCancelled && order.cancelReason == "fraud":
                cancellations[order.id] = (order, event.occurredAt)
            case .order(let order) where event.topic == .ordersUpdated && order.tags.contains("fraud"):
                audits[order.id] = audits[order.id] ?? (order, event.occurredAt)
            default: break
            }
        }
        let day = 86_400.0
        var labelled = 0
        for record in run.truth {
            guard let label = record.label, let at = record.labelledAt else { continue }
            labelled += 1
            let delay = at.timeIntervalSince(record.occurredAt)
            switch label {
            case .chargeback:
                let (dispute, time) = try #require(disputes[record.orderID])
                #expect(time == at && dispute.type == "chargeback")
                #expect(dispute.isFraudChargeback)
                #expect(dispute.reason == (record.pattern.isFraud ? "fraudulent" : "unrecognized"))
                let range = record.pattern.isFraud ? (20 * day)...(75 * day) : (20 * day)...(60 * day)
                #expect(range.contains(delay), "\(record.pattern) \(delay / day) days")
            case .fraudCancellation:
                let (_, time) = try #require(cancellations[record.orderID])
                #expect(time == at)
                // Fraud caught after 1–3 days; the base simulator's own "fraud" cancellations come
                // within 20 hours of a legitimate order.
                #expect((record.pattern.isFraud ? (1 * day)...(3 * day) : 300...(20 * 3_600)).contains(delay))
            case .audit:
                let (order, time) = try #require(audits[record.orderID])
                #expect(time == at)
                #expect(order.tags.contains(record.pattern == .refundAbuse ? "fraud-refund" : "fraud-discount"))
                #expect(((14 * day)...(28 * day)).contains(delay))
            }
        }
        #expect(labelled > 100)
        // Nothing is labelled that is not in the truth.
        let truthOrders = Set(run.truth.map(\.orderID))
        #expect(disputes.keys.allSatisfy(truthOrders.contains))
        #expect(audits.keys.allSatisfy(truthOrders.contains))
        #expect(cancellations.keys.allSatisfy(truthOrders.contains))
    }

    @Test("most card fraud ends in a chargeback, some is caught early, the rest is never labelled")
    func labelMix() {
        let online = StoreFraudRun.boosted.truth.filter { $0.pattern.isFraud && !$0.pattern.isPOS }
        // Orders in the last 75 days may have their chargeback after the run: count the first 100 days.
        let start = StoreFraudRun.boosted.created[0].createdAt
        let early = online.filter { $0.occurredAt < start.addingTimeInterval(100 * 86_400) }
        func share(_ label: FraudLabel?) -> Double { Double(early.filter { $0.label == label }.count) / Double(early.count) }
        // Designed: caught early 15 % (card testing 30 %), else 85 % chargeback: ≈ 0.18 / 0.70 / 0.12.
        #expect(share(.fraudCancellation) > 0.08 && share(.fraudCancellation) < 0.32)
        #expect(share(.chargeback) > 0.55 && share(.chargeback) < 0.85)
        #expect(share(nil) > 0.03 && share(nil) < 0.25)
        // Label noise stays small: friendly chargebacks on ~0.25 % of legitimate online orders (×5
        // boost) and the base simulator's fraud cancellations, 10 % of 1.5 % = 0.15 %.
        let noise = StoreFraudRun.boosted.truth.filter { !$0.pattern.isFraud }.count
        let web = StoreFraudRun.boosted.legitimate.filter { $0.channel == .web }.count
        #expect(noise > 0 && Double(noise) < 0.006 * Double(web))
    }

    @Test("bodies of fraud events decode back to the simulated payloads")
    func roundTrip() throws {
        let run = StoreFraudRun.boosted
        let fraud = Set(run.truth.map(\.orderID))
        var decoded = 0
        for event in run.events {
            let interesting: Bool
            switch event.payload {
            case .order(let order): interesting = fraud.contains(order.id) || decoded < 300
            case .refund(let refund): interesting = fraud.contains(refund.orderID)
            case .dispute: interesting = true
            default: interesting = false
            }
            guard interesting else { continue }
            let back = try ShopifyJSON.decode(topic: event.topic, body: event.body(), shopCurrency: "USD")
            #expect(back == event.payload, "\(event.topic.rawValue) \(event.webhookID)")
            decoded += 1
        }
        #expect(decoded > 300)
    }
}
