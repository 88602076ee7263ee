/// Why a verifier key (vkey) or signer key (skey) string was rejected.
public enum NoteKeyError: Error, Hashable, Sendable {
    /// The string does not have the `name+keyid+key` (or `PRIVATE+KEY+name+keyid+key`) fields.
    case wrongNumberOfFields
    /// A signer key string does not start with `PRIVATE+KEY+`.
    case missingPrivateKeyPrefix
    /// The key name is empty, contains whitespace or `+`, or is otherwise not a valid note key name.
    case invalidName
    /// The key ID is not exactly eight hexadecimal digits.
    case invalidKeyIDEncoding
    /// The key field is not canonical standard base64, or is empty.
    case invalidKeyEncoding
    /// The key type byte is not one this library implements.
    case unsupportedKeyType(UInt8)
    /// The key material has the wrong length for its type.
    case invalidKeyLength(type: UInt8, length: Int)
    /// The key material could not be decoded as a public or private key of its type.
    case invalidKeyMaterial
    /// The key ID in the string is not the one derived from the name and key.
    case keyIDMismatch(declared: UInt32, computed: UInt32)
}
