import SystemZeroCore

/// What the DevTools events of one navigation tell about its progress: whether the main frame's load event has
/// fired, and which requests are still in flight.
struct LoadProgress: Sendable {
    let frameID: String
    let loaderID: String?
    private(set) var loaded = false
    private(set) var networkIdle = false
    private(set) var inFlight = Set<String>()

    init(frameID: String, loaderID: String?) {
        self.frameID = frameID
        self.loaderID = loaderID
    }

    /// Settled once the load event has fired and the network is quiet: no request in flight, or Chromium's own
    /// `networkIdle` (which also counts what the Network domain does not show).
    var isSettled: Bool { loaded && (inFlight.isEmpty || networkIdle) }

    mutating func note(_ event: CDPConnection.Event) {
        switch event.method {
        case "Page.lifecycleEvent":
            guard event.params["frameId"]?.stringValue == frameID,
                loaderID == nil || event.params["loaderId"]?.stringValue == loaderID
            else { return }
            switch event.params["name"]?.stringValue {
            case "load": loaded = true
            case "networkIdle": networkIdle = true
            default: break
            }
        case "Network.requestWillBeSent":
            if let id = event.params["requestId"]?.stringValue { inFlight.insert(id) }
        case "Network.loadingFinished", "Network.loadingFailed":
            if let id = event.params["requestId"]?.stringValue { inFlight.remove(id) }
        default:
            break
        }
    }
}
