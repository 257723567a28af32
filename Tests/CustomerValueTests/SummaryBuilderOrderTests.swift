import CustomerValue
import Foundation
import Testing

/// The summaries do not depend on the order the transactions arrive in: grouped and ascending
/// (the fast path without a hash table), grouped but not ascending, or scattered.
@Suite struct SummaryBuilderOrderTests {
    /// a: days 1, 5, 5 (one purchase day), 9 → x 2, t_x 8, T 9, monetary (3 + 4 + 5) / 2 = 6;
    /// b: day 3 → x 0, T 7; c: days 2 and 10 → x 1, t_x 8, T 8, monetary 7.
    static let rows = [
        CustomerTransaction(customerID: "a", day: 1, amount: 2), CustomerTransaction(customerID: "a", day: 5, amount: 3),
        CustomerTransaction(customerID: "a", day: 5, amount: 4), CustomerTransaction(customerID: "a", day: 9, amount: 5),
        CustomerTransaction(customerID: "b", day: 3, amount: 1),
        CustomerTransaction(customerID: "c", day: 2, amount: 6), CustomerTransaction(customerID: "c", day: 10, amount: 7),
    ]

    @Test(arguments: [[0, 1, 2, 3, 4, 5, 6], [5, 6, 4, 0, 1, 2, 3], [6, 3, 4, 1, 5, 2, 0], [4, 0, 6, 1, 5, 2, 3]])
    func anyOrderGivesTheSameSummaries(order: [Int]) throws {
        let built = try SummaryBuilder(calibrationEnd: 10, unitDays: 1).summaries(order.map { Self.rows[$0] })
        #expect(built.map(\.customerID) == ["a", "b", "c"])
        #expect(built.map(\.summary) == [
            RFMSummary(frequency: 2, recency: 8, age: 9, monetary: 6), RFMSummary(frequency: 0, recency: 0, age: 7),
            RFMSummary(frequency: 1, recency: 8, age: 8, monetary: 7),
        ])
    }
}
