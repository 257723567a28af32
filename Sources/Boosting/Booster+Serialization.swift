import CXGBoost

extension Booster {
    /// The model as XGBoost JSON bytes (`XGBoosterSaveModelToBuffer`, format `json`): trees,
    /// objective and base score, portable across XGBoost versions ≥ 1.0.
    public func modelBytes() throws -> [UInt8] {
        if let bestIteration {
            try BoostingError.check(XGBoosterSetAttr(storage.raw, "best_iteration", "\(bestIteration)"), "XGBoosterSetAttr")
        }
        var length: bst_ulong = 0
        var pointer: UnsafePointer<CChar>?
        try BoostingError.check(XGBoosterSaveModelToBuffer(storage.raw, #"{"format": "json"}"#, &length, &pointer), "XGBoosterSaveModelToBuffer")
        guard let pointer else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }

    /// Loads a model saved by `modelBytes()`.
    /// - Parameter threads: threads for prediction (not part of the saved model).
    public init(modelBytes: [UInt8], threads: Int = 1) throws {
        guard threads >= 1 else { throw BoostingError.invalidParameter(name: "nthread", reason: "must be at least 1, got \(threads)") }
        guard !modelBytes.isEmpty else { throw BoostingError.invalidParameter(name: "modelBytes", reason: "is empty") }
        let storage = try Handle.create([])
        try modelBytes.withUnsafeBytes { bytes in
            try BoostingError.check(XGBoosterLoadModelFromBuffer(storage.raw, bytes.baseAddress, bst_ulong(bytes.count)), "XGBoosterLoadModelFromBuffer")
        }
        try BoostingError.check(XGBoosterSetParam(storage.raw, "nthread", "\(threads)"), "XGBoosterSetParam(nthread)")
        var value: UnsafePointer<CChar>?
        var found: Int32 = 0
        try BoostingError.check(XGBoosterGetAttr(storage.raw, "best_iteration", &value, &found), "XGBoosterGetAttr")
        let best = found != 0 ? value.flatMap { Int(String(cString: $0)) } : nil
        self.init(storage: storage, bestIteration: best, validationHistory: [])
    }
}
