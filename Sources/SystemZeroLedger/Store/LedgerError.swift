/// A ledger operation that failed. Nothing already recorded is changed by a failed operation.
public struct LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The data folder or database cannot be opened, read or written (permissions, I/O errors).
        case storage
        /// The disk (or the file-size limit) is full: nothing was written; appends can succeed again once space is freed.
        case full
        /// A request names something the ledger does not hold (a sequence number beyond the end).
        case notFound
        /// A request is malformed (sizes out of order).
        case invalidRequest
        /// The stored data does not verify.
        case corrupt
        /// The signing key cannot be read or made.
        case key
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
