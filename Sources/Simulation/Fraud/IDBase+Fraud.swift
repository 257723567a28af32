/// Id bases for what only checkout details and fraud create, and for fraud's own records: apart
/// from the legitimate sequences, so fraud never shifts or collides with a legitimate id.
extension IDBase {
    static let transaction: Int64 = 6_310_000_000_000
    static let fraudTransaction: Int64 = 6_810_000_000_000
    static let fraudOrder: Int64 = 5_910_000_000_000
    static let fraudLineItem: Int64 = 1_830_000_000_000
    static let fraudCustomer: Int64 = 7_480_000_000_000
    static let fraudRefund: Int64 = 9_520_000_000_000
    static let fraudRefundLineItem: Int64 = 5_520_000_000_000
    static let dispute: Int64 = 1_140_000_000_000
}
