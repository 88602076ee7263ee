import Foundation
import Hummingbird

/// Typed reads of query parameters; a value of the wrong form is a 400 problem naming the parameter
/// (``Problem/invalidParameter(_:_:)``).
struct QueryParameters {
    let parameters: Parameters

    init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    func string(_ name: String, maxLength: Int = 256) throws(Problem) -> String? {
        guard let value = parameters[Substring(name)] else { return nil }
        guard value.utf8.count <= maxLength else {
            throw Problem.invalidParameter(name, "is longer than \(maxLength) bytes")
        }
        return String(value)
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let text = parameters[Substring(name)] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.invalidParameter(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A ledger sequence number or tree size: see ``parseSequenceNumber(_:name:)``.
    func sequenceNumber(_ name: String) throws(Problem) -> UInt64? {
        guard let text = parameters[Substring(name)] else { return nil }
        return try Self.parseSequenceNumber(text, name: name)
    }

    /// The largest sequence number or tree size a ledger can hold: SQLite and PostgreSQL keep them as signed 64-bit
    /// integers.
    static let maximumSequenceNumber = UInt64(Int64.max)

    /// Digits only, from 0 to ``maximumSequenceNumber``; anything else (a sign, a fraction, an exponent, a number
    /// past 2⁶³ − 1) is a 400 problem naming the parameter.
    static func parseSequenceNumber(_ text: Substring, name: String) throws(Problem) -> UInt64 {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let value = UInt64(text),
            value <= maximumSequenceNumber
        else {
            throw Problem.invalidParameter(name, "must be a whole number from 0 to \(maximumSequenceNumber)")
        }
        return value
    }

    /// An RFC 3339 time such as `2026-11-27T00:00:00Z` (compared as text with the ledger's UTC times).
    func time(_ name: String) throws(Problem) -> String? {
        guard let text = try string(name, maxLength: 40) else { return nil }
        guard (try? Date(text, strategy: .iso8601)) != nil else {
            throw Problem.invalidParameter(name, "must be an RFC 3339 time such as 2026-11-27T00:00:00Z")
        }
        return text
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, as type: Choice.Type) throws(Problem) -> Choice?
    where Choice.RawValue == String {
        guard let text = parameters[Substring(name)] else { return nil }
        guard let value = Choice(rawValue: String(text)) else {
            let choices = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.invalidParameter(name, "must be one of \(choices)")
        }
        return value
    }
}

extension Parameters {
    /// A path parameter that is a ledger sequence number (``QueryParameters/parseSequenceNumber(_:name:)``).
    func sequenceNumber(_ name: String) throws(Problem) -> UInt64 {
        guard let text = self[Substring(name)] else { throw Problem.invalidParameter(name, "is required") }
        return try QueryParameters.parseSequenceNumber(text, name: name)
    }
}

extension Problem {
    /// 400 for a path or query parameter of the wrong form; the body's `parameter` member names it.
    static func invalidParameter(_ name: String, _ requirement: String) -> Problem {
        Problem(.badRequest, detail: "The parameter \(name) \(requirement).", extensions: [("parameter", .string(name))])
    }
}
