/// Input checks and array helpers for the models' hot paths.
enum SeriesCheck {
    /// `validateInput` with the common case made cheap: the finiteness scan runs as a branch-free
    /// vector reduction, and only a series that fails it is rescanned by `validateInput` for
    /// the index of the first bad value, so the errors are exactly `validateInput`'s.
    static func validate(_ y: [Double], horizon: Int) throws {
        guard horizon >= 1, !y.isEmpty, allFinite(y) else { return try validateInput(y, horizon: horizon) }
    }

    /// Whether every value is finite: x − x is 0 for a finite x and NaN for ±∞ or NaN, and NaN
    /// survives the sum.
    static func allFinite(_ y: [Double]) -> Bool {
        y.withUnsafeBufferPointer { y in
            let n = y.count
            var a0 = SIMD2<Double>(repeating: 0), a1 = a0, a2 = a0, a3 = a0
            var i = 0
            if let base = y.baseAddress {
                let raw = UnsafeRawPointer(base)
                let stride = MemoryLayout<Double>.stride
                while i + 8 <= n {
                    let v0 = raw.loadUnaligned(fromByteOffset: i * stride, as: SIMD2<Double>.self)
                    let v1 = raw.loadUnaligned(fromByteOffset: (i + 2) * stride, as: SIMD2<Double>.self)
                    let v2 = raw.loadUnaligned(fromByteOffset: (i + 4) * stride, as: SIMD2<Double>.self)
                    let v3 = raw.loadUnaligned(fromByteOffset: (i + 6) * stride, as: SIMD2<Double>.self)
                    a0 += v0 - v0
                    a1 += v1 - v1
                    a2 += v2 - v2
                    a3 += v3 - v3
                    i += 8
                }
            }
            var tail = 0.0
            while i < n { tail += y[i] - y[i]; i += 1 }
            return ((a0 + a1) + (a2 + a3)).sum() + tail == 0
        }
    }

    /// The sum of `y` with eight running partial sums (the recursion of one sum would wait on
    /// each addition); exact for whole-number data such as unit sales.
    static func sum(_ y: UnsafeBufferPointer<Double>) -> Double {
        let n = y.count
        var a0 = SIMD2<Double>(repeating: 0), a1 = a0, a2 = a0, a3 = a0
        var i = 0
        if let base = y.baseAddress {
            let raw = UnsafeRawPointer(base)
            let stride = MemoryLayout<Double>.stride
            while i + 8 <= n {
                a0 += raw.loadUnaligned(fromByteOffset: i * stride, as: SIMD2<Double>.self)
                a1 += raw.loadUnaligned(fromByteOffset: (i + 2) * stride, as: SIMD2<Double>.self)
                a2 += raw.loadUnaligned(fromByteOffset: (i + 4) * stride, as: SIMD2<Double>.self)
                a3 += raw.loadUnaligned(fromByteOffset: (i + 6) * stride, as: SIMD2<Double>.self)
                i += 8
            }
        }
        var total = ((a0 + a1) + (a2 + a3)).sum()
        while i < n { total += y[i]; i += 1 }
        return total
    }

    /// `y` shifted `lag` periods later: NaN for the first `lag` periods, then y[t − lag]; the
    /// in-sample forecasts of the naive (lag 1) and seasonal naive (lag m) methods.
    static func lagged(_ y: [Double], by lag: Int) -> [Double] {
        let n = y.count
        return [Double](unsafeUninitializedCapacity: n) { out, initialized in
            let head = min(lag, n)
            out.baseAddress!.initialize(repeating: .nan, count: head)
            if n > head {
                y.withUnsafeBufferPointer { y in
                    (out.baseAddress! + head).initialize(from: y.baseAddress!, count: n - head)
                }
            }
            initialized = n
        }
    }
}
