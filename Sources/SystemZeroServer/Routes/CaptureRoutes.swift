import Hummingbird
import SystemZeroCore
import SystemZeroLedger

/// `POST /captures`, `GET /captures`, `GET /captures/{id}`. A capture's id is its ledger sequence number.
struct CaptureRoutes {
    let state: ServerState

    /// The formats accepted, by media type. `application/json` may be native or Chrome AX JSON (told apart by shape),
    /// the XML types a uiautomator dump, an Appium page source or an XCUITest page source (told apart by the root).
    static let formats: [String: CaptureFormat?] = [
        "application/json": nil,
        "application/vnd.systemzero.capture+json": .native,
        "application/vnd.chrome.ax+json": .chromeAX,
        "application/xml": .uiautomator,
        "text/xml": .uiautomator,
        "application/yaml": .ariaSnapshot,
        "text/yaml": .ariaSnapshot,
        "application/x-yaml": .ariaSnapshot,
    ]

    func post(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.operator)
        let format = try Self.format(of: request)
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return try await MemoryRelease.afterBody(of: body.readableBytes) {
            try await importAndRecord(Array(buffer: body), format: format, query: QueryParameters(request), context: context)
        }
    }

    /// Imports, checks and records one capture's bytes; the answer to `POST /captures`.
    func importAndRecord(_ bytes: [UInt8], format: CaptureFormat?, query: QueryParameters, context: APIRequestContext) async throws
        -> Response
    {
        var format = format
        // The XML media types carry Android and iOS page sources alike: the root element tells them apart.
        if format == .uiautomator, CaptureFormat.detect(bytes) == .xcuitest { format = .xcuitest }
        // A reload swaps the templates, never the normalizer: the tree made now is the one the pipeline would make.
        var tree: UITree
        do {
            tree = try CaptureImporter(limits: ImportLimits(maxBytes: context.maxUploadSize)).importTree(
                bytes, format: format, normalizer: state.pipeline.value.normalizer)
        } catch {
            throw Self.problem(for: error)
        }
        if let session = try query.string("session") { tree.session = session }
        if let app = try query.string("app") { tree.app = app }
        let (result, seqs) = try await record(tree)
        state.metrics.captures.increment()
        state.metrics.recordDrift(result.events)
        let seq = seqs[0]
        var members: [(key: String, value: JSONValue)] = [
            ("id", .number(Double(seq))), ("seq", .number(Double(seq))), ("screen", .string(result.match.screen)),
            ("score", .number((result.match.score * 1000).rounded() / 1000)),
        ]
        if let runnerUp = result.match.runnerUp {
            members.append(
                ("runner_up", ["screen": .string(runnerUp.screenID), "score": .number((runnerUp.score * 1000).rounded() / 1000)]))
        }
        members.append(contentsOf: [
            ("structure_signature", .string(result.tree.structureSignature)), ("content_signature", .string(result.tree.contentSignature)),
            ("events", .array(zip(result.events, seqs.dropFirst()).map { event, eventSeq in Self.eventJSON(event.json, seq: eventSeq) })),
            ("capture", .string("/captures/\(seq)")), ("entry", .string("/ledger/entries/\(seq)")),
            ("inclusion_proof", .string("/ledger/proof/inclusion?seq=\(seq)")),
        ])
        var response = Response.json(.object(members), status: .created)
        response.headers[.location] = "/captures/\(seq)"
        return response
    }

    /// Checks a normalized capture and appends it with its events; captures of one session go one at a time, in order.
    func record(_ tree: UITree) async throws -> (DriftPipeline.Result, [UInt64]) {
        let state = self.state
        let work: @Sendable () async throws -> (DriftPipeline.Result, [UInt64]) = {
            let pipeline = state.pipeline.value
            let result = state.sessions.withSession(tree.session) { pipeline.process(tree, session: &$0) }
            return (result, try await state.append(LedgerRecorder.batch(for: result)))
        }
        guard let session = tree.session else { return try await work() }
        return try await state.sequencer.run(session, work)
    }

    func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        return try await state.pageCache.response(to: request, size: state.counters.size) {
            let query = QueryParameters(request)
            let limit = try query.integer("limit", in: 1...1_000) ?? 100
            let filter = LedgerQuery(
                kind: "capture", screen: try query.string("screen"), session: try query.string("session"), since: try query.time("since"),
                fromSeq: try query.sequenceNumber("cursor") ?? 0, limit: limit + 1)
            let entries = try await state.ledger.store.query(filter)
            return JSONWriter(style: .compact).bytes(Self.page(entries, limit: limit, name: "captures"))
        }
    }

    func get(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        let seq = try context.parameters.sequenceNumber("id")
        guard let entry = try await state.ledger.store.entry(seq), case let json = entry.json, json["kind"]?.stringValue == "capture" else {
            throw Problem(.notFound, detail: "There is no capture \(seq).")
        }
        var members = json.objectValue ?? []
        if let hash = json["tree"]?.stringValue, let blob = try await state.ledger.store.blob(hash) {
            members.append(("normalized_tree", (try? JSONParser(limits: ImportLimits(maxBytes: 64 << 20)).parse(blob)) ?? .null))
        }
        let count = min(json["events"]?.integerValue(as: Int.self) ?? 0, 10_000)
        let events = count > 0 ? try await state.ledger.store.entries(from: seq + 1, limit: count) : []
        members.append(("drift_events", .array(events.map { Self.eventJSON($0.json["event"] ?? .null, seq: $0.seq) })))
        members.append(("leaf_hash", .string(entry.leafHash.base64)))
        return Response.json(.object(members))
    }

    /// A page of entries: `items` and, when there are more, `next_cursor` (pass it as `cursor`).
    static func page(_ entries: [LedgerEntry], limit: Int, name: String, transform: (LedgerEntry) -> JSONValue = { $0.json }) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [(name, .array(entries.prefix(limit).map(transform)))]
        if entries.count > limit, let next = entries.last { members.append(("next_cursor", .string(String(next.seq)))) }
        return .object(members)
    }

    static func eventJSON(_ event: JSONValue, seq: UInt64) -> JSONValue {
        .object([("seq", .number(Double(seq)))] + (event.objectValue ?? []))
    }

    static func format(of request: Request) throws(Problem) -> CaptureFormat? {
        guard let contentType = request.headers[.contentType] else {
            throw Problem(.unsupportedMediaType, detail: "Send a Content-Type: \(formats.keys.sorted().joined(separator: ", ")).")
        }
        let mediaType = contentType.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
        guard let format = formats[mediaType] else {
            throw Problem(
                .unsupportedMediaType,
                detail: "Captures are not accepted as \(mediaType); use one of \(formats.keys.sorted().joined(separator: ", ")).")
        }
        return format
    }

    /// The problem for an import failure: 413 for the size limit, 400 for what is not the format, 422 for the rest
    /// (other limits, refused constructs, bad values).
    static func problem(for error: ImportError) -> Problem {
        switch error.reason {
        case .tooLarge:
            return Problem(.contentTooLarge, detail: "The capture exceeds a limit: \(error)")
        case .tooManyNodes, .tooDeep, .stringTooLong:
            return Problem(.unprocessableContent, detail: "The capture exceeds a limit: \(error)")
        case .malformed, .invalidUTF8, .unknownFormat:
            return Problem(.badRequest, detail: "The capture cannot be read: \(error)")
        case .forbidden, .invalidValue:
            return Problem(.unprocessableContent, detail: "The capture is refused: \(error)")
        }
    }
}
