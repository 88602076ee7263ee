import Foundation
import Hummingbird
import NIOCore
import SystemZeroCore
import SystemZeroLedger

/// An RFC 9457 problem: every error the API sends is one, as `application/problem+json`.
public struct Problem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// A human-readable explanation of this occurrence.
    public var detail: String
    /// Extra headers (`Retry-After`, `WWW-Authenticate`, …).
    public var headers: HTTPFields
    /// Extra members of the body.
    public var extensions: [(String, JSONValue)]

    public init(_ status: HTTPResponse.Status, detail: String, headers: HTTPFields = [:], extensions: [(String, JSONValue)] = []) {
        self.status = status
        self.detail = detail
        self.headers = headers
        self.extensions = extensions
    }

    /// The body: `type`, `title`, `status`, `detail` and any extensions.
    public var json: JSONValue {
        .object(
            [
                ("type", .string("about:blank")), ("title", .string(status.reasonPhrase)), ("status", .number(Double(status.code))),
                ("detail", .string(detail)),
            ] + extensions)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response.json(json, status: status, contentType: "application/problem+json")
        response.headers.append(contentsOf: headers)
        return response
    }

    /// The problem that stands for any error thrown while handling a request.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as HTTPError:
            return Problem(error.status, detail: error.body ?? error.status.reasonPhrase, headers: error.headers)
        case let error as LedgerError where error.kind == .notFound:
            return Problem(.notFound, detail: error.message)
        case let error as LedgerError where error.kind == .invalidRequest:
            return Problem(.badRequest, detail: error.message)
        case let error as LedgerError where error.kind == .full:
            return Problem(
                .insufficientStorage,
                detail: "The ledger's disk is full, so nothing was recorded (\(error.message)). Retry once space is freed.")
        case let error as LedgerError where error.kind == .storage:
            return Problem(
                .serviceUnavailable, detail: "The ledger cannot be used right now, so nothing was recorded: \(error.message).",
                headers: [.retryAfter: "5"])
        case is NIOTooManyBytesError:
            return Problem(.contentTooLarge, detail: "The request body is larger than the limit.")
        case let error as any HTTPResponseError:
            return Problem(error.status, detail: error.status.reasonPhrase)
        default:
            return Problem(.internalServerError, detail: "The server could not handle the request.")
        }
    }
}

extension HTTPResponse.Status {
    /// 507 (RFC 4918): the ledger's disk is full.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
}

extension Response {
    /// A JSON response with `value` written compactly.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONWriter(style: .compact).bytes(value))))
    }

    /// A 200 JSON response with a body written already.
    static func json(body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
    }

    /// A text response.
    static func text(_ text: String, status: HTTPResponse.Status = .ok, contentType: String) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
