/// One level of an aggregation hierarchy: the bottom series grouped by the values of some labels.
///
/// A level with no labels is the grand total; a level with every identifying label is the
/// bottom itself. Groups are in order of first appearance among the bottom series.
public struct HierarchyLevel: Sendable, Equatable {
    /// The level's name, e.g. `state×category`.
    public var name: String
    /// The label keys the level groups by; empty for the total.
    public var labels: [String]
    /// One key per group: the label values joined by `/` (e.g. `CA/FOODS`), `Total` for the total.
    public var groups: [String]
    /// For each bottom series, the index of its group.
    public var groupOfSeries: [Int]
    /// For each group, the indices of its bottom series in ascending order.
    public var members: [[Int]]

    public init(name: String, labels: [String], groups: [String], groupOfSeries: [Int], members: [[Int]]) {
        self.name = name
        self.labels = labels
        self.groups = groups
        self.groupOfSeries = groupOfSeries
        self.members = members
    }

    /// Number of aggregate series at this level.
    public var count: Int { groups.count }

    /// Sums the bottom `values` (one number per bottom series) into one number per group.
    public func aggregate(_ values: [Double]) -> [Double] {
        precondition(values.count == groupOfSeries.count, "one value per bottom series")
        var out = [Double](repeating: 0, count: groups.count)
        for i in values.indices { out[groupOfSeries[i]] += values[i] }
        return out
    }

    /// Sums the bottom paths (all of one length) into one path per group.
    public func aggregate(_ paths: [[Double]]) -> [[Double]] {
        precondition(paths.count == groupOfSeries.count, "one path per bottom series")
        return members.map { sum(paths, of: $0) }
    }

    /// The element-wise sum of `paths[i]` over `indices`, into one new array.
    func sum(_ paths: [[Double]], of indices: [Int]) -> [Double] {
        guard let first = indices.first else { return [] }
        var out = paths[first]
        out.withUnsafeMutableBufferPointer { o in
            for i in indices.dropFirst() {
                paths[i].withUnsafeBufferPointer { p in
                    precondition(p.count == o.count, "paths must have one length")
                    for t in 0..<o.count { o[t] += p[t] }
                }
            }
        }
        return out
    }
}
