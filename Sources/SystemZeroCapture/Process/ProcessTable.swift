import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the parent links of the running processes from `/proc` (Linux; elsewhere it knows none).
public enum ProcessTable {
    /// Every process whose chain of parents leads to `root`, `root` itself excluded.
    public static func descendants(of root: pid_t) -> [pid_t] {
        let parents = parentLinks()
        var found: [pid_t] = []
        var frontier: Set<pid_t> = [root]
        while !frontier.isEmpty {
            let next = parents.filter { frontier.contains($0.value) }.map(\.key)
            found.append(contentsOf: next)
            frontier = Set(next)
        }
        return found
    }

    /// The live processes whose command line contains `fragment` (a zombie has an empty command line).
    public static func processes(commandLineContaining fragment: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let commandLine = String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            return commandLine.contains(fragment) ? pid : nil
        }
    }

    /// Kills every live process whose command line contains `fragment`, and waits (up to two seconds) until they
    /// have ended.
    public static func killAll(commandLineContaining fragment: String) {
        let deadline = ContinuousClock.now + .seconds(2)
        var left = processes(commandLineContaining: fragment)
        while !left.isEmpty, ContinuousClock.now < deadline {
            for pid in left { kill(pid, SIGKILL) }
            usleep(5_000)
            left = processes(commandLineContaining: fragment)
        }
    }

    /// `true` while `pid` exists and is not a zombie.
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return false }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return false }
        let state = text[text.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// Each process id with its parent's, from `/proc/<pid>/stat`.
    static func parentLinks() -> [pid_t: pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var links: [pid_t: pid_t] = [:]
        for entry in entries {
            guard let pid = pid_t(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/stat") else { continue }
            // The command name in parentheses may hold spaces: the fields after the last ")" are "state ppid …".
            let text = String(decoding: data, as: UTF8.self)
            guard let close = text.lastIndex(of: ")") else { continue }
            let fields = text[text.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { links[pid] = parent }
        }
        return links
    }
}
