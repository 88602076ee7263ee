import SystemZeroCore

/// Writes ledger entries out as JSON, NDJSON, CSV or an HTML report, streaming.
///
/// Entries are read page by page (``pageSize`` at a time, in sequence order) and written through a 64 KiB buffer,
/// so memory stays constant whatever the ledger's size. The export is taken at the ledger's size when it starts:
/// entries appended meanwhile are left out.
///
/// ```swift
/// let exporter = LedgerExporter(store: ledger.store, filter: LedgerQuery(kind: "drift"))
/// let summary = try await exporter.export(.ndjson, to: FileHandleSink.standardOutput()) { count in
///     print("\(count) entries…")
/// }
/// ```
public struct LedgerExporter: Sendable {
    /// The ledger read.
    public var store: any LedgerStore
    /// Which entries to export: `kind`, `screen`, `session`, `minimumSeverity`, `since` and `fromSeq` apply as in
    /// ``LedgerStore/query(_:)``; `limit` is ignored (see ``pageSize``). HTML exports only drift events.
    public var filter: LedgerQuery
    /// How many entries are read at a time.
    public var pageSize: Int
    /// The progress callback is called each time this many more entries have been written.
    public var progressInterval: UInt64
    /// How many parsed capture trees an HTML export keeps (drift events of one capture share its tree).
    public var screenCacheSize: Int

    /// An exporter of the entries of `store` that `filter` selects.
    public init(
        store: any LedgerStore, filter: LedgerQuery = LedgerQuery(), pageSize: Int = 1_000, progressInterval: UInt64 = 100_000,
        screenCacheSize: Int = 16
    ) {
        self.store = store
        self.filter = filter
        self.pageSize = max(1, pageSize)
        self.progressInterval = max(1, progressInterval)
        self.screenCacheSize = max(1, screenCacheSize)
    }

    /// Exports the selected entries in `format` to `sink`, and finishes the sink.
    ///
    /// - Parameter progress: called with the number of entries written so far, every ``progressInterval`` entries.
    /// - Throws: a ``LedgerError`` when the ledger cannot be read or the sink cannot be written; what was written
    ///   by then is incomplete.
    public func export(
        _ format: ExportFormat, to sink: any ExportSink, progress: (UInt64) -> Void = { _ in }
    ) async throws(LedgerError) -> ExportSummary {
        let size = try await store.size()
        var buffer = ExportBuffer(sink: sink)
        let count: UInt64
        switch format {
        case .json: count = try await exportJSON(size: size, buffer: &buffer, progress: progress)
        case .ndjson: count = try await exportNDJSON(size: size, buffer: &buffer, progress: progress)
        case .csv: count = try await exportCSV(size: size, buffer: &buffer, progress: progress)
        case .html:
            let report = HTMLReport(exporter: self, treeSize: size)
            count = try await report.write(to: &buffer, progress: progress)
        }
        let bytes = try await buffer.finish()
        return ExportSummary(entries: count, treeSize: size, bytes: bytes)
    }

    // MARK: - Paging

    /// Calls `body` with each page of the entries `query` selects below `size`; returns how many there were.
    ///
    /// The next page is read while `body` handles the current one, so reading and writing overlap; at most two pages
    /// are held at a time.
    func forEachPage(
        _ query: LedgerQuery, below size: UInt64, progress: (UInt64) -> Void,
        _ body: (ArraySlice<LedgerEntry>) async throws(LedgerError) -> Void
    ) async throws(LedgerError) -> UInt64 {
        var page = query
        page.limit = pageSize
        var count: UInt64 = 0
        var nextReport = progressInterval
        guard page.fromSeq < size else { return 0 }
        var entries = try await store.query(page)
        while true {
            let inRange = entries.prefix { $0.seq < size }
            guard let last = inRange.last else { break }
            page.fromSeq = last.seq + 1
            let more = inRange.count == pageSize && page.fromSeq < size
            let next = more ? Self.prefetch(page, from: store) : nil
            do throws(LedgerError) {
                try await body(inRange)
            } catch {
                next?.cancel()
                throw error
            }
            count += UInt64(inRange.count)
            if count >= nextReport {
                progress(count)
                nextReport = (count / progressInterval + 1) * progressInterval
            }
            guard let next else { break }
            entries = try await next.value.get()
        }
        return count
    }

    /// Starts reading a page.
    static func prefetch(_ query: LedgerQuery, from store: any LedgerStore) -> Task<Result<[LedgerEntry], LedgerError>, Never> {
        Task {
            do throws(LedgerError) {
                return .success(try await store.query(query))
            } catch {
                return .failure(error)
            }
        }
    }

    // MARK: - JSON and NDJSON

    func exportJSON(size: UInt64, buffer: inout ExportBuffer, progress: (UInt64) -> Void) async throws(LedgerError) -> UInt64 {
        buffer.append(UInt8(ascii: "["))
        var first = true
        let count = try await forEachPage(filter, below: size, progress: progress) { page throws(LedgerError) in
            for entry in page {
                buffer.append(first ? "\n" : ",\n")
                first = false
                try Self.appendObject(entry, to: &buffer)
                try await buffer.drainIfFull()
            }
        }
        buffer.append(count == 0 ? "]\n" : "\n]\n")
        return count
    }

    func exportNDJSON(size: UInt64, buffer: inout ExportBuffer, progress: (UInt64) -> Void) async throws(LedgerError) -> UInt64 {
        try await forEachPage(filter, below: size, progress: progress) { page throws(LedgerError) in
            for entry in page {
                try Self.appendObject(entry, to: &buffer)
                buffer.append(UInt8(ascii: "\n"))
                try await buffer.drainIfFull()
            }
        }
    }

    /// The entry's own canonical JSON object with `"leaf_hash"` (base64) added as its last member.
    static func appendObject(_ entry: LedgerEntry, to buffer: inout ExportBuffer) throws(LedgerError) {
        let data = entry.data
        guard data.count >= 2, data[0] == UInt8(ascii: "{"), data[data.count - 1] == UInt8(ascii: "}") else {
            throw LedgerError(.corrupt, "entry \(entry.seq) is not a JSON object")
        }
        buffer.append(data[0..<(data.count - 1)])
        if data.count > 2 { buffer.append(UInt8(ascii: ",")) }
        buffer.append("\"leaf_hash\":\"")
        buffer.append(entry.leafHash.base64)
        buffer.append("\"}")
    }

    // MARK: - CSV

    /// The CSV columns, in order.
    public static let csvColumns = ["seq", "time", "kind", "screen", "session", "severity", "rule", "message", "data"]

    func exportCSV(size: UInt64, buffer: inout ExportBuffer, progress: (UInt64) -> Void) async throws(LedgerError) -> UInt64 {
        buffer.append(Self.csvColumns.joined(separator: ","))
        buffer.append("\r\n")
        var cells = EntryScanner.Cells()
        return try await forEachPage(filter, below: size, progress: progress) { page throws(LedgerError) in
            for entry in page {
                Self.appendCSVRow(entry, cells: &cells, to: &buffer)
                try await buffer.drainIfFull()
            }
        }
    }

    /// One RFC 4180 record: the entry's summary columns, then the whole entry (its canonical JSON) in `data`.
    ///
    /// `screen`, `session`, `severity`, `rule` and `message` come from the drift `event` when it has them, else from
    /// the entry (`screen_id` for templates). `cells` is scratch space, reused from row to row.
    static func appendCSVRow(_ entry: LedgerEntry, cells: inout EntryScanner.Cells, to buffer: inout ExportBuffer) {
        buffer.append(String(entry.seq))
        entry.data.withUnsafeBufferPointer { data in
            cells.reset()
            if EntryScanner.scan(data, into: &cells) {
                for index in 0..<7 {
                    buffer.append(UInt8(ascii: ","))
                    switch cells.column(index) {
                    case .raw(let range)?: appendCSVField(UnsafeBufferPointer(rebasing: data[range]), to: &buffer)
                    case .decoded(let bytes)?: appendCSVField(bytes, to: &buffer)
                    case nil: break
                    }
                }
            } else {
                for column in slowColumns(entry.json) {
                    buffer.append(UInt8(ascii: ","))
                    appendCSVField(column ?? [], to: &buffer)
                }
            }
            buffer.append(UInt8(ascii: ","))
            appendCSVField(data, to: &buffer)
        }
        buffer.append("\r\n")
    }

    /// The summary columns (`time` to `message`) read by ``EntryScanner``, or `nil` when it declines the bytes.
    static func fastColumns(_ data: [UInt8]) -> [[UInt8]?]? {
        var cells = EntryScanner.Cells()
        return data.withUnsafeBufferPointer { pointer -> [[UInt8]?]? in
            guard EntryScanner.scan(pointer, into: &cells) else { return nil }
            return (0..<7).map { index -> [UInt8]? in
                switch cells.column(index) {
                case .raw(let range)?: Array(pointer[range])
                case .decoded(let bytes)?: bytes
                case nil: nil
                }
            }
        }
    }

    /// The summary columns from a parsed entry (the scanner's reference behaviour, used when it declines).
    static func slowColumns(_ value: JSONValue) -> [[UInt8]?] {
        let event = value["event"].flatMap { $0.isNull ? nil : $0 }
        func pick(_ keys: String...) -> JSONValue? {
            for key in keys {
                if let found = event?[key], !found.isNull { return found }
                if let found = value[key], !found.isNull { return found }
            }
            return nil
        }
        let values: [JSONValue?] = [
            value["time"], value["kind"], pick("screen", "screen_id"), pick("session"), pick("severity"), pick("rule"), pick("message"),
        ]
        return values.map(cellText)
    }

    /// A JSON value as cell text: strings as they are, numbers and booleans as JSON, nested values as compact JSON,
    /// `null` and absent values empty.
    static func cellText(_ value: JSONValue?) -> [UInt8]? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return Array(text.utf8)
        case let other?: return JSONWriter(style: .compact).bytes(other)
        }
    }

    /// A field, quoted (with quotes doubled) when it holds a comma, a quote, CR or LF.
    ///
    /// A field that a spreadsheet would read as a formula — one that starts with `=`, `+`, `-`, `@`, a tab or CR
    /// (OWASP, "CSV Injection") — is quoted and starts with a `'`, which spreadsheets show as text and do not run.
    /// The exact bytes stay in the `data` column (the entry's canonical JSON, which starts with `{`).
    static func appendCSVField(_ bytes: [UInt8], to buffer: inout ExportBuffer) {
        bytes.withUnsafeBufferPointer { appendCSVField($0, to: &buffer) }
    }

    /// The first bytes that make a spreadsheet read a cell as a formula.
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    static func appendCSVField(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: inout ExportBuffer) {
        let formula = bytes.first.map(isFormulaStart) ?? false
        var needsQuotes = formula
        for byte in bytes where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            buffer.bytes.append(contentsOf: bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        if formula { buffer.append(UInt8(ascii: "'")) }
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\"") {
            buffer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...index]))
            buffer.append(UInt8(ascii: "\""))
            start = index + 1
        }
        buffer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        buffer.append(UInt8(ascii: "\""))
    }
}
