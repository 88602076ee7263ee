import HTTPTypes
import Hummingbird
import SystemZeroCore
import SystemZeroLedger

/// The ledger's public face: the signed checkpoint, proofs, and entries byte for byte.
struct LedgerRoutes {
    let state: ServerState

    /// The newest checkpoint as a C2SP signed note (`text/plain`), signing a new one if the log has grown.
    func checkpoint(_ request: Request, context: APIRequestContext) async throws -> Response {
        let checkpoint = try await state.checkpointer.current()
        var response = Response.text(checkpoint.note, contentType: "text/plain; charset=utf-8")
        response.headers[.init("X-Ledger-Size")!] = String(checkpoint.size)
        response.headers[.init("X-Ledger-Verifier-Key")!] = state.ledger.verifierKey
        return response
    }

    /// `seq`, and `size` (default: the current checkpoint's, which is returned with the proof).
    func inclusion(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        let query = QueryParameters(request)
        guard let seq = try query.sequenceNumber("seq") else { throw Problem.invalidParameter("seq", "is required") }
        let (size, note) = try await treeSize(query.sequenceNumber("size"))
        guard seq < size else { throw Problem(.badRequest, detail: "Entry \(seq) is not in a tree of size \(size).") }
        guard let entry = try await state.ledger.store.entry(seq) else { throw Problem(.notFound, detail: "There is no entry \(seq).") }
        let proof = try await state.ledger.store.inclusionProof(seq: seq, treeSize: size)
        return Response.json(
            .object([
                ("seq", .number(Double(seq))), ("tree_size", .number(Double(size))), ("leaf_hash", .string(entry.leafHash.base64)),
                ("proof", .array(proof.map { .string($0.base64) })), ("checkpoint", .optional(note)),
            ]))
    }

    /// `from`, and `to` (default: the current checkpoint's size).
    func consistency(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        let query = QueryParameters(request)
        guard let from = try query.sequenceNumber("from") else { throw Problem.invalidParameter("from", "is required") }
        let (to, note) = try await treeSize(query.sequenceNumber("to"))
        guard from <= to else { throw Problem(.badRequest, detail: "from (\(from)) must not be larger than to (\(to)).") }
        let proof = try await state.ledger.store.consistencyProof(from: from, to: to)
        return Response.json(
            .object([
                ("from", .number(Double(from))), ("to", .number(Double(to))), ("proof", .array(proof.map { .string($0.base64) })),
                ("checkpoint", .optional(note)),
            ]))
    }

    func entry(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        let seq = try context.parameters.sequenceNumber("seq")
        guard let entry = try await state.ledger.store.entry(seq) else { throw Problem(.notFound, detail: "There is no entry \(seq).") }
        return Response.json(
            .object([
                ("seq", .number(Double(seq))), ("leaf_hash", .string(entry.leafHash.base64)),
                ("canonical", .string(String(decoding: entry.data, as: UTF8.self))), ("entry", entry.json),
            ]))
    }

    /// The size asked for (which must not pass the log's end), or the current checkpoint's with its note.
    func treeSize(_ asked: UInt64?) async throws -> (UInt64, String?) {
        if let asked {
            let size = try await state.ledger.store.size()
            guard asked <= size else { throw Problem(.badRequest, detail: "The ledger holds \(size) entries; \(asked) is beyond its end.") }
            return (asked, nil)
        }
        let checkpoint = try await state.checkpointer.current()
        return (checkpoint.size, checkpoint.note)
    }
}
