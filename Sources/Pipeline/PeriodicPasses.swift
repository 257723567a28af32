import ServiceLifecycle

/// The loop of the background services: wait `first`, run a pass, then one every `interval`,
/// until the task is cancelled or the service group shuts down gracefully (a sleep in progress
/// ends at once then, so shutdown never waits out an interval).
enum PeriodicPasses {
    static func run(first: Duration, every interval: Duration, _ pass: () async -> Void) async {
        var wait = first
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { [wait] in try await Task.sleep(for: wait) }
            } catch {
                return
            }
            wait = interval
            await pass()
        }
    }
}
