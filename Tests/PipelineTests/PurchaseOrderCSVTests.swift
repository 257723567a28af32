import Foundation
import Pipeline
import Storage
import Testing

/// The vendor CSV of a purchase order, checked against hand-written files.
@Suite("Purchase-order CSV")
struct PurchaseOrderCSVTests {
    static let day = Date(timeIntervalSince1970: 1_709_251_200)  // 2024-03-01T00:00:00Z

    func order(id: Int64 = 7, vendor: String = "Bean Co", currency: String = "USD", lines: [PurchaseOrderLine]) -> PurchaseOrderDraft {
        PurchaseOrderDraft(id: id, shopID: 1, planRunID: 3, vendor: vendor, createdAt: Self.day, updatedAt: Self.day,
                           expectedArrivalDay: "2024-03-15", currency: currency, lines: lines)
    }

    func line(_ variant: Int64, location: Int64, sku: String?, title: String, quantity: Int, cost: Int64, reason: String) -> PurchaseOrderLine {
        PurchaseOrderLine(variantID: variant, locationID: location, sku: sku, title: title, quantity: quantity,
                          suggestedQuantity: quantity, unitCostMinor: cost, reason: reason)
    }

    /// Line 1: 12 × $4.50 = $54.00; its reason has a comma, so it is quoted.
    /// Line 2: 5 × $12.34 = $61.70; the title's quotes are doubled inside quotes, "Default Title"
    /// becomes an empty variant, location 99 has no name, the SKU is missing, and the reason
    /// starting with "=" gets a leading apostrophe. Line 3 has quantity 0 and is left out.
    @Test("RFC 4180 quoting, CRLF, money from minor units, formula guard")
    func quotingAndMoney() {
        let csv = PurchaseOrderCSV(
            currency: "USD",
            names: [11: .init(product: "House Blend", variant: "250 g"), 12: .init(product: "Mug \"Big\"", variant: "Default Title")],
            locationNames: [77: "Harbour Café"])
        let text = csv.render(order(lines: [
            line(11, location: 77, sku: "CB-250", title: "House Blend · 250 g", quantity: 12, cost: 450,
                 reason: "position 3 at or below reorder point 8, order up to 15"),
            line(12, location: 99, sku: nil, title: "Mug", quantity: 5, cost: 1234, reason: "=HYPERLINK(\"x\")"),
            line(13, location: 77, sku: "Z", title: "Gone", quantity: 0, cost: 100, reason: "edited to 0"),
        ]))
        let expected = "SKU,Product,Variant,Location,Quantity,Unit cost (USD),Line total (USD),Reason\r\n"
            + "CB-250,House Blend,250 g,Harbour Café,12,4.50,54.00,\"position 3 at or below reorder point 8, order up to 15\"\r\n"
            + ",\"Mug \"\"Big\"\"\",,Location 99,5,12.34,61.70,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        #expect(text == expected)
    }

    /// JPY has no minor digits: 3 × ¥1500 = ¥4500. A variant without names falls back to the
    /// line's title; a reason with a line break is quoted with the break kept.
    @Test("Zero-decimal currency, title fallback, line break inside a field")
    func yenAndFallbacks() {
        let csv = PurchaseOrderCSV(currency: "USD", locationNames: [1: "Tokyo"])
        let text = csv.render(order(currency: "JPY", lines: [
            line(5, location: 1, sku: "T-1", title: "Sencha, 100 g", quantity: 3, cost: 1500, reason: "line one\nline two"),
        ]))
        let expected = "SKU,Product,Variant,Location,Quantity,Unit cost (JPY),Line total (JPY),Reason\r\n"
            + "T-1,\"Sencha, 100 g\",,Tokyo,3,1500,4500,\"line one\nline two\"\r\n"
        #expect(text == expected)
    }

    @Test("An order without lines is the header alone; the shop's currency stands in for a missing one")
    func emptyOrder() {
        let text = PurchaseOrderCSV(currency: "EUR").render(order(currency: "", lines: []))
        #expect(text == "SKU,Product,Variant,Location,Quantity,Unit cost (EUR),Line total (EUR),Reason\r\n")
    }

    @Test("File names carry the id and a safe vendor slug", arguments: [
        ("Bean Co", "po-7-bean-co.csv"),
        ("  Café Roasters & Sons, Ltd. ", "po-7-caf-roasters-sons-ltd.csv"),
        ("../../etc/passwd", "po-7-etc-passwd.csv"),
        ("", "po-7-no-vendor.csv"),
        ("東京", "po-7-no-vendor.csv"),
    ])
    func fileNames(vendor: String, expected: String) {
        #expect(PurchaseOrderCSV.fileName(for: order(vendor: vendor, lines: [])) == expected)
    }
}
