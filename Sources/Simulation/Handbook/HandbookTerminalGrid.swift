/// A uniform grid over the 100 × 100 square that finds the terminals within a radius of a point
/// without testing every terminal (5,000 × 10,000 distance checks become about 5,000 × 200).
struct HandbookTerminalGrid {
    private let cellSize: Double
    private let side: Int
    /// Terminal ids per cell, row-major; ids within a cell stay in increasing order.
    private let cells: [[Int]]
    private let xs: [Double]
    private let ys: [Double]

    init(terminals: [HandbookTerminalProfile], radius: Double, extent: Double = 100) {
        cellSize = max(radius, 1e-9)
        side = max(1, Int((extent / cellSize).rounded(.up)))
        var cells = [[Int]](repeating: [], count: side * side)
        for terminal in terminals {
            cells[Self.cell(terminal.x, cellSize, side) * side + Self.cell(terminal.y, cellSize, side)].append(terminal.id)
        }
        self.cells = cells
        xs = terminals.map(\.x)
        ys = terminals.map(\.y)
    }

    private static func cell(_ value: Double, _ size: Double, _ side: Int) -> Int {
        min(max(Int(value / size), 0), side - 1)
    }

    /// Ids of the terminals whose Euclidean distance to (x, y) is strictly below `radius`, in increasing id order.
    ///
    /// The distance is `sqrt(dx² + dy²)` compared with `radius`, exactly as the handbook computes it:
    /// comparing squares instead could flip a terminal whose rounded square root lands on the radius.
    func available(x: Double, y: Double, radius: Double) -> [Int] {
        let cx = Self.cell(x, cellSize, side), cy = Self.cell(y, cellSize, side)
        var found: [Int] = []
        for i in max(cx - 1, 0)...min(cx + 1, side - 1) {
            for j in max(cy - 1, 0)...min(cy + 1, side - 1) {
                for id in cells[i * side + j] {
                    let dx = x - xs[id], dy = y - ys[id]
                    if (dx * dx + dy * dy).squareRoot() < radius { found.append(id) }
                }
            }
        }
        found.sort()
        return found
    }
}
