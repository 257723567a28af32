import Foundation

extension DriftStatistics {
    /// Survival function of the two-sided one-sample Kolmogorov statistic D_n (scipy `kstwo.sf`),
    /// following the case split of scipy `_ksstats._kolmogn` (Simard & L'Ecuyer 2011).
    ///
    /// Where scipy uses Pomeranz's exact recursion (n ≤ 140) this uses the Durbin matrix, which is
    /// exact as well, so the two agree to rounding.
    static func kolmogorovSurvival(n: Int, x: Double) -> Double {
        guard n > 0, !x.isNaN else { return .nan }
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {
            // Ruben-Gambino: CDF = n!/n^n (2t − 1)^n for 1/2n <= x <= 1/n.
            if t <= 0.5 { return 1 }
            var cdf = 1.0
            if n <= 140 {
                for i in 1...n { cdf *= Double(i) * (1.0 / nd) * (2 * t - 1) }
            } else {
                cdf = exp(logFactorialOverPower(nd) + nd * log(2 * t - 1))
            }
            return clip(1 - cdf)
        }
        if t >= nd - 1 { return clip(2 * pow(1 - x, nd)) }
        if x >= 0.5 { return clip(2 * smirnov(n, x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 4 { return clip(1 - durbinMatrixCDF(n, x)) }
            return clip(2 * smirnov(n, x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * smirnov(n, x)) }
        let cdf: Double
        if nxSquared >= 18 {
            cdf = 1
        } else if n <= 100_000, nd * pow(x, 1.5) <= 1.4 {
            cdf = durbinMatrixCDF(n, x)
        } else {
            cdf = pelzGoodCDF(n, x)
        }
        return clip(1 - cdf)
    }

    static func clip(_ p: Double) -> Double { min(max(p, 0), 1) }

    /// log(n! / n^n) by Stirling's series with n log n removed up front (scipy `_log_nfactorial_div_n_pow_n`).
    static func logFactorialOverPower(_ n: Double) -> Double {
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let rn = 1.0 / n
        var poly = 0.0
        for c in coefficients { poly = poly * (rn / n) + c }
        return log(n) / 2 - n + log(2 * Double.pi) / 2 + rn * poly
    }

    /// One-sided Smirnov survival Pr(D⁺_n >= x) by the exact Birnbaum-Tingey sum, terms in logs:
    /// x Σ_{j=0}^{⌊n(1−x)⌋} C(n,j) (1 − x − j/n)^{n−j} (x + j/n)^{j−1}.
    static func smirnov(_ n: Int, _ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        let nd = Double(n)
        let last = Int((nd * (1 - x)).rounded(.down))
        let logNFactorial = logGamma(nd + 1)
        var sum = 0.0
        for j in 0...max(0, min(last, n)) {
            let jd = Double(j)
            let below = 1 - x - jd / nd
            if below <= 0 && n - j > 0 { continue }
            let logBinomial: Double = logNFactorial - logGamma(jd + 1) - logGamma(nd - jd + 1)
            var logTerm = logBinomial
            if n - j > 0 { logTerm += (nd - jd) * log(below) }
            logTerm += (jd - 1) * log(x + jd / nd)
            sum += exp(logTerm)
        }
        return clip(x * sum)
    }

    /// Pr(D_n <= d) by the Durbin matrix (Marsaglia, Tsang & Wang 2003), scaled powers of H
    /// (scipy `_kolmogn_DMTW`).
    static func durbinMatrixCDF(_ n: Int, _ d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = (1...m).map { 1.0 - pow(h, Double($0)) }
        var w = [Double](repeating: 0, count: m)
        var fac = 1.0
        for j in 1...m {
            w[j - 1] = fac
            fac /= Double(j)
            v[j - 1] *= fac
        }
        let tt = pow(max(2 * h - 1.0, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1.0 + tt) * fac
        var hMatrix = [Double](repeating: 0, count: m * m)
        for i in 1..<m {
            for r in (i - 1)..<m { hMatrix[r * m + i] = w[r - (i - 1)] }
        }
        for r in 0..<m { hMatrix[r * m] = v[r] }
        for c in 0..<m { hMatrix[(m - 1) * m + c] = v[m - 1 - c] }

        func multiply(_ x: [Double], _ y: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: m * m)
            for r in 0..<m {
                for t in 0..<m {
                    let xv = x[r * m + t]
                    if xv == 0 { continue }
                    for c in 0..<m { out[r * m + c] += xv * y[t * m + c] }
                }
            }
            return out
        }
        var power = [Double](repeating: 0, count: m * m)
        for r in 0..<m { power[r * m + r] = 1 }
        var nn = n
        var exponent = 0, hExponent = 0
        let scale = 0x1p128
        while nn > 0 {
            if nn % 2 == 1 {
                power = multiply(power, hMatrix)
                exponent += hExponent
            }
            hMatrix = multiply(hMatrix, hMatrix)
            hExponent *= 2
            if abs(hMatrix[(k - 1) * m + (k - 1)]) > scale {
                for idx in hMatrix.indices { hMatrix[idx] /= scale }
                hExponent += 128
            }
            nn /= 2
        }
        var p = power[(k - 1) * m + (k - 1)]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < 0x1p-128 {
                p *= scale
                exponent -= 128
            }
        }
        if exponent != 0 { p = scalbn(p, exponent) }
        return clip(p)
    }

    /// Pelz-Good asymptotic series for Pr(D_n <= x) (scipy `_kolmogn_PelzGood`).
    static func pelzGoodCDF(_ n: Int, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let sqrt2pi = (2 * Double.pi).squareRoot()
        let z = Double(n).squareRoot() * x
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let qlog = -pi2 / 8 / z2
        if qlog < -708 { return 0 }
        var q = exp(qlog)
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * pi2 / 4
        let k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)
        var terms = [0.0, 0.0, 0.0, 0.0]
        let maxk = Int((16 * z / Double.pi).rounded(.up))
        for k in stride(from: maxk, to: 0, by: -1) {
            let mm = Double(2 * k - 1)
            let m2 = mm * mm, m4 = m2 * m2, m6 = m4 * m2
            let qpower = pow(q, Double(8 * k))
            let coefficients = [
                1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6,
            ]
            for i in 0..<4 { terms[i] = terms[i] * qpower + coefficients[i] }
        }
        let divisors = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for i in 0..<4 { terms[i] = terms[i] * q * sqrt2pi / divisors[i] }
        q = exp(-pi2 / 2 / z2)
        var k2extra = 0.0, k3extra = 0.0
        let sqrt3z = 3.0.squareRoot() * z
        for k in stride(from: maxk, to: 0, by: -1) {
            let kd = Double(k), k2 = kd * kd
            let qp = pow(q, k2)
            k2extra += k2 * qp
            k3extra += (sqrt3z + Double.pi * kd) * (sqrt3z - Double.pi * kd) * k2 * qp
        }
        terms[2] += k2extra * pi2 * sqrt2pi / (-36 * z3)
        terms[3] += k3extra * pi2 * sqrt2pi / (216 * z6)
        var total = 0.0
        for i in 0..<4 { total += terms[i] / pow(Double(n), Double(i) / 2) }
        return total
    }
}
