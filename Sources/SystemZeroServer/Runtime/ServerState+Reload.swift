import Foundation
import Logging
import SystemZeroCore
import SystemZeroLedger

extension ServerState {
    /// What a reload did.
    public struct ReloadReport: Sendable, Hashable {
        /// Variables whose new values are now in force.
        public var applied: [String]
        /// Variables that changed but take effect only after a restart.
        public var needsRestart: [String]
        /// Templates in the library after the reload.
        public var templates: Int
        /// Keys in the key file after the reload.
        public var keys: Int
    }

    /// Applies new settings: the live ones (CORS, rate limits, body limit, proxies, log level, grace period, …) at once;
    /// the rest are reported as needing a restart. Keys and templates are re-read either way. Nothing changes unless
    /// everything can be read. The reload is recorded in the ledger.
    public func reload(_ new: ServerSettings, by actor: String) async throws -> ReloadReport {
        let old = settings.value
        var next = old
        var applied: [String] = []
        var needsRestart: [String] = []
        for definition in SettingDefinition.all where definition.value(in: old) != definition.value(in: new) {
            if definition.isLive {
                if let value = definition.value(in: new) {
                    _ = definition.parse(&next, value)
                } else {
                    _ = definition.parse(&next, "")
                }
                applied.append(definition.name)
            } else {
                needsRestart.append(definition.name)
            }
        }
        let library = try TemplateLibrary.load(directory: next.templateDirectory)
        try keys.reload(bootstrapKey: next.bootstrapAPIKey)
        templateChanges.withLock { _ in install(library) }
        rateLimiter.configure(perMinute: next.rateLimitPerMinute, burst: next.rateBurst)
        corsOrigins.set(Set(next.corsOrigins))
        bodyLimit.set(next.bodyLimit)
        trustedProxies.set(TrustedProxies(next.trustedProxies))
        requestLog.configure(retentionDays: next.requestLogRetentionDays, logsProbes: next.requestLogProbes)
        loggerLevel.set(Logger.Level(rawValue: next.logLevel) ?? .info)
        settings.set(next)
        let report = ReloadReport(applied: applied, needsRestart: needsRestart, templates: library.templates.count, keys: keys.list().count)
        _ = try await append(
            LedgerBatch(records: [
                LedgerRecord(
                    kind: "config",
                    body: [
                        ("action", .string("reload")), ("applied", .array(applied.map(JSONValue.string))),
                        ("needs_restart", .array(needsRestart.map(JSONValue.string))), ("templates", .number(Double(report.templates))),
                        ("by", .string(actor)),
                    ])
            ]))
        logger.info("configuration reloaded", metadata: ["applied": "\(applied)", "needs_restart": "\(needsRestart)"])
        return report
    }
}
