import Foundation
import Storage
import Testing
@testable import Server

/// The audience CSV writer on its own: RFC 4180 quoting, the spreadsheet-formula guard, phone
/// numbers, money digits and file names. Expected text is written out by hand from RFC 4180 §2.
@Suite("Audience CSV")
struct AudienceCSVTests {
    func member(email: String? = "a@example.com", phone: String? = nil, first: String? = "A", last: String? = "B", segment: String = "loyal",
                clv: Int64 = 12345, alive: Double = 0.75, currency: String = "USD", tags: [String] = []) -> AudienceMember {
        AudienceMember(customerID: 1, email: email, phone: phone, firstName: first, lastName: last, segment: segment, lifetimeValueMinor: clv,
                       spendMinor: 0, probabilityAlive: alive, expectedPurchases: 0, orders: 4, lastOrderDay: "2024-05-01", currency: currency,
                       tags: tags)
    }

    @Test("Commas, quotes and line breaks are quoted with doubled quotes; plain fields are not")
    func quoting() {
        #expect(AudienceCSV.quoted("plain") == "plain")
        #expect(AudienceCSV.quoted("a,b") == "\"a,b\"")
        #expect(AudienceCSV.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(AudienceCSV.quoted("two\r\nlines") == "\"two\r\nlines\"")
        #expect(AudienceCSV.quoted("line\nfeed") == "\"line\nfeed\"")
    }

    @Test("Cells a spreadsheet would run get a leading quote; plain phone numbers stay importable")
    func formulaGuard() {
        for hostile in ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            #expect(AudienceCSV.text(hostile) == "'" + hostile, "\(hostile)")
        }
        #expect(AudienceCSV.text("Ada") == "Ada")
        #expect(AudienceCSV.phone("+15550100003") == "+15550100003")
        #expect(AudienceCSV.phone("+1 (555) 010-0003") == "+1 (555) 010-0003")
        #expect(AudienceCSV.phone("+1 HYPERLINK") == "'+1 HYPERLINK")
        #expect(AudienceCSV.phone("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
    }

    @Test("Rows: header, title-cased segment, CLV in the currency's digits, churn risk to 3 decimals, tags in one cell")
    func rows() {
        let csv = AudienceCSV(currency: "USD").render([
            member(phone: "+15550100001", tags: ["VIP", "=bad"]),
            member(email: nil, first: nil, last: nil, segment: "cant_lose", clv: 500, alive: 0.1, currency: "JPY"),
        ])
        #expect(csv == "Email,Phone Number,First Name,Last Name,Segment,Predicted CLV (USD),Churn Risk,Orders,Last Order,Tags\r\n"
            + "a@example.com,+15550100001,A,B,Loyal,123.45,0.250,4,2024-05-01,\"VIP, =bad\"\r\n"
            + ",,,,Can't lose,500,0.900,4,2024-05-01,\r\n")
    }

    @Test("File names keep only safe characters")
    func fileNames() {
        #expect(AudienceCSV.fileName(segment: "at_risk", channel: .sms, day: "2024-05-01", format: "csv") == "customers-at-risk-sms-2024-05-01.csv")
        #expect(AudienceCSV.fileName(segment: nil, channel: .email, day: "2024-05-01", format: "json") == "customers-all-email-2024-05-01.json")
    }
}
