import Foundation
import SystemZeroCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts native captures to a System//Zero server (`POST {server}/captures` with the `X-API-Key` header).
public struct CaptureUploader: Sendable {
    /// What the server made of a capture (its 201 answer).
    public struct Receipt: Sendable {
        /// The ledger sequence number of the capture.
        public var seq: Int
        public var screen: String
        public var score: Double
        /// The drift events, as the server wrote them.
        public var events: [JSONValue]
    }

    public var server: URL
    public var key: String
    public var timeout: Duration

    public init(server: URL, key: String, timeout: Duration = .seconds(30)) {
        self.server = server
        self.key = key
        self.timeout = timeout
    }

    /// Posts one capture and reads the server's receipt.
    public func post(_ capture: Capture) async throws(CaptureError) -> Receipt {
        var request = URLRequest(url: server.appendingPathComponent("captures"))
        request.httpMethod = "POST"
        request.timeoutInterval = timeout.seconds
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(key, forHTTPHeaderField: "X-API-Key")
        request.httpBody = Data(JSONWriter(style: .compact).bytes(NativeCaptureCodec.encode(capture)))
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw .uploadFailed("\(request.url?.absoluteString ?? "?"): \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let body = try? JSONParser().parse([UInt8](data.prefix(16 << 20)))
        guard status == 201 || status == 200 else {
            let detail = body?["detail"]?.stringValue ?? body?["title"]?.stringValue ?? String(decoding: data.prefix(300), as: UTF8.self)
            throw .uploadFailed("the server answered \(status): \(detail)")
        }
        guard let body, let seq = body["seq"]?.integerValue(as: Int.self), let screen = body["screen"]?.stringValue else {
            throw .uploadFailed("the server's answer has no seq and screen")
        }
        return Receipt(seq: seq, screen: screen, score: body["score"]?.numberValue ?? 0, events: body["events"]?.arrayValue ?? [])
    }
}
