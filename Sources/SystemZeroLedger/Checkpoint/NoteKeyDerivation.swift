import Crypto

/// Key-name rules and key-ID derivation shared by note verifiers and signers (C2SP signed-note).
enum NoteKeyDerivation {
    /// A key name is non-empty UTF-8 with no Unicode whitespace and no `+` (as golang.org/x/mod/sumdb/note).
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0 == "+" || $0.properties.isWhitespace }
    }

    /// `SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4]` as a big-endian integer: the key ID of Ed25519,
    /// cosignature/v1 and RFC 6962 note keys.
    static func keyID(name: String, type: UInt8, key: some Sequence<UInt8>) -> UInt32 {
        var hasher = SHA256()
        hasher.absorb(Array(name.utf8))
        hasher.absorb([0x0A, type])
        hasher.absorb(key)
        return self.prefix32(hasher.finalize())
    }

    /// The first four bytes of a digest as a big-endian integer.
    static func prefix32(_ digest: SHA256.Digest) -> UInt32 {
        digest.withUnsafeBytes { bytes in bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) } }
    }

    /// Eight lowercase hex digits.
    static func hex(_ keyID: UInt32) -> String {
        ByteEncoding.hex(self.bigEndianBytes(keyID))
    }

    /// The four big-endian bytes of a key ID.
    static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [
            UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
        ]
    }

    /// Splits at the first `+`; the second part is `nil` when there is none (like Go's strings.Cut).
    static func cut(_ string: Substring) -> (Substring, Substring?) {
        guard let plus = string.firstIndex(of: "+") else { return (string, nil) }
        return (string[..<plus], string[string.index(after: plus)...])
    }
}
