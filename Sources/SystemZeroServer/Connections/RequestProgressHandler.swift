import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Sits after the HTTP decoder: tells ``RequestDeadlineHandler`` where each request stands, and closes the connection
/// once a response that says `Connection: close` (as every answer does while the server drains) is written, so that
/// the client's next request goes to a new connection rather than to one the listener is about to drop.
final class RequestProgressHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var closeAfterResponse = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: context.triggerUserOutboundEvent(RequestProgress.headRead, promise: nil)
        case .end: context.triggerUserOutboundEvent(RequestProgress.requestRead, promise: nil)
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.status.kind != .informational, let connection = head.headerFields[.connection], connection.lowercased() == "close" {
                closeAfterResponse = true
            }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            context.triggerUserOutboundEvent(RequestProgress.responseWritten, promise: nil)
            guard closeAfterResponse else {
                context.write(data, promise: promise)
                return
            }
            let channel = context.channel
            context.writeAndFlush(data).whenComplete { result in
                channel.close(promise: nil)
                promise?.completeWith(result)
            }
        }
    }
}
