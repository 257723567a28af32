/// One bottom-level series of a dataset in M5 layout: an item in a store, daily unit sales.
public struct M5Series: Sendable, Equatable {
    /// The row id, e.g. `FOODS_1_033_CA_1_validation`.
    public var id: String
    public var itemID: String
    public var departmentID: String
    public var categoryID: String
    public var storeID: String
    public var stateID: String
    /// Unit sales for `d_1 … d_n`, oldest first.
    public var sales: [Double]

    public init(id: String, itemID: String, departmentID: String, categoryID: String, storeID: String, stateID: String, sales: [Double]) {
        self.id = id
        self.itemID = itemID
        self.departmentID = departmentID
        self.categoryID = categoryID
        self.storeID = storeID
        self.stateID = stateID
        self.sales = sales
    }
}
