import Forecasting
import Testing
import TestSupport

@Suite struct M5DatasetTests {
    /// Shape and sample values from the data's README (`../shared/data-forecast/README.md` §1).
    @Test func readsM5TinyAsTheReadmeDescribes() throws {
        guard let m5 = M5Tiny.load() else { return }
        #expect(m5.dataset.series.count == 280)
        #expect(m5.dataset.dayCount == 1913)
        #expect(m5.dataset.calendar.count == 1913)
        #expect(m5.dataset.calendar.first?.date == "2011-01-29")
        #expect(m5.dataset.calendar.last?.date == "2016-04-24")
        #expect(m5.dataset.series[0].id == "FOODS_1_033_CA_1_validation")
        #expect(m5.dataset.price(store: "CA_1", item: "FOODS_1_033", week: 11221) == 5.09)
        #expect(Set(m5.dataset.series.map(\.storeID)).count == 10)
        #expect(Set(m5.dataset.series.map(\.departmentID)).count == 7)
        #expect(m5.referenceForecasts["TSB"]?.count == 280)
        // The reference file's `y` column is the held-out truth; it must equal d_1886…d_1913.
        #expect(m5.referenceScores["TSB"]?.rmsse == 0.769568)
    }

    @Test func rejectsANegativeSaleNamingTheColumn() {
        let text = "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2\na,b,c,d,e,f,1,-2\n"
        #expect(throws: M5DataError(file: "sales", line: 2, field: "d_2", reason: "'-2' is not a non-negative number")) {
            try M5Dataset.parseSales(text)
        }
    }
}
