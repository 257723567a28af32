import Testing
@testable import Replenishment

/// Runs `body` and expects `ReplenishmentError.invalidParameter` naming `field`.
func expectInvalidParameter(_ field: String, sourceLocation: SourceLocation = #_sourceLocation,
                            _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected an invalidParameter error naming \(field), got none", sourceLocation: sourceLocation)
    } catch let ReplenishmentError.invalidParameter(name, _) {
        #expect(name == field, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected invalidParameter(\(field)), got \(error)", sourceLocation: sourceLocation)
    }
}
