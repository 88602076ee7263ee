/// The signature algorithm of a note key: the type byte that prefixes the key material in a vkey
/// (C2SP signed-note "Signature types").
public enum NoteKeyType: UInt8, Hashable, Sendable, CaseIterable {
    /// Ed25519 over the note text. Key material: the 32-byte public key.
    case ed25519 = 0x01
    /// ECDSA P-256 with SHA-256 over the note text, DER signature (Rekor, Pixel). Key material: DER SubjectPublicKeyInfo.
    /// Its key ID is `SHA-256(SubjectPublicKeyInfo)[:4]`, without the name.
    case ecdsaP256SHA256 = 0x02
    /// Ed25519 witness cosignature over `cosignature/v1\ntime <t>\n‖text` (C2SP tlog-cosignature).
    /// Key material: the 32-byte public key; signature: 8-byte big-endian timestamp ‖ 64-byte signature.
    case ed25519CosignatureV1 = 0x04
    /// An RFC 6962 TreeHeadSignature over a checkpoint (C2SP static-ct-api); only ECDSA P-256 keys are supported.
    /// Key material: DER SubjectPublicKeyInfo; the key ID hashes `name ‖ 0x0A ‖ 0x05 ‖ SHA-256(SPKI)`.
    case rfc6962TreeHead = 0x05
}
