import Crypto
import Foundation

extension NoteVerifierKey {
    /// Whether `signature` (the signature-line bytes after the 4-byte key ID) is valid for the note `text`.
    ///
    /// * Ed25519: a 64-byte signature of the text.
    /// * ECDSA P-256: a DER signature of SHA-256(text).
    /// * cosignature/v1: an 8-byte timestamp and an Ed25519 signature of `cosignature/v1\ntime <t>\n‖text`.
    /// * RFC 6962: a timestamp and a TLS `DigitallySigned` (SHA-256, ECDSA) over the RFC 6962 tree head of
    ///   the checkpoint in `text`, which must have no extension lines and whose origin must equal the key name
    ///   (the tree-head signature itself does not cover the origin).
    public func isValidSignature(_ signature: [UInt8], for text: [UInt8]) -> Bool {
        switch (self.type, self.publicKey) {
        case (.ed25519, .ed25519(let key)):
            return signature.count == 64 && key.isValidSignature(signature, for: text)
        case (.ecdsaP256SHA256, .p256(let key)):
            guard let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(ecdsa, for: text)
        case (.ed25519CosignatureV1, .ed25519(let key)):
            guard signature.count == 8 + 64, let timestamp = Self.bigEndianUInt64(signature.prefix(8)) else { return false }
            guard let message = Self.cosignatureV1Message(timestamp: timestamp, text: text) else { return false }
            return key.isValidSignature(signature.suffix(64), for: message)
        case (.rfc6962TreeHead, .p256(let key)):
            return self.isValidTreeHeadSignature(signature, for: text, key: key)
        default:
            return false
        }
    }

    /// The message a cosignature/v1 witness signs: `cosignature/v1\ntime <t>\n` followed by the note text,
    /// which must have at least the three checkpoint lines.
    static func cosignatureV1Message(timestamp: UInt64, text: [UInt8]) -> [UInt8]? {
        guard text.split(separator: 0x0A, omittingEmptySubsequences: false).count >= 3 else { return nil }
        return Array("cosignature/v1\ntime \(timestamp)\n".utf8) + text
    }

    private func isValidTreeHeadSignature(_ signature: [UInt8], for text: [UInt8], key: P256.Signing.PublicKey) -> Bool {
        // timestamp(8) ‖ hash algorithm(1) = sha256(4) ‖ signature algorithm(1) = ecdsa(3) ‖ length(2) ‖ DER signature
        guard signature.count >= 12, let timestamp = Self.bigEndianUInt64(signature.prefix(8)) else { return false }
        let hashAlgorithm = signature[8]
        let signatureAlgorithm = signature[9]
        let length = Int(signature[10]) << 8 | Int(signature[11])
        let der = signature.dropFirst(12)
        guard hashAlgorithm == 4, signatureAlgorithm == 3, der.count == length else { return false }
        guard let checkpoint = try? Checkpoint(parsing: String(decoding: text, as: UTF8.self)),
            checkpoint.extensionLines.isEmpty,
            checkpoint.origin.utf8.elementsEqual(self.name.utf8)
        else { return false }
        guard let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: der) else { return false }
        // RFC 6962 §3.5 TreeHeadSignature: version v1(0), signature_type tree_hash(1), timestamp, tree_size, sha256_root_hash.
        var signed: [UInt8] = [0, 1]
        signed += Self.bigEndianBytes(timestamp)
        signed += Self.bigEndianBytes(checkpoint.size)
        signed += checkpoint.rootHash.bytes
        return key.isValidSignature(ecdsa, for: signed)
    }

    static func bigEndianUInt64(_ bytes: some Collection<UInt8>) -> UInt64? {
        guard bytes.count == 8 else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func bigEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
    }
}
