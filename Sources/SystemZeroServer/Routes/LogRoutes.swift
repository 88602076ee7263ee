import Hummingbird
import NIOCore
import SystemZeroCore
import SystemZeroLedger

/// `GET /logs` (drift events) and `GET /logs/export` (the ledger in any export format, streamed).
struct LogRoutes {
    let state: ServerState
    /// Entries examined per request at most when filtering by event kind, so one request stays cheap.
    static let scanLimit = 10_000

    /// Drift events, oldest first. Filters: `kind` (layout, content, sequence, manipulative), `severity` (this or
    /// higher), `screen`, `since`. Pages: `limit` with `offset`, or `cursor` (the `next_cursor` of the last page).
    func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        return try await state.pageCache.response(to: request, size: state.counters.size) {
            let query = QueryParameters(request)
            let limit = try query.integer("limit", in: 1...1_000) ?? 100
            let offset = try query.integer("offset", in: 0...1_000_000) ?? 0
            let kind = try query.choice("kind", as: DriftEvent.Kind.self)
            var filter = LedgerQuery(
                kind: "drift", screen: try query.string("screen"),
                minimumSeverity: try query.choice("severity", as: DriftEvent.Severity.self),
                since: try query.time("since"), fromSeq: try query.sequenceNumber("cursor") ?? 0, limit: limit + offset + 1)
            var matched: [LedgerEntry] = []
            var scanned = 0
            var exhausted = false
            while matched.count < limit + offset + 1, scanned < Self.scanLimit + limit + offset {
                let page = try await state.ledger.store.query(filter)
                scanned += page.count
                matched.append(
                    contentsOf: kind.map { kind in page.filter { $0.json["event"]?["kind"]?.stringValue == kind.rawValue } } ?? page)
                guard page.count == filter.limit, let last = page.last else {
                    exhausted = true
                    break
                }
                filter.fromSeq = last.seq + 1
            }
            // Events go out as stored, with their sequence number added: no parsing and writing again.
            var body = Array(#"{"events":["#.utf8)
            for (index, entry) in matched.dropFirst(offset).prefix(limit).enumerated() {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                Self.appendEvent(of: entry, to: &body)
            }
            body.append(UInt8(ascii: "]"))
            var next: UInt64?
            if matched.count > limit + offset {
                next = matched[limit + offset].seq
            } else if !exhausted {
                // The scan stopped before finding a full page: carry on from where it stopped.
                next = filter.fromSeq
            }
            if let next { body.append(contentsOf: #","next_cursor":"\#(next)""#.utf8) }
            body.append(UInt8(ascii: "}"))
            return body
        }
    }

    /// `{"seq": N, …the event's members…}` from a drift entry's stored bytes.
    static func appendEvent(of entry: LedgerEntry, to body: inout [UInt8]) {
        body.append(contentsOf: #"{"seq":\#(entry.seq)"#.utf8)
        if let event = entry.rawMember("event"), event.count > 2, event.first == UInt8(ascii: "{") {
            body.append(UInt8(ascii: ","))
            body.append(contentsOf: event.dropFirst())
        } else {
            body.append(UInt8(ascii: "}"))
        }
    }

    /// The whole ledger (or what `kind`, `screen`, `session`, `severity` and `since` select) as json, ndjson, csv or
    /// html, streamed in chunks with constant memory.
    func export(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        let query = QueryParameters(request)
        let format = try query.choice("format", as: ExportFormat.self) ?? .json
        let filter = LedgerQuery(
            kind: try query.string("kind"), screen: try query.string("screen"), session: try query.string("session"),
            minimumSeverity: try query.choice("severity", as: DriftEvent.Severity.self), since: try query.time("since"))
        let exporter = LedgerExporter(store: state.ledger.store, filter: filter)
        let contentType: String
        switch format {
        case .json: contentType = "application/json"
        case .ndjson: contentType = "application/x-ndjson"
        case .csv: contentType = "text/csv; charset=utf-8"
        case .html: contentType = "text/html; charset=utf-8"
        }
        let body = ResponseBody { writer in
            let sink = ResponseBodySink(writer: writer)
            _ = try await exporter.export(format, to: sink)
            let finished = sink.writer
            try await finished.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"systemzero-ledger.\(format.rawValue)\""],
            body: body)
    }
}

/// An export sink that writes each chunk to an HTTP response as it comes, so the client's pace limits the export's.
final class ResponseBodySink: ExportSink {
    var writer: any ResponseBodyWriter

    init(writer: any ResponseBodyWriter) {
        self.writer = writer
    }

    func write(_ chunk: [UInt8]) async throws(LedgerError) {
        do {
            try await writer.write(ByteBuffer(bytes: chunk))
        } catch {
            throw LedgerError(.storage, "the client went away: \(error)")
        }
    }

    func finish() async throws(LedgerError) {}
}
