import Foundation

/// Runs the built `systemzero` binary as a user would.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    static let fixturesAvailable = FileManager.default.fileExists(atPath: fixtures.path)
    static let skipMessage = "../shared/fixtures is absent (a user's clone has none): fixture tests skipped"

    /// The binary beside the test bundle.
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        for candidate in [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()] {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("systemzero").path) { directory = candidate }
        }
        return directory.appendingPathComponent("systemzero")
    }

    /// Runs a shell script (for resource limits and signals set up before the binary starts).
    static func runShell(_ script: String) throws -> Result {
        try run(["-c", script], executable: URL(fileURLWithPath: "/bin/bash"))
    }

    static func run(_ arguments: [String], executable: URL? = nil, in directory: URL? = nil, environment: [String: String] = [:]) throws
        -> Result
    {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
