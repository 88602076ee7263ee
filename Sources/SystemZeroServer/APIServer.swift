import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import UnixSignals

/// The System//Zero API server: the router with its middleware, the HTTP (or HTTPS) server, and the services around
/// it (request-log flushing, the drain notice, SIGHUP reloads), run as one service group with graceful shutdown on
/// SIGTERM and SIGINT.
///
/// ```swift
/// let (settings, _) = try SettingsLoader().load()
/// let server = try await APIServer(settings: settings)
/// try await server.run()
/// ```
public struct APIServer: Sendable {
    public let state: ServerState
    let loadSettings: @Sendable () throws -> ServerSettings
    /// How long `/ready` answers 503 before the listener closes.
    public var drainNotice: Duration
    /// The running service group, for ``shutdown()``.
    private let group = LockedValue<ServiceGroup?>(nil)

    /// Opens the state the settings name. `loadSettings` re-reads the settings for reloads.
    public init(
        settings: ServerSettings, loadSettings: @escaping @Sendable () throws -> ServerSettings, drainNotice: Duration = .seconds(2),
        logger: Logger = Logger(label: "systemzero")
    ) async throws {
        state = try await ServerState(settings: settings, logger: logger)
        self.loadSettings = loadSettings
        self.drainNotice = drainNotice
    }

    /// The router: middleware outermost first, then every route of ``APIRoute/all``. The probes (`/health`, `/ready`)
    /// are registered after the first middleware (request id and caller, security headers, log and metrics) and
    /// before the rest: they need no key, carry no body, are never rate-limited and serve no page, and an
    /// orchestrator calls them often, so they answer on the shortest path.
    public func makeRouter() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self, options: .autoGenerateHeadEndpoints)
        let handlers = APIHandlers(state: state, loadSettings: loadSettings)
        func register(_ routes: some Sequence<APIRoute>) {
            for route in routes {
                router.on(RouterPath(route.routerPath), method: route.method, use: handlers.handler(for: route))
            }
        }
        router.add(
            middleware: RequestEnvelopeMiddleware(
                identification: RequestIdentification(keys: state.keys, trustedProxies: state.trustedProxies),
                observation: RequestObservation(log: state.requestLog, metrics: state.metrics, statistics: state.statistics),
                securityHeaders: SecurityHeaders(tls: state.settings.value.usesTLS), draining: state.draining, inFlight: state.inFlight))
        register(APIRoute.all.filter(\.isProbe))
        router.add(
            middleware: APIGuardMiddleware(
                rateLimit: RequestRateLimit(limiter: state.rateLimiter), preflight: CORSPreflight(origins: state.corsOrigins),
                bodyLimit: BodyLimit(limit: state.bodyLimit), allowlist: CORSAllowlist(origins: state.corsOrigins)))
        register(APIRoute.all.filter { !$0.isProbe })
        return router
    }

    /// The HTTP application, listening where the settings say; `onRunning` gets the bound port.
    public func makeApplication(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        let settings = state.settings.value
        let limits = ConnectionLimits(settings)
        let server: HTTPServerBuilder
        if let certificate = settings.tlsCertificatePath, let key = settings.tlsKeyPath {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
                let configuration = TLSConfiguration.makeServerConfiguration(
                    certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
                server = try .tls(.guardedHTTP1(limits: limits), tlsConfiguration: configuration)
            } catch {
                throw SettingsError("SYSTEMZERO_TLS_CERT", "cannot load the TLS certificate \(certificate) and key \(key): \(error)")
            }
        } else {
            server = .guardedHTTP1(limits: limits)
        }
        return Application(
            router: makeRouter(), server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: nil, backlog: ConnectionLimits.backlog,
                availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? settings.port) }, logger: state.logger)
    }

    /// Runs until SIGTERM or SIGINT, then drains: `/ready` turns 503 for ``drainNotice``, the listener closes,
    /// in-flight requests get `SYSTEMZERO_DRAIN_SECONDS` to finish, the request log is flushed and a final checkpoint
    /// is signed. SIGHUP reloads the settings.
    ///
    /// - Throws: ``ServerRunError/cannotListen(address:reason:)`` when the address cannot be bound (before anything is
    ///   logged of a shutdown), ``ServerRunError/drainRanOut(requests:)`` after a drain that had to cut requests off.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let listening = AtomicFlag()
        let application = try makeApplication { port in
            listening.set(true)
            await onRunning(port)
        }
        let drain = Duration.seconds(state.settings.value.drainSeconds)
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: RequestLogService(state: state)), .init(service: application),
                .init(service: ReloadSignalService(state: state, loadSettings: loadSettings)),
                .init(service: DrainNoticeService(state: state, notice: drainNotice, drain: drain)),
            ], gracefulShutdownSignals: [.sigterm, .sigint], logger: state.logger)
        configuration.maximumGracefulShutdownDuration = drainNotice + drain + DrainNoticeService.watchMargin
        let serviceGroup = ServiceGroup(configuration: configuration)
        group.set(serviceGroup)
        do {
            try await serviceGroup.run()
        } catch let error as IOError where !listening.value {
            let settings = state.settings.value
            throw ServerRunError.cannotListen(address: "\(settings.host):\(settings.port)", reason: Self.reason(error))
        }
        _ = try? await state.ledger.signCheckpoint()
        let cut = state.requestsCutByDrain.value
        guard cut == 0 else { throw ServerRunError.drainRanOut(requests: cut) }
        state.logger.notice("stopped")
    }

    /// The system's words for a failed bind or listen (`address already in use`).
    static func reason(_ error: IOError) -> String {
        String(cString: strerror(error.errnoCode)).lowercased()
    }
}

extension APIServer {
    /// Starts the same graceful shutdown as SIGTERM (for embedders and tests).
    public func shutdown() async {
        await group.value?.triggerGracefulShutdown()
    }
}

/// Reloads the settings on SIGHUP.
struct ReloadSignalService: Service {
    let state: ServerState
    let loadSettings: @Sendable () throws -> ServerSettings

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                do {
                    let report = try await state.reload(try loadSettings(), by: "SIGHUP")
                    state.logger.notice("reloaded on SIGHUP", metadata: ["needs_restart": "\(report.needsRestart)"])
                } catch {
                    state.logger.error("reload on SIGHUP failed; the settings in force are unchanged", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
