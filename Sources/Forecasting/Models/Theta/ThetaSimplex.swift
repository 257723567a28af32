/// The bounded Nelder–Mead simplex statsforecast 2.1.1 fits its theta models with: adaptive
/// coefficients (Gao & Han, 2012, "Implementing the Nelder-Mead simplex algorithm with adaptive
/// parameters", Comput. Optim. Appl. 51), every trial point clamped into the box, and a stop as
/// soon as the objective values at the vertices have a (population) standard deviation below
/// `tolerance`.
///
/// Its stop is loose by design: on the flat criteria theta models have it ends well before the
/// simplex has shrunk, so where it ends depends on the path it took. Walking the same path is
/// what makes the fitted parameters, and the forecasts, agree with statsforecast's per series.
struct ThetaSimplex {
    var lower: [Double]
    var upper: [Double]
    /// First simplex: each vertex scales one coordinate by 1 + `initialStep` (or sets it to
    /// `zeroStep` when it is zero).
    var initialStep = 0.05
    var zeroStep = 1e-4
    var tolerance = 1e-4
    var maxIterations = 1_000

    /// Minimises `f` from `start`; returns the best vertex of the last simplex and its value.
    func minimize(_ f: ([Double]) -> Double, from start: [Double]) -> (x: [Double], value: Double) {
        let n = start.count
        let reflect = 1.0, expand = 1 + 2 / Double(n)
        let contract = 0.75 - 1 / (2 * Double(n)), shrink = 1 - 1 / Double(n)
        func clamp(_ x: inout [Double]) {
            for i in 0..<n { x[i] = min(max(x[i], lower[i]), upper[i]) }
        }
        var x0 = start
        clamp(&x0)
        var simplex = [[Double]](repeating: x0, count: n + 1)
        for i in 0..<n {
            let v = simplex[i][i]
            simplex[i][i] = min(max(v == 0 ? zeroStep : v * (1 + initialStep), lower[i]), upper[i])
        }
        var values = simplex.map(f)
        var order = Array(0...n)
        var best = 0
        var centroid = [Double](repeating: 0, count: n)
        var trial = centroid, trial2 = centroid
        for _ in 0..<maxIterations {
            if populationStandardDeviation(values) < tolerance { break }
            order = Array(0...n)
            order.sort { values[$0] < values[$1] }
            best = order[0]
            let worst = order[n], secondWorst = order[n - 1]
            for i in 0..<n {
                var s = 0.0
                for v in 0...n where v != worst { s += simplex[v][i] }
                centroid[i] = s / Double(n)
            }
            for i in 0..<n { trial[i] = centroid[i] + reflect * (centroid[i] - simplex[worst][i]) }
            clamp(&trial)
            let fr = f(trial)
            if values[best] <= fr, fr < values[secondWorst] {
                simplex[worst] = trial; values[worst] = fr
                continue
            }
            if fr < values[best] {
                for i in 0..<n { trial2[i] = centroid[i] + expand * (trial[i] - centroid[i]) }
                clamp(&trial2)
                let fe = f(trial2)
                if fe < fr {
                    simplex[worst] = trial2; values[worst] = fe
                } else {
                    simplex[worst] = trial; values[worst] = fr
                }
                continue
            }
            if values[secondWorst] <= fr, fr < values[worst] {
                for i in 0..<n { trial2[i] = centroid[i] + contract * (trial[i] - centroid[i]) }
                clamp(&trial2)
                let fc = f(trial2)
                if fc <= fr {
                    simplex[worst] = trial2; values[worst] = fc
                    continue
                }
            } else {
                for i in 0..<n { trial2[i] = centroid[i] - contract * (trial[i] - centroid[i]) }
                clamp(&trial2)
                let fc = f(trial2)
                if fc < values[worst] {
                    simplex[worst] = trial2; values[worst] = fc
                    continue
                }
            }
            // statsforecast shrinks vertices 1…n towards the best one, leaving vertex 0 where it
            // is even when it is not the best; kept so the paths stay the same.
            for v in 1...n {
                for i in 0..<n { simplex[v][i] = simplex[best][i] + shrink * (simplex[v][i] - simplex[best][i]) }
                clamp(&simplex[v])
                values[v] = f(simplex[v])
            }
        }
        // The best vertex of the final simplex (the first on a tie).
        var argmin = 0
        for v in 1...n where values[v] < values[argmin] { argmin = v }
        return (simplex[argmin], values[argmin])
    }

    private func populationStandardDeviation(_ v: [Double]) -> Double {
        var mean = 0.0
        for x in v { mean += x }
        mean /= Double(v.count)
        var ss = 0.0
        for x in v { ss += (x - mean) * (x - mean) }
        return (ss / Double(v.count)).squareRoot()
    }
}
