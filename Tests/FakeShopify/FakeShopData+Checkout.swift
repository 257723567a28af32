import Commerce
import Foundation
import ShopifyAdmin

/// Renders an order's checkout details (staff member, shipping lines, discount applications,
/// transactions with card checks) as their Admin GraphQL types, from the Commerce order the fake holds.
extension FakeShopData {
    /// A staff member the fake knows only by id (POS associates are not seeded as staff).
    static func renderStaffMember(_ id: Int64) -> FakeObject {
        .fields("StaffMember", [
            "id": .string(FakeFormat.gid("StaffMember", id)), "active": .bool(true), "exists": .bool(true),
            "name": .string("Staff \(id)"),
        ])
    }

    /// Commerce shipping lines have no id; Shopify's have one, so the fake makes a stable one.
    static func shippingLineID(_ order: Order, _ index: Int) -> Int64 { order.id * 100 + Int64(index) }

    func render(_ line: ShippingLine, id: Int64) -> FakeObject {
        let data = self
        return FakeObject("ShippingLine") { name, _ in
            switch name {
            case "id": .string(FakeFormat.gid("ShippingLine", id))
            case "title": .string(line.title)
            case "code": .string(line.code)
            case "source": .string(line.source)
            case "custom": .bool(false)
            case "isRemoved": .bool(false)
            case "originalPriceSet", "discountedPriceSet", "currentDiscountedPriceSet": data.moneyBag(line.price)
            default: nil
            }
        }
    }

    /// `DiscountApplication` as its concrete type (REST `type` → typename); a percentage is
    /// `PricingPercentageValue`, a fixed amount `MoneyV2` in the order's currency.
    func render(_ discount: DiscountApplication, index: Int, currency: String) -> FakeObject {
        let typename = switch discount.type {
        case "manual": "ManualDiscountApplication"
        case "discount_code": "DiscountCodeApplication"
        case "script": "ScriptDiscountApplication"
        default: "AutomaticDiscountApplication"
        }
        let value: FakeObject = discount.valueType == "percentage"
            ? .fields("PricingPercentageValue", ["percentage": .scalar(.double(discount.value))])
            : .fields("MoneyV2", ["amount": .string(String(discount.value)), "currencyCode": .string(currency)])
        return FakeObject(typename) { name, _ in
            switch name {
            case "index": .int(index)
            case "allocationMethod": .string("ACROSS")
            case "targetSelection": .string("ALL")
            case "targetType": .string((discount.targetType ?? "line_item").uppercased())
            case "value": .object(value)
            case "code": typename == "DiscountCodeApplication" ? .string(discount.title ?? "") : nil
            case "title": typename == "DiscountCodeApplication" ? nil : .string(discount.title ?? "")
            case "description": typename == "ManualDiscountApplication" || typename == "ScriptDiscountApplication" ? .string(discount.title) : nil
            default: nil
            }
        }
    }

    /// `Order.transactions`: the payment attempts as held, then a REFUND transaction per refund
    /// (its money movement, at the refund's location and time), as Shopify lists them.
    func transactions(of order: Order) -> [FakeObject] {
        var objects = order.payments.map { render($0, location: nil) }
        for refund in order.refunds {
            let movement = PaymentAttempt(id: refund.id, kind: "refund", status: "success", amount: refund.amount, createdAt: refund.createdAt)
            objects.append(render(movement, location: refund.locationID))
        }
        return objects
    }

    func render(_ payment: PaymentAttempt, location: Int64?) -> FakeObject {
        let data = self
        let hasCard = payment.cardBIN != nil || payment.cardLast4 != nil || payment.avsResultCode != nil || payment.cvvResultCode != nil || payment.cardCompany != nil
        let details = FakeObject.fields("CardPaymentDetails", [
            "bin": .string(payment.cardBIN), "avsResultCode": .string(payment.avsResultCode),
            "cvvResultCode": .string(payment.cvvResultCode), "company": .string(payment.cardCompany),
            // The masked number, as Shopify shows it; the holder's name is not kept by the domain.
            "number": .string(payment.cardLast4.map { PaymentAttempt.masked(last4: $0) }), "name": .null,
        ])
        return FakeObject("OrderTransaction") { name, _ in
            switch name {
            case "id": .string(FakeFormat.gid("OrderTransaction", payment.id))
            case "kind": .string(payment.kind.uppercased())
            case "status": .string(payment.status.uppercased())
            case "gateway", "formattedGateway": .string(payment.gateway)
            case "errorCode": .string(payment.errorCode?.uppercased())
            case "createdAt", "processedAt": data.date(payment.createdAt)
            case "test": .bool(false)
            case "manualPaymentGateway": .bool(payment.gateway == "manual" || payment.gateway == "cash")
            case "amountSet": payment.amount.map(data.moneyBag) ?? data.moneyBag(.zero(data.currency))
            case "paymentDetails": hasCard ? .object(details) : .null
            case "location":
                location.map { id in
                    .object(data.locations[id].map(data.render) ?? .fields("Location", ["id": .string(FakeFormat.gid("Location", id))]))
                } ?? .null
            default: nil
            }
        }
    }
}
