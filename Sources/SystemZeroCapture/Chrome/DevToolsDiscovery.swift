import Foundation
import SystemZeroCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a running Chromium's browser WebSocket URL from `GET /json/version` on its DevTools HTTP port.
///
/// A plain HTTP/1.1 exchange over a socket: Chromium writes headers without a space after the colon
/// (`Content-Length:443`), which Foundation's URLSession on Linux refuses ("Failed writing header").
public enum DevToolsDiscovery {
    /// The largest answer read.
    static let maxResponseBytes = 1 << 20

    /// The `webSocketDebuggerUrl` of the browser at `endpoint` (`http://host:port`).
    public static func webSocketURL(httpEndpoint endpoint: String, timeout: Duration) throws(CaptureError) -> String {
        guard let components = URLComponents(string: endpoint), components.scheme == "http", let host = components.host,
            let port = components.port
        else {
            throw .endpoint("\(endpoint) is neither a ws:// URL nor http://host:port")
        }
        let response = try get(host: host, port: port, path: "/json/version", timeout: timeout)
        guard let split = ByteSearch.firstOffset(of: Array("\r\n\r\n".utf8), in: response),
            String(decoding: response.prefix(12), as: UTF8.self).hasSuffix("200")
        else {
            throw .endpoint("\(endpoint)/json/version did not answer 200 OK")
        }
        guard let document = try? JSONParser().parse(Array(response[(split + 4)...])),
            let url = document["webSocketDebuggerUrl"]?.stringValue
        else {
            throw .endpoint("\(endpoint)/json/version has no webSocketDebuggerUrl")
        }
        return url
    }

    private static func get(host: String, port: Int, path: String, timeout: Duration) throws(CaptureError) -> [UInt8] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw .endpoint("cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { throw .endpoint("cannot open a socket") }
        defer { close(descriptor) }
        let parts = timeout.components
        var limit = timeval(tv_sec: Int(parts.seconds), tv_usec: Int(parts.attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        guard connect(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            throw .endpoint("cannot connect to \(host):\(port): \(String(cString: strerror(errno)))")
        }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard send(descriptor, request, request.count, 0) == request.count else {
            throw .endpoint("cannot send to \(host):\(port)")
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        while response.count <= maxResponseBytes {
            if isComplete(response) { return response }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return response }
            guard count > 0 else { throw .endpoint("\(host):\(port) did not answer: \(String(cString: strerror(errno)))") }
            response.append(contentsOf: buffer[0..<count])
        }
        throw .endpoint("\(host):\(port) answered more than \(maxResponseBytes) bytes")
    }

    /// `true` when `response` holds its headers and as many body bytes as its `Content-Length` says.
    static func isComplete(_ response: [UInt8]) -> Bool {
        guard let split = ByteSearch.firstOffset(of: Array("\r\n\r\n".utf8), in: response) else { return false }
        let headers = String(decoding: response[..<split], as: UTF8.self).lowercased().split(separator: "\r\n")
        guard let line = headers.first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return false }
        return response.count - (split + 4) >= length
    }
}
