import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET through `URLSession` whose answer is read only up to a limit: the transfer is cancelled as soon as
/// the body (or its declared length) goes over, so a server cannot make us hold more than the limit in memory.
final class BoundedFetch: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// Why a fetch failed.
    enum Failure: Error {
        /// The request did not complete: no connection, a timeout, a broken answer.
        case transport(String)
        /// The body is longer than the limit.
        case tooLarge(limit: Int)
        /// The task was cancelled.
        case cancelled
    }

    private let limit: Int
    /// Guards everything below: the delegate is called on the session's queue, the continuation set on ours.
    private let lock = NSLock()
    private var body = Data()
    private var overLimit = false
    private var continuation: CheckedContinuation<(status: Int, body: Data), any Error>?

    private init(limit: Int) {
        self.limit = limit
    }

    /// GETs `url` and returns the status and body, or throws a ``Failure``.
    static func get(_ url: URL, accept: String, timeout: Duration, limit: Int) async throws(Failure) -> (status: Int, body: Data) {
        let fetch = BoundedFetch(limit: limit)
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        let session = URLSession(configuration: configuration, delegate: fetch, delegateQueue: nil)
        // The session holds its delegate until it is invalidated.
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url)
        request.timeoutInterval = seconds
        request.setValue(accept, forHTTPHeaderField: "Accept")
        let task = session.dataTask(with: request)
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    fetch.lock.withLock { fetch.continuation = continuation }
                    task.resume()
                }
            } onCancel: {
                task.cancel()
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Task.isCancelled ? .cancelled : .transport(error.localizedDescription)
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if response.expectedContentLength > Int64(limit) {
            lock.withLock { overLimit = true }
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = lock.withLock {
            guard !overLimit else { return true }
            guard body.count + data.count <= limit else {
                overLimit = true
                return true
            }
            body.append(data)
            return false
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let status = (task.response as? HTTPURLResponse)?.statusCode ?? 0
        let (continuation, result):
            (CheckedContinuation<(status: Int, body: Data), any Error>?, Result<(status: Int, body: Data), Failure>) =
                lock.withLock {
                    let waiting = self.continuation
                    self.continuation = nil
                    if overLimit { return (waiting, .failure(.tooLarge(limit: limit))) }
                    if let error { return (waiting, .failure(.transport(error.localizedDescription))) }
                    return (waiting, .success((status, body)))
                }
        continuation?.resume(with: result.mapError { $0 as any Error })
    }
}
