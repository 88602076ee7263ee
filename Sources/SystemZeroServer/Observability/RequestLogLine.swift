import SystemZeroCore

/// One line of the request log, written straight into bytes: this runs on every request, so it builds no `JSONValue`
/// and formats no numbers through Foundation. Keys come in a fixed order; absent values are `null`.
struct RequestLogLine {
    var time: String
    var requestID: String
    var method: String
    var route: String
    var path: String
    var status: Int
    /// The latency in microseconds, written as milliseconds with up to three decimals.
    var latencyMicroseconds: Int64
    var clientAddress: String
    var userAgent: String?
    var keyID: String?

    /// The line as compact JSON, without its newline.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + path.utf8.count + (userAgent?.utf8.count ?? 0))
        write(into: &out)
        return out
    }

    /// Appends the line as compact JSON, without its newline.
    func write(into out: inout [UInt8]) {
        field("time", time, first: true, into: &out)
        field("request_id", requestID, into: &out)
        field("method", method, into: &out)
        field("route", route, into: &out)
        field("path", path, into: &out)
        out.append(contentsOf: #","status":"#.utf8)
        out.append(contentsOf: String(status).utf8)
        out.append(contentsOf: #","latency_ms":"#.utf8)
        Self.writeMilliseconds(latencyMicroseconds, into: &out)
        field("client_ip", clientAddress, into: &out)
        field("user_agent", userAgent, into: &out)
        field("key_id", keyID, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    private func field(_ name: StaticString, _ value: String?, first: Bool = false, into out: inout [UInt8]) {
        out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(contentsOf: #"":"#.utf8)
        if let value { JSONWriter.writeString(value, into: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    /// `1500` → `1.5`, `2000` → `2`, `123` → `0.123`: the shortest decimal form of the value in milliseconds.
    static func writeMilliseconds(_ microseconds: Int64, into out: inout [UInt8]) {
        let value = max(0, microseconds)
        out.append(contentsOf: String(value / 1000).utf8)
        var fraction = value % 1000
        guard fraction > 0 else { return }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        let text = String(fraction)
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits - text.utf8.count))
        out.append(contentsOf: text.utf8)
    }
}
