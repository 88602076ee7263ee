import HTTPTypes
import Hummingbird

/// The outermost middleware: identifies the request (``RequestIdentification``), lets the rest answer it, then adds
/// the security headers (``SecurityHeaders``) and the request id, and logs and counts it (``RequestObservation``),
/// thrown errors included (status from `Problem.from`; a thrown error gets no headers here, as it is no response yet).
///
/// The three are one middleware so that every request, and above all the frequent probes registered right inside
/// it, pays for one async frame and one copy of the context rather than three. While the server drains, every answer
/// also says `Connection: close`, and the connection is closed once it is written (``RequestProgressHandler``), so
/// clients take their next request elsewhere before the listener closes.
public struct RequestEnvelopeMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let identification: RequestIdentification
    let observation: RequestObservation
    let securityHeaders: SecurityHeaders
    let draining: AtomicFlag
    let inFlight: InFlightRequests

    public init(
        identification: RequestIdentification, observation: RequestObservation, securityHeaders: SecurityHeaders,
        draining: AtomicFlag = AtomicFlag(), inFlight: InFlightRequests = InFlightRequests()
    ) {
        self.identification = identification
        self.observation = observation
        self.securityHeaders = securityHeaders
        self.draining = draining
        self.inFlight = inFlight
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        identification.identify(request, context: &context)
        let start = ContinuousClock.now
        inFlight.begin()
        defer { inFlight.end() }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            observation.observe(request, context: context, status: Problem.from(error).status.code, start: start)
            throw error
        }
        securityHeaders.apply(to: &response)
        observation.observe(request, context: context, status: response.status.code, start: start)
        // Handlers set no request id: append it, without the search a replacing assignment makes.
        response.headers.append(HTTPField(name: RequestIdentification.requestIDHeader, value: context.requestID))
        if draining.value { response.headers[.connection] = "close" }
        return response
    }
}
