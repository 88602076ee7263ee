import Foundation

/// Writes files that hold secrets or state: mode 0600 in a 0700 folder, replaced atomically.
enum SecureFile {
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `bytes` to a temporary file beside `path`, syncs it and renames it over `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try makeDirectory(directory) }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError(description: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw WriteError(description: "cannot write \(temporary): \(message)")
            }
            offset += written
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard synced, rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(description: "cannot replace \(path): \(message)")
        }
    }

    /// Creates a folder (and its parents) with mode 0700 if it does not exist.
    static func makeDirectory(_ path: String) throws(WriteError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw WriteError(description: "\(path) is not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw WriteError(description: "cannot create the folder \(path): \(error.localizedDescription)")
        }
    }
}
