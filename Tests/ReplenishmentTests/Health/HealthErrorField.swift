import Replenishment

/// The field a `ReplenishmentError.invalidParameter` names, nil when `body` does not throw, or
/// "other: …" for any other error, so a test can `#expect(healthErrorField { … } == "window")`.
func healthErrorField<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch let ReplenishmentError.invalidParameter(name, _) {
        return name
    } catch {
        return "other: \(error)"
    }
}
