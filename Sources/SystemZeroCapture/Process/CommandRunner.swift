import Foundation

/// Runs a short-lived command with a time limit, its output bounded, without blocking the caller's thread.
public struct CommandRunner: Sendable {
    /// What a finished command left.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: String
    }

    /// Why a command produced no output.
    public enum Failure: Error, Sendable {
        /// It could not be started.
        case notStarted(String)
        /// It ran longer than the limit and was killed.
        case timedOut
        /// It wrote more than the limit.
        case tooMuchOutput(limit: Int)
    }

    public var timeout: Duration
    public var maxOutputBytes: Int

    public init(timeout: Duration, maxOutputBytes: Int) {
        self.timeout = timeout
        self.maxOutputBytes = maxOutputBytes
    }

    /// The full path of `name` on the `PATH`, or `nil`.
    public static func find(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = (String(folder) as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments`; its output goes to temporary files, read back up to the limit.
    public func run(_ executable: String, _ arguments: [String]) async throws(Failure) -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("systemzero-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("stdout")
        let err = folder.appendingPathComponent("stderr")
        let process = Process()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in [out, err] where !FileManager.default.createFile(atPath: file.path, contents: nil) {
                throw CocoaError(.fileWriteUnknown)
            }
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardInput = FileHandle.nullDevice
            let outHandle = try FileHandle(forWritingTo: out)
            let errHandle = try FileHandle(forWritingTo: err)
            defer {
                try? outHandle.close()
                try? errHandle.close()
            }
            process.standardOutput = outHandle
            process.standardError = errHandle
            try process.run()
        } catch {
            throw .notStarted("\(executable): \(error.localizedDescription)")
        }
        // Polled, never `waitUntilExit()`: that blocks a thread of the cooperative pool, which has one per core, and
        // Foundation needs a free one to notice the exit. The exit is also looked for directly (`waitid` with
        // `WNOWAIT`, which leaves the child for Foundation to reap), because on a busy pool Foundation may not notice it
        // for a long time.
        let deadline = ContinuousClock.now + timeout
        var killed = false
        var exit = Self.exitStatus(of: process.processIdentifier)
        while process.isRunning, exit == nil {
            // Killed and still not seen to exit: give up rather than wait on it forever.
            if ContinuousClock.now >= deadline + .seconds(5) { throw .timedOut }
            if !killed, ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
            try? await Task.sleep(for: .milliseconds(10))
            exit = Self.exitStatus(of: process.processIdentifier)
        }
        if killed { throw .timedOut }
        let status = process.isRunning ? exit ?? 0 : process.terminationStatus
        let stdout = Self.read(out, limit: maxOutputBytes + 1)
        guard stdout.count <= maxOutputBytes else { throw .tooMuchOutput(limit: maxOutputBytes) }
        let stderr = String(decoding: Self.read(err, limit: 64 << 10), as: UTF8.self)
        return Output(status: status, stdout: stdout, stderr: stderr)
    }

    /// The exit code (or the signal that ended it) of child `pid` once it has exited and before it is reaped; `nil`
    /// while it runs, or once Foundation has reaped it.
    static func exitStatus(of pid: Int32) -> Int32? {
        #if os(Linux)
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._sigchld.si_pid == pid else {
            return nil
        }
        return info._sifields._sigchld.si_status
        #else
        return nil
        #endif
    }

    private static func read(_ url: URL, limit: Int) -> [UInt8] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: limit)) ?? Data())
    }
}
