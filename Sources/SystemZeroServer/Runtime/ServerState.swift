import Foundation
import Hummingbird
import Logging
import Synchronization
import SystemZeroCore
import SystemZeroLedger

/// What every handler shares: the settings in force, the ledger, the template library and pipeline, sessions, keys,
/// counters and metrics. Parts that a reload can change are behind locks.
public final class ServerState: Sendable {
    public let settings: LockedValue<ServerSettings>
    public let ledger: Ledger
    public let checkpointer: Checkpointer
    public let keys: APIKeyStore
    public let sessions = SessionRegistry()
    /// Listing pages already made at the current ledger size.
    let pageCache = PageCache()
    /// Orders each session's check-and-append.
    let sequencer = SessionSequencer()
    public let statistics = RequestStatistics()
    public let metrics = ServerMetrics()
    /// The request log, apart from the ledger and the application log.
    public let requestLog: RequestLog
    public let counters: LedgerCounters
    /// The library and the pipeline over it; replaced whole when templates change (``install(_:)``).
    public let pipeline: LockedValue<DriftPipeline>
    /// The body of `GET /templates`, made once per library.
    let templateListing: LockedValue<ByteBuffer>
    /// Serializes template changes (file write, history, library rebuild), which are synchronous.
    let templateChanges = Mutex(())
    /// Limits and lists the middlewares read on every request; a reload replaces them.
    public let rateLimiter: RateLimiter
    public let corsOrigins: LockedValue<Set<String>>
    public let bodyLimit: LockedValue<Int>
    public let trustedProxies: LockedValue<TrustedProxies>
    /// `true` once shutdown has begun: `/ready` answers 503 and answers carry `Connection: close`.
    public let draining = AtomicFlag()
    /// The requests being answered now.
    public let inFlight = InFlightRequests()
    /// Requests still running when the drain period ran out (they were cancelled); 0 after a clean drain.
    public let requestsCutByDrain = LockedValue(0)
    /// Whether appends find room on the disk.
    public let writeHealth: LedgerWriteHealth
    /// The application log's level, which a reload may change.
    public let loggerLevel: LockedValue<Logger.Level>
    private let baseLogger: Logger

    /// The application logger at the level in force.
    public var logger: Logger {
        var logger = baseLogger
        logger.logLevel = loggerLevel.value
        return logger
    }

    /// Opens everything the settings name: folders are created, the ledger opened, templates loaded and keys read.
    public init(settings: ServerSettings, logger: Logger = Logger(label: "systemzero")) async throws {
        for directory in [settings.dataDirectory, settings.logDirectory, settings.configDirectory] {
            do {
                try SecureFile.makeDirectory(directory)
            } catch {
                throw SettingsError(directory, error.description)
            }
        }
        self.settings = LockedValue(settings)
        requestLog = RequestLog(
            directory: settings.logDirectory, rotation: RequestLog.Rotation(rawValue: settings.requestLogRotation) ?? .daily,
            retentionDays: settings.requestLogRetentionDays, logsProbes: settings.requestLogProbes)
        rateLimiter = RateLimiter(perMinute: settings.rateLimitPerMinute, burst: settings.rateBurst)
        corsOrigins = LockedValue(Set(settings.corsOrigins))
        bodyLimit = LockedValue(settings.bodyLimit)
        trustedProxies = LockedValue(TrustedProxies(settings.trustedProxies))
        baseLogger = logger
        writeHealth = LedgerWriteHealth(directory: settings.dataDirectory)
        loggerLevel = LockedValue(Logger.Level(rawValue: settings.logLevel) ?? .info)
        ledger = try Ledger(directory: settings.dataDirectory, origin: settings.ledgerOrigin)
        if let store = ledger.store as? SQLiteLedgerStore { try await store.lockForWriting() }
        checkpointer = Checkpointer(ledger: ledger)
        keys = try APIKeyStore(path: Self.keyFile(settings), bootstrapKey: settings.bootstrapAPIKey)
        let library = try TemplateLibrary.load(directory: settings.templateDirectory)
        pipeline = LockedValue(DriftPipeline(library: library))
        templateListing = LockedValue(TemplateRoutes.listing(library))
        counters = try await LedgerCounters(store: ledger.store)
        metrics.templatesLoaded.set(Double(library.templates.count))
        metrics.ledgerEntries.set(Double(counters.snapshot.size))
    }

    /// Puts a new template library in force, with the answers made from it.
    func install(_ library: TemplateLibrary) {
        pipeline.set(DriftPipeline(library: library))
        templateListing.set(TemplateRoutes.listing(library))
        metrics.templatesLoaded.set(Double(library.templates.count))
    }

    static func keyFile(_ settings: ServerSettings) -> String {
        (settings.configDirectory as NSString).appendingPathComponent("api_keys.yaml")
    }

    /// Appends a batch, keeping the counters, the metrics and the write health in step; returns the sequence numbers.
    public func append(_ batch: LedgerBatch) async throws(LedgerError) -> [UInt64] {
        let start = ContinuousClock.now
        let seqs: [UInt64]
        do {
            seqs = try await ledger.store.append(batch)
        } catch {
            writeHealth.record(error)
            metrics.recordAppendFailure(error)
            throw error
        }
        writeHealth.record(nil)
        metrics.ledgerAppendDuration.record(ContinuousClock.now - start)
        counters.appended(kinds: batch.records.map(\.kind), severities: batch.records.compactMap(\.severity), lastSeq: seqs.last ?? 0)
        metrics.ledgerEntries.set(Double(counters.snapshot.size))
        return seqs
    }

    /// Records a change of API keys in the ledger.
    public func recordKeyChange(_ action: String, _ record: APIKeyRecord, by actor: String) async throws(LedgerError) {
        _ = try await append(KeyChangeRecord.batch(action: action, record, by: actor))
    }
}
