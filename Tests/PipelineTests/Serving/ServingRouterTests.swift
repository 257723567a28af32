import Foundation
@testable import Pipeline
import Storage
import Testing

@Suite struct ServingRouterTests {
    static let champion = ServedVersion(version: 3, artifactURI: "forecast-run:30")
    static let challenger = ServedVersion(version: 4, artifactURI: "forecast-run:41")

    static func entry(canary: Double = 0, shadow: Bool = false, sample: Double = 1, challenger: ServedVersion? = Self.challenger) -> ServingRouter.Entry {
        ServingRouter.Entry(champion: champion, challenger: challenger,
                            rollout: RolloutSetting(shopID: 1, kind: "forecast", canaryPercent: canary, shadow: shadow, sampleRate: sample),
                            salt: 12345)
    }

    @Test("A 10 % canary gets 10 ± 1 % of 20,000 customers, and each customer always lands on the same side")
    func canaryShareAndStickiness() throws {
        let entry = Self.entry(canary: 10)
        var canary = 0
        var sides: [Bool] = []
        for customer in 0..<20_000 {
            let decision = try #require(ServingRouter.decide(entry, shopID: 1, kind: "forecast", subject: "\(7_000_000 + customer)", requestID: "r\(customer)"))
            let isCanary = decision.arm == .canary
            #expect(decision.served == (isCanary ? Self.challenger : Self.champion))
            if isCanary { canary += 1 }
            sides.append(isCanary)
        }
        // 10 ± 1 % of 20,000 is 1,800…2,200 (the binomial standard deviation is 42 requests).
        #expect((1_800...2_200).contains(canary), "canary got \(canary) of 20,000")
        // Again, with new request ids: every customer's side is unchanged.
        for customer in 0..<20_000 {
            let decision = try #require(ServingRouter.decide(entry, shopID: 1, kind: "forecast", subject: "\(7_000_000 + customer)", requestID: "again\(customer)"))
            #expect((decision.arm == .canary) == sides[customer])
        }
    }

    @Test("The sticky bucket is the same in every process: fixed FNV-1a + SplitMix64 values")
    func bucketIsDeterministic() {
        // FNV-1a 64 of "" is its offset basis 0xcbf29ce484222325; the SplitMix64 finaliser of it,
        // mod 10,000, computed by hand with Python: 
        //   h=0xcbf29ce484222325; h^=h>>30; h=(h*0xbf58476d1ce4e5b9)%2**64; h^=h>>27; h=(h*0x94d049bb133111eb)%2**64; h^=h>>31; h%10000
        #expect(StickyBucket.of("") == 6_203)
        // "a" (0x61): FNV-1a gives (basis ^ 0x61) * 0x100000001b3 mod 2^64, then the same finaliser.
        #expect(StickyBucket.of("a") == 3_736)
        #expect(StickyBucket.of("customer-1") == StickyBucket.of("customer-1"))
        #expect(StickyBucket.of("customer-1", salt: 1) != StickyBucket.of("customer-1", salt: 2) || StickyBucket.of("customer-2", salt: 1) != StickyBucket.of("customer-2", salt: 2))
    }

    @Test("Shadow: the champion is served and the challenger only named as shadow")
    func shadowIsNeverServed() throws {
        let entry = Self.entry(shadow: true)
        for customer in 0..<1_000 {
            let decision = try #require(ServingRouter.decide(entry, shopID: 1, kind: "forecast", subject: "c\(customer)", requestID: "r\(customer)"))
            #expect(decision.served == Self.champion && decision.arm == .champion)
            #expect(decision.shadow == Self.challenger)
        }
    }

    @Test("Canary and shadow together: canary subjects get the challenger and no shadow; the rest the champion with the shadow")
    func canaryWithShadow() throws {
        let entry = Self.entry(canary: 50, shadow: true)
        var sawCanary = false, sawShadow = false
        for customer in 0..<200 {
            let decision = try #require(ServingRouter.decide(entry, shopID: 1, kind: "forecast", subject: "c\(customer)", requestID: "r\(customer)"))
            if decision.arm == .canary {
                sawCanary = true
                #expect(decision.served == Self.challenger && decision.shadow == nil)
            } else {
                sawShadow = true
                #expect(decision.served == Self.champion && decision.shadow == Self.challenger)
            }
        }
        #expect(sawCanary && sawShadow)
    }

    @Test("Without a challenger everything goes to the champion; without a champion there is no decision")
    func championOnly() throws {
        let entry = Self.entry(canary: 50, shadow: true, challenger: nil)
        let decision = try #require(ServingRouter.decide(entry, shopID: 1, kind: "forecast", subject: "c", requestID: "r"))
        #expect(decision.served == Self.champion && decision.shadow == nil && decision.arm == .champion)
        var none = entry
        none.champion = nil
        #expect(ServingRouter.decide(none, shopID: 1, kind: "forecast", subject: "c", requestID: "r") == nil)
    }

    @Test("Sampling: a 0.1 rate logs 10 ± 1 % of 20,000 requests; 0 logs none")
    func sampling() throws {
        let entry = Self.entry(sample: 0.1)
        var sampled = 0
        for request in 0..<20_000 where try #require(ServingRouter.decide(entry, shopID: 1, kind: "forecast", subject: "c", requestID: "req-\(request)")).sampled {
            sampled += 1
        }
        #expect((1_800...2_200).contains(sampled), "sampled \(sampled)")
        let off = Self.entry(sample: 0)
        #expect(try #require(ServingRouter.decide(off, shopID: 1, kind: "forecast", subject: "c", requestID: "x")).sampled == false)
    }

    @Test("The run id of an artifact")
    func runID() {
        #expect(ServedVersion(version: 1, artifactURI: "forecast-run:42").runID == 42)
        #expect(ServedVersion(version: 1, artifactURI: "file:///x").runID == nil)
    }
}
