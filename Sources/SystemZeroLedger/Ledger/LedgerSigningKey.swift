import Foundation

/// The log's Ed25519 checkpoint key: read from a file, or made on first start and written with mode 0600.
///
/// The file holds the C2SP/`golang.org/x/mod/sumdb/note` private-key string (`PRIVATE+KEY+<origin>+<id>+<key>`); the key's
/// name is the log's origin line.
public enum LedgerSigningKey {
    /// Loads the key at `path`, or makes one named `origin` there when the file does not exist.
    public static func loadOrCreate(path: String, origin: String) throws(LedgerError) -> NoteSignerKey {
        if FileManager.default.fileExists(atPath: path) {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw LedgerError(.key, "cannot read the ledger key \(path): \(error.localizedDescription)")
            }
            do {
                return try NoteSignerKey(parsing: text.trimmingCharacters(in: .whitespacesAndNewlines))
            } catch {
                throw LedgerError(.key, "the ledger key \(path) is not a valid signing key: \(error)")
            }
        }
        let key: NoteSignerKey
        do {
            key = try NoteSignerKey.generate(name: origin)
        } catch {
            throw LedgerError(.key, "cannot make a signing key named \"\(origin)\": \(error)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            guard
                FileManager.default.createFile(
                    atPath: path, contents: Data((key.privateKeyString + "\n").utf8), attributes: [.posixPermissions: 0o600])
            else { throw LedgerError(.key, "cannot write the ledger key \(path)") }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.key, "cannot write the ledger key \(path): \(error.localizedDescription)")
        }
        return key
    }
}
