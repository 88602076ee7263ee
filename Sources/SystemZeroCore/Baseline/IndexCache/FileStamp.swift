#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies one version of a file without reading it: size, modification and change times, inode and device.
///
/// Rewriting a file changes its change time (`ctime`), which no user call can set back, and copying it changes the
/// inode; so a file whose stamp is unchanged still holds the bytes it held when it was stamped, provided the stamp was
/// taken well after the last change (see ``isSettled(before:)``).
struct FileStamp: Sendable, Hashable {
    var size: Int64
    var modified: Int64
    var changed: Int64
    var inode: UInt64
    var device: UInt64

    /// The stamp of the file at `path`, or `nil` when it cannot be read or is not a regular file.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modified = Self.nanoseconds(info.st_mtimespec)
        changed = Self.nanoseconds(info.st_ctimespec)
        #else
        modified = Self.nanoseconds(info.st_mtim)
        changed = Self.nanoseconds(info.st_ctim)
        #endif
        inode = UInt64(info.st_ino)
        device = UInt64(info.st_dev)
    }

    init(size: Int64, modified: Int64, changed: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.device = device
    }

    /// `true` when the file last changed at least a second before `time` (nanoseconds since 1970). A change within
    /// the file system's timestamp granularity of a read could leave the stamp as it was, so only settled files are
    /// cached.
    func isSettled(before time: Int64) -> Bool {
        changed < time - 1_000_000_000 && modified < time - 1_000_000_000
    }

    /// The current wall-clock time in nanoseconds since 1970.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return nanoseconds(time)
    }

    /// Nanoseconds since 1970; a time too far from it to count in 64 bits (a file's times can be set to anything)
    /// saturates, so such a file never counts as settled.
    private static func nanoseconds(_ time: timespec) -> Int64 {
        let (seconds, overflow) = Int64(time.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return time.tv_sec < 0 ? .min : .max }
        let (total, carry) = seconds.addingReportingOverflow(Int64(time.tv_nsec))
        return carry ? .max : total
    }
}
