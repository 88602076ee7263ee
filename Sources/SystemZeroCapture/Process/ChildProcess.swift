import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started in a process group of its own, with its output sent to a file.
///
/// Chromium forks helpers (zygote, renderers, GPU and network services); killing the group ends every one of them,
/// so nothing is left behind. The output goes to a file rather than a pipe, so a chatty child never blocks on a full
/// pipe and nothing has to drain it.
public struct ChildProcess: Sendable {
    /// The process id, which is also the process group id.
    public let pid: pid_t
    /// The file that receives the child's standard output and standard error.
    public let logFile: String

    /// Starts `executable` with `arguments` in a new process group, with `environment` added to the inherited one.
    /// - Throws: ``CaptureError/launchFailed(_:)`` when the executable is missing or cannot be started.
    public static func spawn(
        executable: String, arguments: [String], environment: [String: String] = [:], logFile: String
    ) throws(CaptureError) -> ChildProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw .launchFailed("\(executable) is not an executable file")
        }
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawnattr_setpgroup(&attributes, 0)
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw .launchFailed("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return ChildProcess(pid: pid, logFile: logFile)
    }

    /// The exit status when the process has ended (reaping it), or `nil` while it runs.
    public func exitStatus() -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return result < 0 ? -1 : nil }
        return status
    }

    /// `true` while the process has not ended.
    public var isRunning: Bool {
        kill(pid, 0) == 0 && exitStatus() == nil
    }

    /// Kills the whole process group, and any descendant that left it, with SIGKILL and reaps the leader.
    public func terminate() {
        let strays = ProcessTable.descendants(of: pid)
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        for stray in strays { kill(stray, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // The others are reaped by init; wait (briefly) until none of them runs any more.
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline, strays.contains(where: ProcessTable.isAlive) {
            usleep(5_000)
        }
    }

    /// The last `lines` lines of the child's output, for error messages.
    public func logTail(lines: Int = 5) -> String {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
