import Foundation
import Hummingbird

/// Typed reads of query parameters; a value of the wrong form is a 400 problem naming the parameter.
struct QueryParameters {
    let parameters: Parameters

    init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    func string(_ name: String, maxLength: Int = 256) throws(Problem) -> String? {
        guard let value = parameters[Substring(name)] else { return nil }
        guard value.utf8.count <= maxLength else {
            throw Problem(.badRequest, detail: "The parameter \(name) is longer than \(maxLength) bytes.")
        }
        return String(value)
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let text = parameters[Substring(name)] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem(
                .badRequest, detail: "The parameter \(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    func sequenceNumber(_ name: String) throws(Problem) -> UInt64? {
        guard let text = parameters[Substring(name)] else { return nil }
        guard let value = UInt64(text) else { throw Problem(.badRequest, detail: "The parameter \(name) must be a whole number.") }
        return value
    }

    /// An RFC 3339 time such as `2026-11-27T00:00:00Z` (compared as text with the ledger's UTC times).
    func time(_ name: String) throws(Problem) -> String? {
        guard let text = try string(name, maxLength: 40) else { return nil }
        guard (try? Date(text, strategy: .iso8601)) != nil else {
            throw Problem(.badRequest, detail: "The parameter \(name) must be an RFC 3339 time such as 2026-11-27T00:00:00Z.")
        }
        return text
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, as type: Choice.Type) throws(Problem) -> Choice?
    where Choice.RawValue == String {
        guard let text = parameters[Substring(name)] else { return nil }
        guard let value = Choice(rawValue: String(text)) else {
            let choices = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem(.badRequest, detail: "The parameter \(name) must be one of \(choices).")
        }
        return value
    }
}
