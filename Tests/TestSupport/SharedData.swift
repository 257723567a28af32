import Foundation

/// Locates the team's shared reference data (`../shared` beside the repository).
///
/// Tests that need it call `SharedData.file(...)`; when the folder is absent (a fresh clone
/// without it) they print the reason and return early, so the suite still passes.
public enum SharedData {
    /// The repository root, found from this file's path at compile time.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
    }

    /// `../shared`, or the folder named by `STOREWISE_SHARED` when set.
    public static var root: URL {
        if let override = ProcessInfo.processInfo.environment["STOREWISE_SHARED"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The file at `path` under the shared folder, or nil after printing why the caller skips.
    public static func file(_ path: String, skipping test: String = #function) -> URL? {
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("SKIP \(test): \(url.path) is absent (../shared is not beside this clone)")
            return nil
        }
        return url
    }

    /// The bytes of the file at `path`, or nil after printing why the caller skips.
    public static func data(_ path: String, skipping test: String = #function) -> Data? {
        guard let url = file(path, skipping: test) else { return nil }
        return try? Data(contentsOf: url)
    }
}
